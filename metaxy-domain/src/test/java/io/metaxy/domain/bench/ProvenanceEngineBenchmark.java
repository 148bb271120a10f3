package io.metaxy.domain.bench;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.JdkRowHashers;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.increment.IncrementDiff;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.provenance.ProvenanceEngine;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Plain benchmark harness (not a unit test; nothing asserts time) of the record-level engine alone,
 * without a store: the benchmarks module's {@code simple} scenario (root {@code bench/video} with
 * fields audio and frames → leaf {@code bench/embedding}) with N samples, md5, truncation 8. Phase
 * {@code new}: the leaf is empty; phase {@code stale}: the leaf is up to date except for every
 * tenth sample, whose upstream audio changed. Timed: {@link ProvenanceEngine#prepareExpected} plus
 * {@link IncrementDiff} and consuming its three streams; the counts are checked on every run.
 *
 * <pre>
 * mvn -B -q install -pl metaxy-domain -am -DskipTests
 * mvn -B -q test-compile exec:java -pl metaxy-domain \
 *     -Dexec.mainClass=io.metaxy.domain.bench.ProvenanceEngineBenchmark -Dexec.classpathScope=test \
 *     -Dexec.args="1000000 3"
 * </pre>
 *
 * Arguments (optional): {@code N rounds}, default {@code 1000000 3}.
 */
public final class ProvenanceEngineBenchmark {
  private static final FeatureKey VIDEO = FeatureKey.of("bench/video");
  private static final FeatureKey EMBEDDING = FeatureKey.of("bench/embedding");

  private ProvenanceEngineBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    FeatureGraph graph =
        FeatureGraph.of(
            List.of(
                FeatureSpec.builder(VIDEO)
                    .idColumns("sample_uid")
                    .field("audio", "1")
                    .field("frames", "1")
                    .build(),
                FeatureSpec.builder(EMBEDDING)
                    .idColumns("sample_uid")
                    .field("embedding", "1")
                    .dependsOn(FeatureDep.on(VIDEO))
                    .build()));
    ProvenanceEngine engine =
        new ProvenanceEngine(
            graph, JdkRowHashers.forAlgorithm(HashAlgorithm.MD5).orElseThrow(), Truncation.DEFAULT);
    String videoVersion = graph.versions(Truncation.DEFAULT).featureVersion(VIDEO);
    List<Row> upstream = new ArrayList<>(n);
    List<Row> changedUpstream = new ArrayList<>(n);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    for (long i = 0; i < n; i++) {
      upstream.add(storedRow(engine, i, "a" + i, "f" + i, videoVersion, now));
      changedUpstream.add(
          storedRow(engine, i, i % 10 == 3 ? "b" + i : "a" + i, "f" + i, videoVersion, now));
    }
    List<Row> leaf;
    try (Stream<Row> s = engine.expectedRows(EMBEDDING, k -> upstream.stream())) {
      leaf = s.toList();
    }
    System.out.printf(Locale.ROOT, "engine benchmark: N=%d, %d rounds, md5/8%n", n, rounds);
    for (String phase : List.of("new", "stale")) {
      List<Row> up = phase.equals("new") ? upstream : changedUpstream;
      List<Row> stored = phase.equals("new") ? List.of() : leaf;
      long expectStale = phase.equals("new") ? 0 : (n + 6) / 10;
      long expectNew = phase.equals("new") ? n : 0;
      double[] ms = new double[rounds + 1];
      for (int r = 0; r <= rounds; r++) {
        long t0 = System.nanoTime();
        Supplier<Stream<Row>> expected = engine.prepareExpected(EMBEDDING, k -> up.stream());
        IncrementDiff diff =
            IncrementDiff.of(List.of("sample_uid"), expected, stored.stream(), List.of());
        long nNew;
        long nStale;
        long nOrphaned;
        try (Stream<Row> s = diff.newRows()) {
          nNew = s.count();
        }
        try (Stream<Row> s = diff.staleRows()) {
          nStale = s.count();
        }
        try (Stream<Row> s = diff.orphanedRows()) {
          nOrphaned = s.count();
        }
        ms[r] = (System.nanoTime() - t0) / 1e6;
        if (nNew != expectNew || nStale != expectStale || nOrphaned != 0) {
          throw new IllegalStateException(
              phase + ": new " + nNew + ", stale " + nStale + ", orphaned " + nOrphaned);
        }
      }
      double[] measured = Arrays.copyOfRange(ms, 1, ms.length); // round 0 warms up
      Arrays.sort(measured);
      System.out.printf(
          Locale.ROOT,
          "%-6s min %8.1f  median %8.1f  max %8.1f ms (warm-up %.1f)%n",
          phase,
          measured[0],
          measured[measured.length / 2],
          measured[measured.length - 1],
          ms[0]);
    }
  }

  private static Row storedRow(
      ProvenanceEngine engine, long id, String audio, String frames, String version, Instant at) {
    Map<String, String> pbf = new LinkedHashMap<>();
    pbf.put("audio", audio);
    pbf.put("frames", frames);
    Row.Builder b = Row.builder();
    b.set("sample_uid", id);
    b.set(SystemColumns.PROVENANCE_BY_FIELD, pbf);
    b.set(SystemColumns.PROVENANCE, engine.combine(pbf));
    b.set(SystemColumns.FEATURE_VERSION, version);
    b.set(SystemColumns.CREATED_AT, at);
    b.set(SystemColumns.UPDATED_AT, at);
    b.set(SystemColumns.DELETED_AT, null);
    return b.build();
  }
}
