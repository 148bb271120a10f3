package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.json.DefinitionsCodec;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Push records the graph snapshot once (docs/semantics.md §5 feature_versions). */
@DisplayName("Snapshots (push) and migration events")
public abstract class SnapshotsGroup extends KitGroup {
  protected SnapshotsGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  @Test
  void pushRecordsTheSnapshotOnce() {
    FeatureGraph graph = Vectors.videoGraph();
    MetadataStore store = open(graph);
    clock.tick();
    Instant at = clock.instant();
    PushResult first = store.push();
    String snapshot = Vectors.snapshotVersion(Vectors.GRAPH);
    assertThat(first).isEqualTo(new PushResult(snapshot, true, 5));
    clock.tick();
    PushResult second = store.push();
    assertThat(second.recorded()).isFalse();
    assertThat(second.snapshotVersion()).isEqualTo(snapshot);
    assertThat(store.snapshots()).containsExactly(new SnapshotSummary(snapshot, at, 5));

    List<FeatureVersionRecord> records = store.featureVersions(snapshot);
    assertThat(records)
        .extracting(FeatureVersionRecord::featureKey)
        .containsExactly(
            "example/crop",
            "example/face_detection",
            "example/stt",
            "example/summary",
            "example/video");
    for (FeatureVersionRecord r : records) {
      FeatureKey key = FeatureKey.of(r.featureKey());
      assertThat(r.project()).isEqualTo(PROJECT);
      assertThat(r.featureVersion())
          .isEqualTo(Vectors.featureVersion(Vectors.GRAPH, r.featureKey()));
      assertThat(r.specVersion()).isEqualTo(graph.versions().specVersion(key));
      assertThat(r.snapshotVersion()).isEqualTo(snapshot);
      assertThat(r.recordedAt()).isEqualTo(at);
      assertThat(DefinitionsCodec.readSpec(r.featureSpec())).isEqualTo(graph.get(key));
    }
    assertThat(store.featureVersions("no-such-snapshot")).isEmpty();

    FeatureGraph bumped = KitGraphs.withCodeVersion(graph, VIDEO, "audio", "2");
    MetadataStore next = view(store, bumped);
    clock.tick();
    PushResult third = next.push();
    assertThat(third)
        .isEqualTo(new PushResult(Vectors.snapshotVersion(Vectors.AUDIO_CODE_VERSION_2), true, 5));
    assertThat(next.snapshots())
        .extracting(SnapshotSummary::snapshotVersion)
        .containsExactly(snapshot, third.snapshotVersion());
  }
}
