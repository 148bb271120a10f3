package io.metaxy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.metaxy.ports.spi.MetadataStoreProviders;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole benchmark at a smoke size (N=200, one round, every present target and floor; and
 * N=1000 above {@code --large-above}, DuckDB only) and checks correctness only: exact counts and
 * IDs, provenance equal to the Java reference. No timing is asserted.
 */
class BenchmarkSmokeTest {
  @TempDir Path dir;

  @Test
  void everyPresentTargetAndFloorResolvesExactly() throws Exception {
    Location.Environment env = new Location.Environment(dir, "127.0.0.1", 5432, "postgres", "test");
    String pg = env.pgUnavailable();
    String maria = env.mariaUnavailable();
    if (pg != null && "true".equals(System.getenv("CI"))) {
      fail("CI=true but " + pg);
    }
    if (maria != null && "true".equals(System.getenv("CI"))) {
      fail("CI=true but " + maria);
    }
    if (maria != null) {
      System.err.println(
          "BenchmarkSmokeTest: MariaDB floor and targets not checked (run"
              + " scripts/test-services.sh to start MariaDB): "
              + maria);
    }
    BenchmarkConfig cfg =
        BenchmarkConfig.parse(
            new String[] {
              "--sizes", "200,1000",
              "--large-above", "200",
              "--large-targets", "jooq+duckdb",
              "--rounds", "1",
              "--warmup", "0",
              "--big", "2000",
              "--big-rounds", "1",
              "--heap-xmx", "256m",
              "--write-rows", "500",
              "--write-rounds", "3",
              "--graph-features", "200",
              "--graph-rounds", "1",
              "--dir", dir.toString(),
              "--out", dir.resolve("RESULTS.md").toString()
            });
    Report report = BenchmarkMain.run(cfg);

    // every target whose provider is on the class path ran (PostgreSQL ones: if reachable)
    var providers = MetadataStoreProviders.all(getClass().getClassLoader()).keySet();
    for (Target t : Target.all()) {
      boolean present = providers.contains(t.providerType());
      boolean reachable =
          t.db() == DbKind.POSTGRES ? pg == null : t.db() != DbKind.MARIADB || maria == null;
      assertThat(report.targets().contains(t.name()))
          .as("%s ran (provider present: %s, reachable: %s)", t.name(), present, reachable)
          .isEqualTo(present && reachable);
    }
    assertThat(report.targets()).contains("in-memory", "jooq+duckdb", "jooq+h2");

    List<String> floors =
        report.measurements().stream()
            .filter(Measurement::isFloor)
            .map(Measurement::target)
            .toList();
    assertThat(floors).contains("DuckDB floor", "DuckDB floor, one row per sample", "H2 floor");
    if (pg == null) {
      assertThat(floors).contains("PostgreSQL floor");
    }
    if (maria == null) {
      assertThat(floors).contains("MariaDB floor");
    }
    // N=200: 2 scenarios × 2 phases per target and per floor (DuckDB: two floors), each checked
    long floorCount = 3 + (pg == null ? 1 : 0) + (maria == null ? 1 : 0);
    List<Measurement> small = report.measurements().stream().filter(m -> m.n == 200).toList();
    assertThat(small).hasSize((int) (4L * (report.targets().size() + floorCount)));
    // N=1000 is above --large-above: only jooq+duckdb and the DuckDB floors ran
    List<Measurement> large = report.measurements().stream().filter(m -> m.n == 1000).toList();
    assertThat(large)
        .extracting(Measurement::target)
        .containsOnly("jooq+duckdb", "DuckDB floor", "DuckDB floor, one row per sample")
        .hasSize(12);
    for (Measurement m : report.measurements()) {
      assertThat(m.problems()).as("%s %s", m.target(), m.key()).isEmpty();
      assertThat(m.rounds()).as("%s %s", m.target(), m.key()).isEqualTo(1);
      assertThat(m.gc).as("GC pauses of each round, %s %s", m.target(), m.key()).hasSize(1);
      assertThat(m.counts)
          .as("%s %s", m.target(), m.key())
          .isEqualTo(m.phase == Phase.NEW ? m.n + "/0/0" : "0/" + m.n / 10 + "/0");
    }
    // the child-JVM stale run with a small heap
    assertThat(report.bigMeasurements()).extracting(Measurement::target).contains("jooq+duckdb");
    report.bigMeasurements().forEach(m -> assertThat(m.problems()).isEmpty());
    assertThat(report.heap()).hasSize(1);
    assertThat(report.heap().get(0).verdict()).isEqualTo("ok");
    assertThat(report.heap().get(0).counts()).isEqualTo("0/200/0");

    // write throughput: every store and every database's plain-JDBC floor, 3 rounds each
    assertThat(report.writes().keySet()).containsAll(report.targets());
    assertThat(report.writes().keySet())
        .contains(WriteBench.databaseLabel(DbKind.DUCKDB), WriteBench.databaseLabel(DbKind.H2));
    if (pg == null) {
      assertThat(report.writes().keySet()).contains(WriteBench.databaseLabel(DbKind.POSTGRES));
    }
    if (maria == null) {
      assertThat(report.writes().keySet()).contains(WriteBench.databaseLabel(DbKind.MARIADB));
    }
    report.writes().forEach((t, rounds) -> assertThat(rounds).as(t).hasSize(3));
    assertThat(report.graphRounds()).hasSize(1);
    assertThat(report.allCorrect()).isTrue();
    assertThat(report.markdown())
        .contains("| simple | 200 | stale | jooq+duckdb |")
        .contains("| wide | 10^3 | new | jooq+duckdb |")
        .contains("RESULTS-spark.md");
  }

  @Test
  void aStoreRunsWithoutItsFloor() throws Exception {
    BenchmarkConfig cfg =
        BenchmarkConfig.parse(
            new String[] {
              "--scenarios", "simple",
              "--sizes", "200",
              "--targets", "jooq+duckdb",
              "--floors", "none",
              "--rounds", "1",
              "--warmup", "0",
              "--big", "0",
              "--write-rows", "0",
              "--graph-features", "0",
              "--dir", dir.toString(),
              "--out", dir.resolve("RESULTS.md").toString()
            });
    Report report = BenchmarkMain.run(cfg);

    assertThat(report.measurements())
        .extracting(Measurement::target, m -> m.phase, m -> m.counts)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("jooq+duckdb", Phase.NEW, "200/0/0"),
            org.assertj.core.groups.Tuple.tuple("jooq+duckdb", Phase.STALE, "0/20/0"));
    report.measurements().forEach(m -> assertThat(m.problems()).isEmpty());
  }
}
