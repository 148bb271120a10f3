package io.metaxy.domain.bench;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Plain benchmark harness (not a unit test; nothing asserts time): computes every graph-level
 * version of the generated 10,000-feature × 5-field graph of depth 100. Warm-up runs, then measured
 * runs; prints min / median / max in milliseconds for each stage.
 *
 * <p>Run from the repository root (see docs/architecture.md):
 *
 * <pre>
 * mvn -B -q install -pl metaxy-domain -am -DskipTests
 * mvn -B -q test-compile exec:java -pl metaxy-domain \
 *     -Dexec.mainClass=io.metaxy.domain.bench.GraphVersionsBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * Arguments (optional): {@code warmups measured}, default {@code 10 15}.
 */
public final class GraphVersionsBenchmark {
  private GraphVersionsBenchmark() {}

  private static volatile Object sink;

  public static void main(String[] args) {
    int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    List<FeatureSpec> specs = GeneratedGraphs.tenThousandByFiveDepthHundred();
    long fields = specs.stream().mapToLong(s -> s.fields().size()).sum();
    System.out.printf(
        Locale.ROOT,
        "graph: %d features, %d fields, depth 100; %d warm-up + %d measured runs; JDK %s%n",
        specs.size(),
        fields,
        warmups,
        measured,
        System.getProperty("java.version"));

    // 1. every graph-level version of docs/semantics.md §2 of a freshly built graph (graph build
    // not timed)
    report(
        "field, feature, code, snapshot versions",
        warmups,
        measured,
        () -> FeatureGraph.of(specs),
        g -> g.versions(Truncation.DEFAULT));
    // 2. the same plus the audit-only spec versions (canonical JSON of every spec)
    report(
        "the same + spec versions of every spec",
        warmups,
        measured,
        () -> FeatureGraph.of(specs),
        g -> {
          GraphVersions v = g.versions(Truncation.DEFAULT);
          for (FeatureKey k : g.topologicalOrder()) {
            sink = v.specVersion(k);
          }
          return v;
        });
    // 3. validation and parent resolution: building the graph
    report("build + validate graph", warmups, measured, () -> specs, FeatureGraph::of);
    // 4. end to end: build the graph and compute every version, untruncated
    report(
        "build + all versions (untruncated)",
        warmups,
        measured,
        () -> specs,
        s -> {
          FeatureGraph g = FeatureGraph.of(s);
          GraphVersions v = g.versions(Truncation.NONE);
          for (FeatureSpec spec : g.features()) {
            for (FieldSpec f : spec.fields()) {
              sink = v.fieldVersion(new FieldRef(spec.key(), f.key()));
            }
          }
          return v.snapshotVersion();
        });
  }

  private static <T> void report(
      String name,
      int warmups,
      int measured,
      Supplier<T> setup,
      java.util.function.Function<T, Object> work) {
    for (int i = 0; i < warmups; i++) {
      sink = work.apply(setup.get());
    }
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int i = 0; i < measured; i++) {
      T input = setup.get();
      System.gc(); // start every measured run with a clean heap: garbage of the setup is not ours
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      sink = work.apply(input);
      wall.add((System.nanoTime() - t0) / 1e6);
      cpu.add((threads.getCurrentThreadCpuTime() - c0) / 1e6);
    }
    double[] w = wall.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] c = cpu.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%-38s wall min %7.1f ms  median %7.1f ms  max %7.1f ms | thread CPU min %7.1f ms  median"
            + " %7.1f ms%n",
        name,
        w[0],
        w[w.length / 2],
        w[w.length - 1],
        c[0],
        c[c.length / 2]);
  }
}
