package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.json.DefinitionsCodec;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.ports.system.SnapshotTags;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Push records the graph snapshot once (docs/semantics.md §5 feature_versions). */
@DisplayName("Snapshots (push, tags) and migration events")
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

  @Test
  void tagsPushedWithASnapshotReadBack() {
    FeatureGraph graph = Vectors.videoGraph();
    MetadataStore store = open(graph);
    clock.tick();
    PushResult first =
        store.push(SnapshotTags.of(Map.of("git_commit", "abc123", "note", "quote \" é")));
    assertThat(first.recorded()).isTrue();
    SnapshotTags tags = store.snapshotTags(first.snapshotVersion());
    assertThat(tags.user())
        .containsExactly(entry("git_commit", "abc123"), entry("note", "quote \" é"));
    assertThat(tags.all())
        .as("the reserved tag Python Metaxy 0.1.11 writes")
        .containsEntry(SnapshotTags.RESERVED, SnapshotTags.RESERVED_VALUE);

    clock.tick();
    assertThat(store.push(SnapshotTags.of(Map.of("git_commit", "other"))).recorded()).isFalse();
    assertThat(store.snapshotTags(first.snapshotVersion()).user())
        .as("a snapshot keeps the tags of its first push")
        .containsExactly(entry("git_commit", "abc123"), entry("note", "quote \" é"));

    MetadataStore next = view(store, KitGraphs.withCodeVersion(graph, VIDEO, "audio", "2"));
    clock.tick();
    PushResult second = next.push();
    SnapshotTags untagged = next.snapshotTags(second.snapshotVersion());
    assertThat(untagged.user()).as("a push without tags stores no user tag").isEmpty();
    assertThat(untagged.all())
        .as("a push without tags stores the reserved tag")
        .containsEntry(SnapshotTags.RESERVED, SnapshotTags.RESERVED_VALUE)
        .allSatisfy((k, v) -> assertThat(SnapshotTags.isReserved(k)).as(k).isTrue());
    assertThat(next.snapshotTags())
        .containsOnlyKeys(first.snapshotVersion(), second.snapshotVersion());
    assertThat(next.snapshotTags("no-such-snapshot").isEmpty()).isTrue();
    assertThatThrownBy(() -> SnapshotTags.of(Map.of(SnapshotTags.RESERVED, "x")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("reserved");
  }
}
