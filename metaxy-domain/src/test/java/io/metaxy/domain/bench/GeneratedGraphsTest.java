package io.metaxy.domain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's generator makes graphs of the promised shape; no timing is asserted here. */
class GeneratedGraphsTest {

  private static int longestPath(FeatureGraph g) {
    Map<FeatureKey, Integer> depth = new HashMap<>();
    int max = 0;
    for (FeatureKey k : g.topologicalOrder()) {
      int d = 1;
      for (FeatureKey up : g.upstream(k)) {
        d = Math.max(d, depth.get(up) + 1);
      }
      depth.put(k, d);
      max = Math.max(max, d);
    }
    return max;
  }

  @Test
  void layeredGraphHasTheRequestedDepthWidthAndFields() {
    // same generator as the benchmark, a tenth of the width to keep the unit test fast
    FeatureGraph g = FeatureGraph.of(GeneratedGraphs.layered(100, 10, 5, 42L));
    assertThat(g.size()).isEqualTo(1_000);
    assertThat(longestPath(g)).isEqualTo(100);
    GraphVersions v = g.versions();
    int fieldVersions = 0;
    for (FeatureKey k : g.topologicalOrder()) {
      fieldVersions += v.fieldVersions(k).size();
    }
    assertThat(fieldVersions).isEqualTo(5_000);
    assertThat(v.featureVersions()).hasSize(1_000);
    assertThat(
            FeatureGraph.of(GeneratedGraphs.layered(100, 10, 5, 42L)).versions().snapshotVersion())
        .as("the generator is deterministic")
        .isEqualTo(v.snapshotVersion());
  }

  @Test
  void benchmarkGraphHasTenThousandFeaturesOfFiveFields() {
    List<FeatureSpec> specs = GeneratedGraphs.tenThousandByFiveDepthHundred();
    assertThat(specs).hasSize(10_000);
    int fields = 0;
    for (FeatureSpec s : specs) {
      fields += s.fields().size();
    }
    assertThat(fields).isEqualTo(50_000);
  }
}
