package io.metaxy.benchmarks;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.spec.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Graph-level versions ({@link FeatureGraph#versions}) for a large graph: {@code size} features
 * with two fields each; feature {@code i} depends on feature {@code i-1} (a chain as deep as the
 * graph) and on one random earlier feature.
 */
public final class GraphBench {
  private GraphBench() {}

  /** The specs of the benchmark graph (deterministic). */
  public static List<FeatureSpec> specs(int size) {
    SplittableRandom rnd = new SplittableRandom(42);
    List<FeatureSpec> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      FeatureSpec.Builder b =
          FeatureSpec.builder("graph/f" + i)
              .idColumns("sample_uid")
              .field("audio", "1")
              .field("frames", "1");
      if (i > 0) {
        b.dependsOn("graph/f" + (i - 1));
        int other = rnd.nextInt(i);
        if (other != i - 1) {
          b.dependsOn("graph/f" + other);
        }
      }
      out.add(b.build());
    }
    return out;
  }

  /** Result of one round: build (validation) and version computation times in nanoseconds. */
  public record Round(long buildNanos, long versionsNanos, String snapshotVersion) {}

  public static Round round(List<FeatureSpec> specs) {
    long t0 = System.nanoTime();
    FeatureGraph g = FeatureGraph.of(specs);
    long t1 = System.nanoTime();
    GraphVersions v = g.versions(Truncation.DEFAULT);
    String snap = v.snapshotVersion();
    v.featureVersions();
    long t2 = System.nanoTime();
    return new Round(t1 - t0, t2 - t1, snap);
  }
}
