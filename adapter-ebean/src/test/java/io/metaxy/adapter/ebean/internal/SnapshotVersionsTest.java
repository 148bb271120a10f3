package io.metaxy.adapter.ebean.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The snapshot version derived from a push's feature versions alone (for pushes Python recorded)
 * equals the graph's own snapshot version, whatever the features, their order and code versions.
 */
class SnapshotVersionsTest {
  @Property(tries = 60)
  void derivedFromFeatureVersionsEqualsTheGraphsSnapshotVersion(
      @ForAll @Size(min = 1, max = 6) List<@StringLength(min = 1, max = 4) String> codeVersions,
      @ForAll @IntRange(min = 8, max = 64) int truncation) {
    List<FeatureSpec> specs = new ArrayList<>();
    for (int i = 0; i < codeVersions.size(); i++) {
      FeatureSpec.Builder b =
          FeatureSpec.builder("z" + (codeVersions.size() - i) + "/f" + i)
              .idColumns("id")
              .field("v", codeVersions.get(i));
      if (i > 0) {
        b.dependsOn("z" + (codeVersions.size() - i + 1) + "/f" + (i - 1));
      }
      specs.add(b.build());
    }
    FeatureGraph graph = FeatureGraph.of(specs);
    Truncation t = Truncation.of(truncation);
    Map<FeatureKey, String> versions = graph.versions(t).featureVersions();
    assertThat(SnapshotVersions.of(versions, t)).isEqualTo(graph.versions(t).snapshotVersion());
  }
}
