package io.metaxy.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.Lineage;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.spi.MetadataStoreProviders;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.MigrationEventType;
import io.metaxy.ports.system.RebaseResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Focused tests of the in-memory store; the compatibility kit covers the contract in full. */
class InMemoryMetadataStoreTest {
  static final FeatureKey VIDEO = FeatureKey.of("example/video");
  static final FeatureKey CROP = FeatureKey.of("example/crop");
  static final FeatureKey FACES = FeatureKey.of("example/face_detection");
  static final FeatureKey STT = FeatureKey.of("example/stt");

  final TickingClock clock = new TickingClock(Instant.parse("2026-01-01T00:00:00Z"));

  static FeatureGraph videoGraph(String audioCodeVersion) {
    return FeatureGraph.of(
        FeatureSpec.builder(VIDEO)
            .idColumns("video_id")
            .field("audio", audioCodeVersion)
            .field("frames", "1")
            .build(),
        FeatureSpec.builder(CROP)
            .idColumns("video_id")
            .dependsOn(FeatureDep.on(VIDEO))
            .field("audio", "1")
            .field("frames", "1")
            .build(),
        FeatureSpec.builder(FACES)
            .idColumns("video_id")
            .dependsOn(FeatureDep.on(CROP))
            .field(
                FieldSpec.builder("faces")
                    .codeVersion("1")
                    .dependsOn("example/crop", "frames")
                    .build())
            .build(),
        FeatureSpec.builder(STT)
            .idColumns("video_id")
            .dependsOn(FeatureDep.on(VIDEO))
            .field(
                FieldSpec.builder("transcription")
                    .codeVersion("1")
                    .dependsOn("example/video", "audio")
                    .build())
            .build());
  }

  InMemoryMetadataStore store(FeatureGraph graph) {
    return new InMemoryMetadataStore(StoreSettings.builder(graph).clock(clock).build()).open();
  }

  static Row video(String id, String audio, String frames) {
    return Row.of(
        "video_id",
        id,
        "path",
        "/videos/" + id,
        SystemColumns.PROVENANCE_BY_FIELD,
        Map.of("audio", audio, "frames", frames));
  }

  static List<Object> ids(List<Row> rows, String column) {
    return rows.stream().map(r -> r.get(column)).sorted().toList();
  }

  /** Resolves and writes {@code feature} with the increment's new and stale rows. */
  static Increment.Materialized materialise(MetadataStore s, FeatureKey feature) {
    Increment.Materialized inc = s.resolveUpdate(feature).collect();
    s.write(feature, inc.toCompute());
    return inc;
  }

  @Nested
  class VideoPipeline {
    @Test
    void audioBumpRecomputesCropAndSttOnly() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      s.write(
          VIDEO,
          List.of(video("v1", "a1", "f1"), video("v2", "a2", "f2"), video("v3", "a3", "f3")));
      assertThat(materialise(s, CROP).newRows()).hasSize(3);
      assertThat(materialise(s, FACES).newRows()).hasSize(3);
      assertThat(materialise(s, STT).newRows()).hasSize(3);
      for (FeatureKey f : List.of(CROP, FACES, STT)) {
        assertThat(s.resolveUpdate(f).collect().isEmpty()).as("%s up to date", f).isTrue();
      }

      MetadataStore bumped = s.withGraph(videoGraph("2"));
      // video itself has a new feature version: its samples are new and must be rewritten
      List<Row> videos = s.read(VIDEO).toList();
      assertThat(
              bumped.resolveUpdate(VIDEO, ResolveOptions.withSamples(videos)).collect().newRows())
          .hasSize(3);
      bumped.write(VIDEO, videos);
      Increment.Materialized crop = bumped.resolveUpdate(CROP).collect();
      assertThat(ids(crop.newRows(), "video_id")).containsExactly("v1", "v2", "v3");
      assertThat(crop.staleRows()).isEmpty();
      assertThat(ids(bumped.resolveUpdate(STT).collect().newRows(), "video_id"))
          .containsExactly("v1", "v2", "v3");
      bumped.write(CROP, crop.toCompute());
      assertThat(bumped.resolveUpdate(FACES).collect().isEmpty()).isTrue();
    }

    @Test
    void changedUpstreamDataVersionMakesOnlyThatSampleStale() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      s.write(
          VIDEO,
          List.of(video("v1", "a1", "f1"), video("v2", "a2", "f2"), video("v3", "a3", "f3")));
      materialise(s, CROP);
      materialise(s, FACES);
      materialise(s, STT);

      s.write(
          VIDEO,
          List.of(
              video("v2", "a2", "f2")
                  .with(SystemColumns.DATA_VERSION_BY_FIELD, Map.of("audio", "a2-new"))));

      assertThat(ids(s.resolveUpdate(CROP).collect().staleRows(), "video_id"))
          .containsExactly("v2");
      assertThat(ids(s.resolveUpdate(STT).collect().staleRows(), "video_id")).containsExactly("v2");
      Increment.Materialized crop = materialise(s, CROP);
      assertThat(crop.newRows()).isEmpty();
      assertThat(s.resolveUpdate(FACES).collect().isEmpty()).isTrue();
    }

    @Test
    void writeFillsEverySystemColumn() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      s.write(VIDEO, List.of(video("v1", "a1", "f1")), WriteOptions.materializationId("run-7"));
      Row r = s.read(VIDEO).toList().get(0);
      assertThat(r.columns()).containsAll(SystemColumns.ALL);
      assertThat(r.get(SystemColumns.FEATURE_VERSION))
          .isEqualTo(s.graph().versions().featureVersion(VIDEO));
      assertThat(r.get(SystemColumns.PROJECT_VERSION))
          .isEqualTo(s.graph().versions().projectVersion());
      assertThat(r.get(SystemColumns.PROVENANCE))
          .isEqualTo(s.engine().combine(Map.of("audio", "a1", "frames", "f1")));
      assertThat(r.getMap(SystemColumns.DATA_VERSION_BY_FIELD))
          .isEqualTo(r.getMap(SystemColumns.PROVENANCE_BY_FIELD));
      assertThat(r.get(SystemColumns.DATA_VERSION)).isEqualTo(r.get(SystemColumns.PROVENANCE));
      assertThat(r.get(SystemColumns.MATERIALIZATION_ID)).isEqualTo("run-7");
      assertThat(r.get(SystemColumns.DELETED_AT)).isNull();
      assertThat(r.get(SystemColumns.CREATED_AT)).isInstanceOf(Instant.class);
    }
  }

  @Nested
  class RootFeatures {
    @Test
    void samplesGiveNewStaleAndOrphaned() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      s.write(VIDEO, List.of(video("1", "a", "f"), video("2", "a", "f"), video("3", "a", "f")));
      List<Row> samples =
          List.of(video("1", "a", "f"), video("2", "a", "CHANGED"), video("4", "a", "f"));
      Increment.Materialized inc =
          s.resolveUpdate(VIDEO, ResolveOptions.withSamples(samples)).collect();
      assertThat(ids(inc.newRows(), "video_id")).containsExactly("4");
      assertThat(ids(inc.staleRows(), "video_id")).containsExactly("2");
      assertThat(ids(inc.orphanedRows(), "video_id")).containsExactly("3");
      assertThat(inc.newRows().get(0).get(SystemColumns.PROVENANCE))
          .isEqualTo(s.engine().combine(Map.of("audio", "a", "frames", "f")));
    }

    @Test
    void rootWithoutSamplesNamesTheFeature() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      assertThatThrownBy(() -> s.resolveUpdate(VIDEO))
          .isInstanceOfSatisfying(
              MetaxyException.class,
              e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MISSING_SAMPLES))
          .hasMessageContaining("example/video");
    }
  }

  @Nested
  class HistoryAndDeletes {
    @Test
    void rewritesMergeOnReadAndSoftDeleteRevives() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      List<Row> rows =
          IntStream.range(0, 10).mapToObj(i -> video("v" + i, "a" + i, "f" + i)).toList();
      for (int i = 0; i < 5; i++) {
        s.write(VIDEO, rows);
      }
      assertThat(s.read(VIDEO).count()).isEqualTo(10);
      assertThat(s.read(VIDEO, ReadOptions.defaults().withSampleHistory()).count()).isEqualTo(50);
      assertThat(s.resolveUpdate(VIDEO, ResolveOptions.withSamples(rows)).collect().isEmpty())
          .isTrue();
      Object created =
          s.read(VIDEO, ReadOptions.defaults().withFilters("video_id = 'v3'"))
              .toList()
              .get(0)
              .get(SystemColumns.CREATED_AT);

      assertThat(s.delete(VIDEO, DeleteOptions.soft("video_id = 'v3'"))).isEqualTo(1);
      assertThat(s.read(VIDEO).count()).isEqualTo(9);
      assertThat(s.read(VIDEO, ReadOptions.defaults().withDeleted()).count()).isEqualTo(10);

      s.write(VIDEO, List.of(rows.get(3)));
      List<Row> revived =
          s.read(VIDEO, ReadOptions.defaults().withFilters("video_id = 'v3'")).toList();
      assertThat(revived).hasSize(1);
      assertThat(revived.get(0).get(SystemColumns.CREATED_AT)).isEqualTo(created);
      assertThat((Instant) revived.get(0).get(SystemColumns.UPDATED_AT)).isAfter((Instant) created);
    }

    @Test
    void hardDeleteRemovesRows() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      s.write(VIDEO, List.of(video("v1", "a", "f"), video("v2", "a", "f")));
      s.write(VIDEO, List.of(video("v1", "a", "f")));
      assertThat(s.delete(VIDEO, DeleteOptions.hard("video_id = 'v1'"))).isEqualTo(2);
      assertThat(
              ids(
                  s.read(VIDEO, ReadOptions.defaults().withSampleHistory().withDeleted()).toList(),
                  "video_id"))
          .containsExactly("v2");
    }

    @Test
    void tieOnTimestampIsBrokenByAppendOrder() {
      clock.freeze();
      InMemoryMetadataStore s = store(videoGraph("1"));
      s.write(VIDEO, List.of(video("v1", "a", "first")));
      s.write(VIDEO, List.of(video("v1", "a", "second")));
      assertThat(s.read(VIDEO).toList().get(0).getMap(SystemColumns.PROVENANCE_BY_FIELD))
          .containsEntry("frames", "second");
      s.delete(VIDEO, DeleteOptions.soft());
      assertThat(s.read(VIDEO).count()).isZero();
      s.write(VIDEO, List.of(video("v1", "a", "third")));
      assertThat(s.read(VIDEO).toList().get(0).getMap(SystemColumns.PROVENANCE_BY_FIELD))
          .containsEntry("frames", "third");
    }
  }

  @Nested
  class FailedWrites {
    @Test
    void missingIdColumnWritesNothing() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      List<Row> batch =
          List.of(
              video("v1", "a", "f"),
              Row.of("path", "x", SystemColumns.PROVENANCE_BY_FIELD, Map.of("audio", "a")));
      assertThatThrownBy(() -> s.write(VIDEO, batch))
          .isInstanceOfSatisfying(
              MetaxyException.class,
              e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ROW))
          .hasMessageContaining("video_id")
          .hasMessageContaining("example/video");
      assertThat(s.hasFeature(VIDEO)).isFalse();
    }

    @Test
    void wrongTypesWriteNothing() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      s.write(VIDEO, List.of(video("v1", "a", "f").with("size", 10)));
      List<Row> badType =
          List.of(
              video("v2", "a", "f").with("size", 11), video("v3", "a", "f").with("size", "big"));
      assertThatThrownBy(() -> s.write(VIDEO, badType))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("size")
          .hasMessageContaining("example/video");
      List<Row> badMap =
          List.of(video("v4", "a", "f").with(SystemColumns.PROVENANCE_BY_FIELD, "nope"));
      assertThatThrownBy(() -> s.write(VIDEO, badMap))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(SystemColumns.PROVENANCE_BY_FIELD)
          .hasMessageContaining("example/video");
      assertThatThrownBy(() -> s.write(VIDEO, List.of(Row.of("video_id", "v5"))))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(SystemColumns.PROVENANCE_BY_FIELD);
      assertThat(s.read(VIDEO, ReadOptions.defaults().withSampleHistory()).count()).isEqualTo(1);
    }
  }

  @Nested
  class Concurrency {
    @Test
    void concurrentWritersAllLand() throws Exception {
      InMemoryMetadataStore s = store(videoGraph("1"));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int batch = 0; batch < 100; batch++) {
                      List<Row> rows = new ArrayList<>();
                      for (int i = 0; i < 100; i++) {
                        int n = batch * 100 + i;
                        rows.add(video("v" + (n % 1000), "t" + thread, "n" + n));
                      }
                      s.write(VIDEO, rows);
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      assertThat(s.read(VIDEO, ReadOptions.defaults().withSampleHistory()).count())
          .isEqualTo(80_000);
      List<Row> first = s.read(VIDEO).toList();
      assertThat(first).hasSize(1000);
      assertThat(s.read(VIDEO).toList()).isEqualTo(first);
    }
  }

  @Nested
  class SnapshotsAndMigrations {
    @Test
    void pushRecordsASnapshotOnce() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      assertThat(s.push().recorded()).isTrue();
      assertThat(s.push().recorded()).isFalse();
      assertThat(s.withGraph(videoGraph("2")).push().recorded()).isTrue();
      assertThat(s.snapshots()).hasSize(2);
      String sv = s.graph().versions().snapshotVersion();
      assertThat(s.featureVersions(sv))
          .extracting(r -> r.featureKey())
          .containsExactly(
              "example/crop", "example/face_detection", "example/stt", "example/video");
      assertThat(s.featureVersions(sv).get(3).featureSpec()).contains("\"example/video\"");
    }

    @Test
    void rebaseKeepsOverridesAndIsResumable() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      s.write(VIDEO, List.of(video("v1", "a1", "f1"), video("v2", "a2", "f2")));
      materialise(s, CROP);
      String old = s.graph().versions().featureVersion(CROP);
      Row withOverride =
          s.read(CROP, ReadOptions.defaults().withFilters("video_id = 'v1'"))
              .toList()
              .get(0)
              .with(SystemColumns.DATA_VERSION_BY_FIELD, Map.of("frames", "frozen"));
      s.write(CROP, List.of(withOverride));

      MetadataStore bumped = s.withGraph(videoGraph("2"));
      bumped.write(VIDEO, s.read(VIDEO).toList());
      assertThat(bumped.resolveUpdate(CROP).collect().newRows()).hasSize(2);
      RebaseResult r = bumped.rebase(CROP, old, null, "m1");
      assertThat(r.rowsWritten()).isEqualTo(2);
      assertThat(bumped.resolveUpdate(CROP).collect().isEmpty()).isTrue();
      Row v1 =
          bumped.read(CROP, ReadOptions.defaults().withFilters("video_id = 'v1'")).toList().get(0);
      assertThat(v1.getMap(SystemColumns.DATA_VERSION_BY_FIELD)).containsEntry("frames", "frozen");
      assertThat(v1.get(SystemColumns.FEATURE_VERSION))
          .isEqualTo(bumped.graph().versions().featureVersion(CROP));

      assertThat(bumped.rebase(CROP, old, null, "m1").skipped()).isTrue();
      assertThat(bumped.migrationEvents("m1"))
          .extracting(MigrationEvent::eventType)
          .containsExactly(
              MigrationEventType.STARTED,
              MigrationEventType.FEATURE_STARTED,
              MigrationEventType.FEATURE_COMPLETED,
              MigrationEventType.COMPLETED);
      assertThat(
              bumped
                  .read(CROP, ReadOptions.defaults().withSampleHistory().withAllFeatureVersions())
                  .count())
          .isEqualTo(5);
    }

    @Test
    void failedRebaseRecordsFailure() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      assertThatThrownBy(() -> s.rebase(CROP, null, null, "m2"))
          .isInstanceOfSatisfying(
              MetaxyException.class,
              e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MIGRATION_FAILED));
      assertThat(s.migrationEvents("m2"))
          .extracting(MigrationEvent::eventType)
          .containsExactly(
              MigrationEventType.STARTED,
              MigrationEventType.FEATURE_STARTED,
              MigrationEventType.FAILED);
    }
  }

  @Nested
  class FallbackAndProvider {
    @Test
    void absentFeaturesAreReadFromTheFallback() {
      InMemoryMetadataStore prod = store(videoGraph("1"));
      prod.write(VIDEO, List.of(video("v1", "a1", "f1")));
      InMemoryMetadataStore dev =
          new InMemoryMetadataStore(
                  StoreSettings.builder(videoGraph("1")).clock(clock).fallbackStore(prod).build())
              .open();
      assertThat(dev.hasFeature(VIDEO)).isFalse();
      assertThat(ids(dev.read(VIDEO).toList(), "video_id")).containsExactly("v1");
      Increment.Materialized inc = materialise(dev, CROP);
      assertThat(ids(inc.newRows(), "video_id")).containsExactly("v1");
      assertThat(dev.hasFeature(CROP)).isTrue();
      assertThat(prod.hasFeature(CROP)).isFalse();
    }

    @Test
    void providerIsFoundByType() {
      MetadataStore s =
          MetadataStoreProviders.find("memory")
              .create(
                  StoreSettings.builder(videoGraph("1"))
                      .hashAlgorithm(HashAlgorithm.XXHASH32)
                      .build(),
                  Map.of());
      assertThat(s).isInstanceOf(InMemoryMetadataStore.class);
      assertThat(s.hashAlgorithm()).isEqualTo(HashAlgorithm.XXHASH32);
      assertThatThrownBy(
              () -> MetadataStoreProviders.find("memory").create(s.settings(), Map.of("path", "x")))
          .hasMessageContaining("path");
    }

    @Test
    void closedStoreRefusesWork() {
      InMemoryMetadataStore s = store(videoGraph("1"));
      s.close();
      assertThatThrownBy(() -> s.read(VIDEO))
          .isInstanceOfSatisfying(
              MetaxyException.class,
              e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STORE_NOT_OPEN));
      assertThat(s.open().read(VIDEO)).isEmpty();
    }
  }

  static Stream<Row> none() {
    return Stream.empty();
  }

  static FeatureSpec unused() {
    return FeatureSpec.builder("x/y")
        .idColumns("id")
        .dependsOn(FeatureDep.builder("x/z").lineage(Lineage.identity()).build())
        .build();
  }
}
