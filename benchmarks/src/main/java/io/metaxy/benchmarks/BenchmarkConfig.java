package io.metaxy.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Options of a benchmark run (command-line flags, see the module README). */
public final class BenchmarkConfig {
  List<Scenario> scenarios = List.of(Scenario.SIMPLE, Scenario.WIDE);
  List<Long> sizes = List.of(100_000L, 1_000_000L);
  int rounds = 5;

  /** Rounds at N ≥ 10^6 (the time budget); defaults to {@link #rounds}. */
  Integer roundsLarge;

  /** Target names to run; {@code null} = all available. */
  List<String> targets;

  /** Sizes above this N run only {@link #largeTargets} (and the floors of their databases). */
  long largeAbove = Long.MAX_VALUE;

  /** The targets run at sizes above {@link #largeAbove}. */
  List<String> largeTargets = List.of("jooq+duckdb");

  List<DbKind> floors = List.of(DbKind.DUCKDB, DbKind.POSTGRES, DbKind.H2, DbKind.MARIADB);

  /** N of the DuckDB 10^7 stale run in a child JVM (0 = skip). */
  long big = 10_000_000L;

  int bigRounds = 3;
  String heapXmx = "1g";
  long writeRows = 1_000_000L;
  int writeRounds = 3;
  int graphFeatures = 10_000;
  int graphRounds = 5;
  long warmup = 2_000L;
  long referenceLimit = 2_000_000L;

  /** Largest N run on H2 (H2 is slow at scale); larger sizes are reported as skipped. */
  long h2Max = 100_000L;

  /** Largest N run on MariaDB (floor and stores); larger sizes are reported as skipped. */
  long mariadbMax = Long.MAX_VALUE;

  /** Above this N, jOOQ stores are seeded by SQL copies of store-written rows. */
  long sqlSeedAbove = 200_000L;

  Path out = Path.of("RESULTS.md");
  Path dir;
  String command = "";

  /**
   * The options of {@code --preset full}: every cell of {@code RESULTS.md} in one run (10^5 on
   * every store and floor, 10^6 on all but H2 and MariaDB, 10^7 on DuckDB only, 3 rounds at every
   * N, write throughput of every store and database at 10^6 rows, graph versions), sized for about
   * 50 minutes on a quiet 2-core machine. Options given after the preset override it.
   */
  static final List<String> FULL =
      List.of(
          "--scenarios", "simple,wide",
          "--sizes", "100000,1000000,10000000",
          "--rounds", "3",
          "--rounds-large", "3",
          "--large-above", "1000000",
          "--large-targets", "jooq+duckdb",
          "--h2-max", "100000",
          "--mariadb-max", "100000",
          "--sql-seed-above", "50000",
          "--warmup", "2000",
          "--write-rows", "1000000",
          "--write-rounds", "3",
          "--graph-features", "10000",
          "--graph-rounds", "5",
          "--big", "0");

  static BenchmarkConfig parse(String[] given) {
    BenchmarkConfig c = new BenchmarkConfig();
    c.command = String.join(" ", given);
    List<String> expanded = new ArrayList<>();
    for (int i = 0; i < given.length; i++) {
      if (given[i].equals("--preset")) {
        String name = i + 1 < given.length ? given[++i] : "";
        if (!name.equals("full")) {
          throw new IllegalArgumentException(
              "unknown --preset \"" + name + "\" (the only preset is full)");
        }
        expanded.addAll(FULL);
      } else {
        expanded.add(given[i]);
      }
    }
    String[] args = expanded.toArray(String[]::new);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--scenarios" ->
            c.scenarios = list(v).stream().map(BenchmarkConfig::scenario).toList();
        case "--sizes" ->
            c.sizes =
                v.equals("none") ? List.of() : list(v).stream().map(BenchmarkConfig::size).toList();
        case "--rounds" -> c.rounds = Integer.parseInt(v);
        case "--rounds-large" -> c.roundsLarge = Integer.parseInt(v);
        case "--targets" -> c.targets = list(v);
        case "--large-above" -> c.largeAbove = size(v);
        case "--large-targets" -> c.largeTargets = list(v);
        case "--floors" ->
            c.floors =
                v.equals("none")
                    ? List.of()
                    : list(v).stream()
                        .map(x -> DbKind.valueOf(x.toUpperCase(Locale.ROOT)))
                        .toList();
        case "--big" -> c.big = size(v);
        case "--big-rounds" -> c.bigRounds = Integer.parseInt(v);
        case "--heap-xmx" -> c.heapXmx = v;
        case "--write-rows" -> c.writeRows = size(v);
        case "--write-rounds" -> c.writeRounds = Integer.parseInt(v);
        case "--graph-features" -> c.graphFeatures = (int) size(v);
        case "--graph-rounds" -> c.graphRounds = Integer.parseInt(v);
        case "--warmup" -> c.warmup = size(v);
        case "--h2-max" -> c.h2Max = size(v);
        case "--mariadb-max" -> c.mariadbMax = size(v);
        case "--sql-seed-above" -> c.sqlSeedAbove = size(v);
        case "--out" -> c.out = Path.of(v);
        case "--dir" -> c.dir = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
      i++;
    }
    return c;
  }

  int roundsFor(long n) {
    return n >= 1_000_000L && roundsLarge != null ? roundsLarge : rounds;
  }

  private static List<String> list(String v) {
    return new ArrayList<>(Arrays.asList(v.split(",")));
  }

  private static Scenario scenario(String s) {
    return Scenario.valueOf(s.trim().toUpperCase(Locale.ROOT));
  }

  /** Parses 100000, 1e5, 10^5. */
  static long size(String s) {
    s = s.trim();
    if (s.startsWith("10^")) {
      return (long) Math.pow(10, Integer.parseInt(s.substring(3)));
    }
    if (s.contains("e")) {
      return (long) Double.parseDouble(s);
    }
    return Long.parseLong(s.replace("_", ""));
  }
}
