package io.metaxy.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.UpstreamVersions;
import io.metaxy.ports.store.UpstreamVersions.Outdated;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared check behind {@code metadata status} and the increment warning: upstream samples
 * stored only under older feature versions (a root whose code version was bumped).
 */
class UpstreamVersionsTest {
  private static final FeatureKey VIDEO = FeatureKey.of("video");
  private static final FeatureKey FRAMES = FeatureKey.of("video/frames");

  private static FeatureGraph graph(String videoCodeVersion) {
    return FeatureGraph.of(
        FeatureSpec.builder(VIDEO).idColumns("sample_id").field("frames", videoCodeVersion).build(),
        FeatureSpec.builder(FRAMES).idColumns("sample_id").dependsOn("video").build());
  }

  private static void writeRoots(MetadataStore store, String... ids) {
    for (String id : ids) {
      store.write(
          VIDEO,
          List.of(Row.of("sample_id", id, "metaxy_provenance_by_field", Map.of("frames", id))));
    }
  }

  @Test
  void aBumpedRootWithRowsOnlyUnderTheOldVersionIsReportedUntilItIsRewritten() {
    MetadataStore before = new InMemoryMetadataStore(StoreSettings.builder(graph("1")).build());
    before.open();
    writeRoots(before, "a", "b", "c");
    assertThat(UpstreamVersions.check(before, FRAMES)).isEmpty();
    assertThat(before.resolveUpdate(FRAMES).collect().newRows()).hasSize(3);

    MetadataStore after = before.withGraph(graph("2"));
    assertThat(after.resolveUpdate(FRAMES).collect().isEmpty()).isTrue();
    Outdated expected = new Outdated(VIDEO, true, 3, 0);
    assertThat(UpstreamVersions.check(after, FRAMES)).containsExactly(expected);
    assertThat(UpstreamVersions.check(after, VIDEO))
        .as("a root checks itself")
        .containsExactly(expected);
    assertThat(UpstreamVersions.checkEmptyCurrent(after, FRAMES)).containsExactly(expected);
    assertThat(expected.message())
        .isEqualTo(
            "root video: 3 sample(s) under older versions only, 0 under the current one —"
                + " re-write them (roots are written by your code) or rebase them (metaxy"
                + " metadata rebase video --from OLD_VERSION)");

    // partly re-written: the full check still counts the rest, the cheap one stays quiet
    writeRoots(after, "a");
    assertThat(UpstreamVersions.check(after, FRAMES))
        .containsExactly(new Outdated(VIDEO, true, 2, 1));
    assertThat(UpstreamVersions.checkEmptyCurrent(after, FRAMES)).isEmpty();

    writeRoots(after, "b", "c");
    assertThat(UpstreamVersions.check(after, FRAMES)).isEmpty();
    assertThat(after.resolveUpdate(FRAMES).collect().newRows()).hasSize(3);
  }
}
