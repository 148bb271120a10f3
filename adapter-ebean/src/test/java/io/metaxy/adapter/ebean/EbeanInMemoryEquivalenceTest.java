package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.adapter.inmemory.InMemoryMetadataStore;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.Lineage;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Ebean store and the in-memory store fed the same inputs (random but seeded: writes,
 * recomputations, soft deletes, a code-version bump) report identical provenance, reads and
 * increments, for a 1:1 pipeline, an aggregation (N:1) and an expansion (1:N).
 */
class EbeanInMemoryEquivalenceTest {
  private static final FeatureKey VIDEO = FeatureKey.of("video");
  private static final FeatureKey CROP = FeatureKey.of("video/crop");
  private static final FeatureKey STT = FeatureKey.of("video/stt");
  private static final FeatureKey PER_CAMERA = FeatureKey.of("camera/summary");
  private static final FeatureKey FRAMES = FeatureKey.of("video/frames");

  private final List<MetadataStore> stores = new ArrayList<>();
  private final List<TestDatabases.Storage> storages = new ArrayList<>();

  @AfterEach
  void close() {
    stores.forEach(MetadataStore::close);
    storages.forEach(s -> s.drop().run());
  }

  static FeatureGraph graph(String cropAudioVersion) {
    return FeatureGraph.of(
        FeatureSpec.builder("video")
            .idColumns("video_id")
            .field("frames", "1")
            .field("audio", "1")
            .build(),
        FeatureSpec.builder("video/crop")
            .idColumns("video_id")
            .dependsOn("video")
            .field("frames", "1")
            .field("audio", cropAudioVersion)
            .build(),
        FeatureSpec.builder("video/stt")
            .idColumns("video_id")
            .dependsOn("video")
            .field(FieldSpec.builder("transcript").dependsOn("video", "audio").build())
            .build(),
        FeatureSpec.builder("camera/summary")
            .idColumns("camera")
            .dependsOn(
                FeatureDep.builder("video")
                    .lineage(new Lineage.Aggregation(List.of("camera")))
                    .build())
            .field("frames", "1")
            .build(),
        FeatureSpec.builder("video/frames")
            .idColumns("video_id", "frame")
            .dependsOn(
                FeatureDep.builder("video")
                    .lineage(new Lineage.Expansion(List.of("video_id")))
                    .build())
            .field("frames", "1")
            .build());
  }

  private MetadataStore[] pair(FeatureGraph graph, Clock clock) {
    StoreSettings settings =
        StoreSettings.builder(graph).clock(clock).hashAlgorithm(HashAlgorithm.SHA256).build();
    TestDatabases.Storage s = TestDatabases.create(TestDatabases.Kind.H2);
    storages.add(s);
    MetadataStore ebean =
        new EbeanMetadataStore(
            EbeanStoreConfig.builder()
                .url(s.url())
                .username(s.user())
                .password(s.password())
                .build(),
            settings);
    MetadataStore memory = new InMemoryMetadataStore(settings);
    stores.add(ebean);
    stores.add(memory);
    return new MetadataStore[] {ebean.open(), memory.open()};
  }

  private static List<Row> sorted(Stream<Row> rows) {
    try (rows) {
      return rows.sorted(Comparator.comparing(Row::toString)).toList();
    }
  }

  private static void assertSameIncrements(MetadataStore a, MetadataStore b, FeatureKey f) {
    Increment.Materialized x = a.resolveUpdate(f).collect();
    Increment.Materialized y = b.resolveUpdate(f).collect();
    assertThat(sorted(x.newRows().stream()))
        .as("%s new", f)
        .isEqualTo(sorted(y.newRows().stream()));
    assertThat(sorted(x.staleRows().stream()))
        .as("%s stale", f)
        .isEqualTo(sorted(y.staleRows().stream()));
    assertThat(sorted(x.orphanedRows().stream()))
        .as("%s orphaned", f)
        .isEqualTo(sorted(y.orphanedRows().stream()));
  }

  private static void assertSameReads(MetadataStore a, MetadataStore b, FeatureKey f) {
    ReadOptions o =
        ReadOptions.defaults()
            .withColumns(
                "video_id",
                "camera",
                "frame",
                SystemColumns.PROVENANCE_BY_FIELD,
                SystemColumns.PROVENANCE,
                SystemColumns.DATA_VERSION,
                SystemColumns.FEATURE_VERSION);
    assertThat(sorted(a.read(f, o))).as("%s read", f).isEqualTo(sorted(b.read(f, o)));
  }

  /** Computes the increment of {@code f} in store {@code s} and writes it (same rows to both). */
  private static List<Row> computed(MetadataStore s, FeatureKey f) {
    Increment.Materialized inc = s.resolveUpdate(f).collect();
    List<Row> out = new ArrayList<>();
    for (Row r : inc.toCompute()) {
      if (f.equals(FRAMES)) {
        for (long frame = 0; frame < 2; frame++) {
          out.add(
              Row.of(
                  "video_id",
                  r.get("video_id"),
                  "frame",
                  frame,
                  SystemColumns.PROVENANCE_BY_FIELD,
                  r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
        }
      } else {
        Row.Builder b = Row.builder();
        for (String c : List.of("video_id", "camera")) {
          if (r.has(c)) {
            b.set(c, r.get(c));
          }
        }
        b.set(SystemColumns.PROVENANCE_BY_FIELD, r.getMap(SystemColumns.PROVENANCE_BY_FIELD));
        b.set("score", 0.5);
        out.add(b.build());
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {7L, 42L})
  void sameInputsGiveIdenticalProvenanceAndIncrements(long seed) {
    Random random = new Random(seed);
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    MetadataStore[] s = pair(graph("1"), clock);
    List<FeatureKey> downstream = List.of(CROP, STT, PER_CAMERA, FRAMES);
    for (int step = 0; step < 4; step++) {
      List<Row> videos = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        if (step == 0 || random.nextInt(3) == 0) {
          videos.add(
              Row.of(
                  "video_id",
                  "v" + i,
                  "camera",
                  "c" + (i % 2),
                  "size",
                  (long) random.nextInt(1000),
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("frames", "f" + random.nextInt(3), "audio", "a" + random.nextInt(3))));
        }
      }
      for (MetadataStore store : s) {
        store.write(VIDEO, videos);
      }
      if (step == 2) {
        for (MetadataStore store : s) {
          store.delete(VIDEO, DeleteOptions.soft("video_id = 'v5'"));
        }
      }
      assertSameReads(s[0], s[1], VIDEO);
      for (FeatureKey f : downstream) {
        assertSameIncrements(s[0], s[1], f);
        List<Row> rows = computed(s[1], f);
        for (MetadataStore store : s) {
          store.write(f, rows);
        }
        assertSameReads(s[0], s[1], f);
        assertSameIncrements(s[0], s[1], f);
      }
    }
    // A code-version bump on crop.audio: every crop sample is new in both stores.
    FeatureGraph bumped = graph("2");
    MetadataStore e2 = s[0].withGraph(bumped);
    MetadataStore m2 = s[1].withGraph(bumped);
    stores.add(e2);
    stores.add(m2);
    e2.open();
    m2.open();
    assertSameIncrements(e2, m2, CROP);
    assertSameIncrements(e2, m2, STT);
    List<Row> samples =
        List.of(
            Row.of(
                "video_id",
                "v1",
                SystemColumns.PROVENANCE_BY_FIELD,
                Map.of("frames", "x", "audio", "y")));
    Increment.Materialized root =
        e2.resolveUpdate(VIDEO, ResolveOptions.withSamples(samples)).collect();
    Increment.Materialized rootMem =
        m2.resolveUpdate(VIDEO, ResolveOptions.withSamples(samples)).collect();
    assertThat(root.staleRows()).isEqualTo(rootMem.staleRows());
    assertThat(sorted(root.orphanedRows().stream()))
        .isEqualTo(sorted(rootMem.orphanedRows().stream()));
  }
}
