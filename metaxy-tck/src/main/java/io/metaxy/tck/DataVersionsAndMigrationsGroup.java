package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.STT;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.MigrationEventType;
import io.metaxy.ports.system.RebaseResult;
import io.metaxy.tck.internal.ExpectedProvenance;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Acceptance 9: data-version overrides and rebase with migration events. */
@DisplayName("Data versions and data migrations (rebase)")
public abstract class DataVersionsAndMigrationsGroup extends KitGroup {
  protected DataVersionsAndMigrationsGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  @Test
  void anUpstreamDataVersionOverrideFreezesDownstreamProvenance() {
    FeatureGraph graph = Vectors.videoGraph();
    MetadataStore store = open(graph);
    write(store, VIDEO, videos());
    resolveAndCompute(store, CROP);
    resolveAndCompute(store, STT);

    // v1 re-encoded: new provenance, but the user declares the data unchanged.
    write(
        store,
        VIDEO,
        List.of(
            Row.of(
                "video_id",
                "v1",
                PBF,
                Map.of("audio", "a1-reencoded", "frames", "f1-reencoded"),
                DVBF,
                Map.of("audio", "a1", "frames", "f1"))));
    // v2 changed without an override: the control.
    write(store, VIDEO, List.of(video("v2", "a2-changed", "f2")));
    Row v1 = byId(read(store, VIDEO), "video_id").get("v1");
    assertThat(v1.getMap(DVBF)).isEqualTo(Map.of("audio", "a1", "frames", "f1"));
    assertThat(v1.getString(DATA_VERSION))
        .isEqualTo(ExpectedProvenance.combined(Map.of("audio", "a1", "frames", "f1"), MD5));
    assertThat(v1.getString(PROVENANCE))
        .isEqualTo(
            ExpectedProvenance.combined(
                Map.of("audio", "a1-reencoded", "frames", "f1-reencoded"), MD5));

    for (FeatureKey f : List.of(CROP, STT)) {
      Increment.Materialized inc = resolve(store, f);
      assertThat(ids(inc.staleRows(), "video_id")).as("%s stale", f).containsExactly("v2");
      assertThat(inc.newRows()).isEmpty();
      assertThat(inc.orphanedRows()).isEmpty();
    }
  }

  @Test
  void aPartialOverrideKeepsTheOtherFieldsAtTheirProvenance() {
    MetadataStore store = open(Vectors.videoGraph());
    write(
        store,
        VIDEO,
        List.of(
            Row.of(
                "video_id",
                "v1",
                PBF,
                Map.of("audio", "a1", "frames", "f1"),
                DVBF,
                Map.of("audio", "user-audio"))));
    Row v1 = read(store, VIDEO).get(0);
    assertThat(v1.getMap(DVBF)).isEqualTo(Map.of("audio", "user-audio", "frames", "f1"));
  }

  @Test
  void rebaseCarriesRowsToTheNewVersionKeepingOverridesAndRecordsEvents() {
    FeatureGraph g1 = Vectors.videoGraph();
    MetadataStore store = open(g1);
    write(store, VIDEO, videos());
    Increment.Materialized inc = resolve(store, CROP);
    List<Row> computed = new ArrayList<>();
    for (Row r : inc.newRows()) {
      Row c = r.with("crop_path", "/crops/" + r.get("video_id") + ".mp4");
      if ("v1".equals(r.get("video_id"))) {
        c = c.with(DVBF, Map.of("audio", "user-a1", "frames", "user-f1"));
      }
      computed.add(c);
    }
    write(store, CROP, computed);
    String oldVersion = g1.versions().featureVersion(CROP);
    assertThat(oldVersion).isEqualTo(Vectors.featureVersion(Vectors.GRAPH, CROP.toString()));

    FeatureGraph g2 = KitGraphs.withCodeVersion(g1, CROP, "audio", "2");
    String newVersion = g2.versions().featureVersion(CROP);
    assertThat(newVersion).isNotEqualTo(oldVersion);
    MetadataStore next = view(store, g2);
    assertThat(resolve(next, CROP).newRows()).as("before the rebase").hasSize(3);

    clock.tick();
    Instant at = clock.instant();
    RebaseResult result = next.rebase(CROP, oldVersion, null, "kit-rebase-1");
    assertThat(result.rowsWritten()).isEqualTo(3);
    assertThat(result.skipped()).isFalse();
    assertThat(result.migrationId()).isEqualTo("kit-rebase-1");
    assertThat(result.featureKey()).isEqualTo(CROP.toString());

    Map<String, Row> rows = byId(read(next, CROP), "video_id");
    assertThat(rows).containsOnlyKeys("v1", "v2", "v3");
    for (Row r : rows.values()) {
      String id = r.getString("video_id");
      assertThat(r.getString(FEATURE_VERSION)).isEqualTo(newVersion);
      assertThat(r.getString("crop_path")).isEqualTo("/crops/" + id + ".mp4");
      String n = id.substring(1);
      Map<String, String> expected =
          ExpectedProvenance.byField(g2, CROP, videoDv("a" + n, "f" + n), MD5);
      assertThat(r.getMap(PBF)).as("%s provenance under the new version", id).isEqualTo(expected);
    }
    assertThat(rows.get("v1").getMap(DVBF))
        .as("user data-version override kept")
        .isEqualTo(Map.of("audio", "user-a1", "frames", "user-f1"));
    assertEmpty(resolve(next, CROP), "crop after the rebase");
    assertThat(read(next, CROP, ReadOptions.defaults().withFeatureVersion(oldVersion)))
        .as("old rows stay in history")
        .hasSize(3);

    List<MigrationEvent> events = next.migrationEvents("kit-rebase-1");
    assertThat(events)
        .extracting(MigrationEvent::eventType)
        .containsExactly(
            MigrationEventType.STARTED,
            MigrationEventType.FEATURE_STARTED,
            MigrationEventType.FEATURE_COMPLETED,
            MigrationEventType.COMPLETED);
    assertThat(events).allSatisfy(e -> assertThat(e.project()).isEqualTo(PROJECT));
    assertThat(events).allSatisfy(e -> assertThat(e.migrationId()).isEqualTo("kit-rebase-1"));
    assertThat(events).allSatisfy(e -> assertThat(e.timestamp()).isEqualTo(at));
    assertThat(events).allSatisfy(e -> assertThat(e.errorMessage()).isNull());
    assertThat(events.get(1).featureKey()).isEqualTo(CROP.toString());
    assertThat(events.get(2).featureKey()).isEqualTo(CROP.toString());
    assertThat(events.get(2).rowsAffected()).isEqualTo(3L);
    assertThat(events.get(0).featureKey()).isNull();
    assertThat(events.get(3).featureKey()).isNull();
    assertThat(next.migrationEvents()).containsAll(events);

    // Resumable: the completed feature is skipped.
    RebaseResult again = next.rebase(CROP, oldVersion, null, "kit-rebase-1");
    assertThat(again.skipped()).isTrue();
    assertThat(again.rowsWritten()).isZero();
    assertThat(read(next, CROP, ReadOptions.defaults().withSampleHistory())).hasSize(3);
  }

  @Test
  void aFailedRebaseIsRecordedAsFailed() {
    FeatureGraph graph = Vectors.videoGraph();
    MetadataStore store = open(graph);
    write(store, VIDEO, videos());
    resolveAndCompute(store, CROP);
    assertThatThrownBy(() -> store.rebase(CROP, "00000000", null, "kit-rebase-empty"))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(CROP.toString());
    List<MigrationEvent> events = store.migrationEvents("kit-rebase-empty");
    assertThat(events).isNotEmpty();
    MigrationEvent last = events.get(events.size() - 1);
    assertThat(last.eventType()).isEqualTo(MigrationEventType.FAILED);
    assertThat(last.errorMessage()).isNotBlank();
    assertThat(events)
        .extracting(MigrationEvent::eventType)
        .doesNotContain(MigrationEventType.COMPLETED);
    assertThat(read(store, CROP, ReadOptions.defaults().withSampleHistory())).hasSize(3);

    FeatureKey unknown = FeatureKey.of("kit/unknown");
    assertThatThrownBy(() -> store.rebase(unknown, "00000000", null, "kit-rebase-unknown"))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(unknown.toString());
    assertThat(store.migrationEvents("kit-rebase-unknown"))
        .extracting(MigrationEvent::eventType)
        .contains(MigrationEventType.FAILED)
        .doesNotContain(MigrationEventType.COMPLETED);
  }
}
