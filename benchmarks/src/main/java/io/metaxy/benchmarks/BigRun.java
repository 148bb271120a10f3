package io.metaxy.benchmarks;

import java.util.List;

/** The 10^7-row stale resolve on DuckDB, in a child JVM with a small heap. */
final class BigRun {
  private BigRun() {}

  static void run(
      BenchmarkConfig cfg, Location.Environment env, List<Target> available, Report report) {
    Target duck =
        available.stream().filter(t -> t.name().equals("jooq+duckdb")).findFirst().orElse(null);
    if (duck == null) {
      report.skipped.add(
          "jooq+duckdb at N=" + cfg.big + ": store not available (floor still measured)");
    }
    Runner r = new Runner(env, available, 0).sqlSeedAbove(cfg.sqlSeedAbove);
    report.heap =
        r.runStaleInChild(
            Scenario.SIMPLE, cfg.big, cfg.bigRounds, DbKind.DUCKDB, duck, cfg.heapXmx);
    report.bigMeasurements = r.results();
    report.sqlSeeded.addAll(r.sqlSeeded());
  }
}
