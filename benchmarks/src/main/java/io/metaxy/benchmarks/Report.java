package io.metaxy.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Everything a run measured, rendered as {@code RESULTS.md}. */
public final class Report {
  final BenchmarkConfig cfg;
  final String started = BenchmarkMain.now();
  String machine = "";
  List<String> targets = List.of();
  final Map<String, String> unavailable = new LinkedHashMap<>();
  final List<String> skipped = new ArrayList<>();
  final List<String> sqlSeeded = new ArrayList<>();
  final List<String> loadSamples = new ArrayList<>();
  List<Measurement> measurements = List.of();
  List<Measurement> warmupProblems = List.of();
  List<Measurement> bigMeasurements = List.of();
  final Map<String, List<Long>> writes = new LinkedHashMap<>();
  final Map<String, String> writeErrors = new LinkedHashMap<>();
  final List<GraphBench.Round> graphRounds = new ArrayList<>();
  String graphError;
  List<Runner.HeapResult> heap = List.of();

  Report(BenchmarkConfig cfg) {
    this.cfg = cfg;
  }

  public List<Measurement> measurements() {
    return measurements;
  }

  public List<Measurement> bigMeasurements() {
    return bigMeasurements;
  }

  public List<Runner.HeapResult> heap() {
    return heap;
  }

  public Map<String, String> unavailable() {
    return unavailable;
  }

  public List<String> targets() {
    return targets;
  }

  public Map<String, List<Long>> writes() {
    return writes;
  }

  public List<GraphBench.Round> graphRounds() {
    return graphRounds;
  }

  /** True when every timed result (and the warm-up) was checked correct. */
  public boolean allCorrect() {
    return warmupProblems.isEmpty()
        && measurements.stream().allMatch(Measurement::correct)
        && bigMeasurements.stream().allMatch(Measurement::correct);
  }

  static String load(String when) {
    try {
      String avg = Files.readString(Path.of("/proc/loadavg")).trim();
      return when + " (" + BenchmarkMain.now() + "): load " + avg;
    } catch (IOException e) {
      return when + ": load unknown";
    }
  }

  static String machine(Location.Environment env) {
    String cpu = "unknown CPU";
    long ramKb = -1;
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          cpu = l.substring(l.indexOf(':') + 1).trim();
          break;
        }
      }
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          ramKb = Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: leave unknown
    }
    String pg =
        env.pgUnavailable() == null
            ? BenchmarkMain.version(DbKind.POSTGRES, env.pgUrl(env.pgAdminDb()))
            : "unavailable";
    return String.format(
        Locale.ROOT,
        "%s, %d cores, %.1f GiB RAM, JDK %s (%s), DuckDB %s, PostgreSQL %s, H2 %s, %s %s",
        cpu,
        Runtime.getRuntime().availableProcessors(),
        ramKb / 1024.0 / 1024.0,
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.name"),
        BenchmarkMain.version(DbKind.DUCKDB, "jdbc:duckdb:"),
        pg,
        BenchmarkMain.version(DbKind.H2, "jdbc:h2:mem:version"),
        System.getProperty("os.name"),
        System.getProperty("os.version"));
  }

  private Optional<Measurement> find(
      List<Measurement> ms, String scenario, long n, Phase p, String target) {
    return ms.stream()
        .filter(
            m -> m.scenario.equals(scenario) && m.n == n && m.phase == p && m.target.equals(target))
        .findFirst();
  }

  private Optional<Measurement> floorOf(List<Measurement> ms, Measurement m) {
    if (m.db == null) {
      return Optional.empty();
    }
    return find(ms, m.scenario, m.n, m.phase, m.db.display() + " floor");
  }

  private static String ms(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String pow(long n) {
    int e = (int) Math.round(Math.log10(n));
    return (long) Math.pow(10, e) == n ? "10^" + e : Long.toString(n);
  }

  String ratio(List<Measurement> all, Measurement m) {
    if (m.floor && (m.db == null || m.target.equals(m.db.display() + " floor"))) {
      return "1 (floor)";
    }
    return floorOf(all, m)
        .filter(f -> !f.nanos.isEmpty() && !m.nanos.isEmpty())
        .map(
            f ->
                String.format(Locale.ROOT, "%.2f×", m.medianMs() / f.medianMs())
                    + (m.floor ? " of the floor with history" : ""))
        .orElse("–");
  }

  private void table(StringBuilder sb, List<Measurement> ms) {
    sb.append(
        "| scenario | N | phase | target | median ms | min | max | rounds | floor median ms | ratio"
            + " to floor | JVM CPU ms | GC pause ms (collections) | split ms"
            + " call/new/stale/orphaned | rows new/stale/orphaned | checked |\n");
    sb.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
    for (Measurement m : ms) {
      String floorMedian =
          m.floor ? ms(m.medianMs()) : floorOf(ms, m).map(f -> ms(f.medianMs())).orElse("–");
      sb.append("| ")
          .append(m.scenario)
          .append(" | ")
          .append(pow(m.n))
          .append(" | ")
          .append(m.phase.label())
          .append(" | ")
          .append(m.floor ? "*" + m.target + "*" : m.target)
          .append(m.note.isEmpty() ? "" : " (" + m.note + ")")
          .append(" | ")
          .append(ms(m.medianMs()))
          .append(" | ")
          .append(m.nanos.isEmpty() ? "–" : m.minMs())
          .append(" | ")
          .append(m.nanos.isEmpty() ? "–" : m.maxMs())
          .append(" | ")
          .append(m.rounds())
          .append(" | ")
          .append(floorMedian)
          .append(" | ")
          .append(ratio(ms, m))
          .append(" | ")
          .append(ms(m.medianCpuMs()))
          .append(" | ")
          .append(m.medianGc())
          .append(" | ")
          .append(m.medianSplit())
          .append(" | ")
          .append(m.counts)
          .append(" | ")
          .append(
              m.correct()
                  ? "✓ exact ids, provenance = reference"
                  : "✗ " + m.problems.toString().replaceAll("\\s+", " "))
          .append(" |\n");
    }
  }

  /** Evaluates the published targets against the measurements. */
  List<String> targetVerdicts() {
    List<String> out = new ArrayList<>();
    List<Measurement> all = measurements;
    for (long n : List.of(100_000L, 1_000_000L)) {
      for (Measurement m : all) {
        if (m.target.equals("jooq+duckdb") && m.n == n) {
          out.add(verdictRatio(all, m, 1.25));
        }
      }
    }
    for (String jooq : List.of("jooq+postgres", "jooq+mariadb")) {
      boolean measured = false;
      for (Measurement m : all) {
        if (m.target.equals(jooq) && m.n == 1_000_000L) {
          out.add(verdictRatio(all, m, 1.5));
          measured = true;
        }
      }
      if (!measured) {
        out.add(jooq + " at 10^6 ≤ 1.5× floor: NOT MEASURED in this run");
      }
    }
    for (Measurement m : all) {
      if (m.target.startsWith("ebean+")) {
        out.add(ebeanVerdict(all, m, 1.25));
      }
    }
    for (Measurement m : all) {
      if (m.target.equals("jooq+duckdb") && m.n == 1_000_000L && m.phase == Phase.STALE) {
        out.add(historyVerdict(all, m, 1.25));
      }
    }
    writeTargets().forEach((t, min) -> out.add(writeVerdict(t, min)));
    for (Measurement m : all) {
      if (!m.target.equals("in-memory") || m.n != 1_000_000L) {
        continue;
      }
      // wave 2: ≤ 0.8 s per phase (simple), ≤ 1.5 s wide stale
      double limit = m.scenario.equals("simple") ? 800 : m.phase == Phase.STALE ? 1500 : Double.NaN;
      if (Double.isNaN(limit)) {
        continue;
      }
      out.add(
          String.format(
              Locale.ROOT,
              "in-memory ≤ %.1f s at 10^6 %s %s: median %s ms (min %d, JVM CPU %s ms) → %s",
              limit / 1000,
              m.scenario,
              m.phase.label(),
              ms(m.medianMs()),
              m.minMs(),
              ms(m.medianCpuMs()),
              m.correct() && m.medianMs() <= limit ? "MET" : "MISSED"));
    }
    if (!heap.isEmpty()) {
      long peak = heap.stream().mapToLong(Runner.HeapResult::peakPools).max().orElse(0);
      boolean ok =
          heap.stream().allMatch(h -> "ok".equals(h.verdict()))
              && bigMeasurements.stream().allMatch(Measurement::correct);
      out.add(
          String.format(
              Locale.ROOT,
              "10^7 stale on DuckDB, peak heap < 1 GiB: peak %.0f MiB (sum of heap pools' peaks;"
                  + " -Xmx%s) → %s",
              peak / 1048576.0,
              cfg.heapXmx,
              ok && peak < (1L << 30) ? "MET" : "MISSED"));
    } else if (cfg.big > 0) {
      out.add("10^7 stale on DuckDB, peak heap < 1 GiB: NOT MEASURED (jooq+duckdb not available)");
    } else {
      out.add("10^7 stale on DuckDB, peak heap < 1 GiB: NOT MEASURED in this run (--big 0)");
    }
    return out;
  }

  /** Write-throughput targets (rows/s per write call) by target name. */
  static Map<String, Long> writeTargets() {
    Map<String, Long> t = new LinkedHashMap<>();
    t.put("jooq+duckdb", 1_000_000L);
    t.put("jooq+postgres", 200_000L);
    t.put("jooq+mariadb", 100_000L);
    t.put("ebean+postgres", 100_000L);
    t.put("ebean+mariadb", 100_000L);
    return t;
  }

  private String writeVerdict(String target, long minRowsPerSecond) {
    String label = String.format(Locale.ROOT, "write %s ≥ %,d rows/s", target, minRowsPerSecond);
    if (writeErrors.containsKey(target)) {
      return label + ": failed (" + writeErrors.get(target) + ") → MISSED";
    }
    List<Long> ns = writes.get(target);
    if (ns == null || ns.isEmpty()) {
      return label + ": NOT MEASURED";
    }
    List<Long> s = new ArrayList<>(ns);
    s.sort(null);
    double perSecond = cfg.writeRows / (s.get(s.size() / 2) / 1e9);
    return String.format(
        Locale.ROOT,
        "%s: %,.0f rows/s (median of %d, %,d rows each) → %s",
        label,
        perSecond,
        s.size(),
        cfg.writeRows,
        perSecond >= minRowsPerSecond ? "MET" : "MISSED");
  }

  private String ebeanVerdict(List<Measurement> all, Measurement m, double limit) {
    String jooq = "jooq+" + m.target.substring("ebean+".length());
    String label =
        String.format(Locale.ROOT, "Ebean ≤ %.2f× jOOQ, %s %s", limit, m.target, m.key());
    Optional<Measurement> j = find(all, m.scenario, m.n, m.phase, jooq);
    if (j.isEmpty() || j.get().nanos.isEmpty() || m.nanos.isEmpty()) {
      return label
          + ": not measurable ("
          + (m.nanos.isEmpty() ? "no Ebean result" : "no " + jooq + " result")
          + ")";
    }
    double r = m.medianMs() / j.get().medianMs();
    return String.format(
        Locale.ROOT,
        "%s: %.2f× (%s vs %s ms) → %s",
        label,
        r,
        ms(m.medianMs()),
        ms(j.get().medianMs()),
        r <= limit && m.correct() ? "MET" : "MISSED");
  }

  /** The store against the DuckDB floor that keeps one row per sample (the cost of history). */
  private String historyVerdict(List<Measurement> all, Measurement m, double limit) {
    String oneRow = m.db.display() + " floor, one row per sample";
    Optional<Measurement> f = find(all, m.scenario, m.n, m.phase, oneRow);
    String label =
        String.format(
            Locale.ROOT, "%s %s ≤ %.2f× the floor without history", m.target, m.key(), limit);
    if (f.isEmpty() || f.get().nanos.isEmpty() || m.nanos.isEmpty()) {
      return label + ": not measurable";
    }
    double r = m.medianMs() / f.get().medianMs();
    return String.format(
        Locale.ROOT,
        "%s: %.2f× (%s vs %s ms) → %s",
        label,
        r,
        ms(m.medianMs()),
        ms(f.get().medianMs()),
        r <= limit && m.correct() ? "MET" : "MISSED");
  }

  private String verdictRatio(List<Measurement> all, Measurement m, double limit) {
    Optional<Measurement> f = floorOf(all, m);
    if (f.isEmpty() || f.get().nanos.isEmpty() || m.nanos.isEmpty()) {
      return m.target + " " + m.key() + " ≤ " + limit + "× floor: not measurable";
    }
    double r = m.medianMs() / f.get().medianMs();
    return String.format(
        Locale.ROOT,
        "%s %s ≤ %.2f× floor: %.2f× (%s vs %s ms) → %s",
        m.target,
        m.key(),
        limit,
        r,
        ms(m.medianMs()),
        ms(f.get().medianMs()),
        r <= limit && m.correct() ? "MET" : "MISSED");
  }

  /** The markdown of {@code RESULTS.md}. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Metaxy benchmark results\n\n");
    sb.append("Generated ")
        .append(started)
        .append(" → ")
        .append(BenchmarkMain.now())
        .append(" by `BenchmarkMain ")
        // folders of the machine that ran it mean nothing to a reader
        .append(cfg.command.replaceAll("--(dir|out) /\\S+", "--$1 <$1>"))
        .append("` (see README.md for the command).\n\n");
    sb.append("**Machine:** ").append(machine).append("\n\n");
    int cores = Runtime.getRuntime().availableProcessors();
    sb.append("**Load during the run** (`/proc/loadavg`; ")
        .append(cores)
        .append(cores == 1 ? " core" : " cores")
        .append(", so a load above ~")
        .append(cores / 2)
        .append(" means other processes competed):\n\n");
    loadSamples.forEach(l -> sb.append("- ").append(l).append('\n'));
    sb.append('\n');
    sb.append("Settings: sizes ")
        .append(cfg.sizes)
        .append(", ")
        .append(cfg.rounds)
        .append(" rounds")
        .append(cfg.roundsLarge != null ? " (" + cfg.roundsLarge + " at N ≥ 10^6)" : "")
        .append(", warm-up at N=")
        .append(cfg.warmup)
        .append(" per target (not reported), fresh database (copy of the seeded one) per round,")
        .append(" seeding untimed through each store's own `write`; md5, truncation 8.\n\n");
    if (!sqlSeeded.isEmpty()) {
      sb.append("SQL-copy seeding (the store wrote samples 0..")
          .append(Runner.AMPLIFY_FROM - 1)
          .append(" through `write`; one `INSERT … SELECT` per table copied them to the other IDs")
          .append(" with the values the store computes; see `SqlAmplifier`, for Spark")
          .append(" `SparkAmplifier`): ")
          .append(String.join("; ", sqlSeeded))
          .append(".\n\n");
    }
    sb.append("## resolveUpdate: median of rounds\n\n");
    sb.append(
        "Time = `resolveUpdate(leaf)` plus consuming every row of the new, stale and orphaned"
            + " streams (the store is opened before the clock starts). The floor is one"
            + " hand-written SQL statement per phase on its own column-per-field tables in the"
            + " same engine, read through plain JDBC; on DuckDB a second floor keeps one row per"
            + " sample (primary key, changed samples updated in place, no latest-row step), so"
            + " the cost of keeping history shows beside it. Every round is checked: counts and the exact"
            + " ID sets (new phase: all N new; stale phase: exactly the 10% changed IDs), and an"
            + " order-independent checksum of (kind, id, metaxy_provenance) equal to the Java"
            + " reference of docs/semantics.md §3 (N ≤ "
            + cfg.referenceLimit
            + ") or to the floor's. *JVM CPU ms* = CPU time of the benchmark process during the"
            + " round (median): it includes DuckDB's and H2's embedded work, not PostgreSQL's"
            + " server; with other processes competing for the "
            + Runtime.getRuntime().availableProcessors()
            + " cores it is the steadier"
            + " figure. *GC pause ms* = this JVM's collection pauses during the round (GC"
            + " MXBeans; median, with the median number of collections). *split* = median ms of"
            + " the `resolveUpdate` call and of consuming each"
            + " stream (a store that runs one query per stream shows it here).\n\n");
    table(sb, measurements);
    sb.append('\n');
    if (!bigMeasurements.isEmpty()) {
      sb.append("## 10^7 stale on DuckDB, store in a child JVM\n\n");
      table(sb, bigMeasurements);
      sb.append('\n');
      if (!heap.isEmpty()) {
        sb.append("| round | resolve ms | peak heap sampled (MiB) | sum of heap pools' peaks (MiB)")
            .append(" | max heap (MiB) | rows | verdict |\n|---:|---:|---:|---:|---:|---|---|\n");
        int i = 1;
        for (Runner.HeapResult h : heap) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "| %d | %d | %.0f | %.0f | %.0f | %s | %s |%n",
                  i++,
                  h.nanos() / 1_000_000,
                  h.peakSampled() / 1048576.0,
                  h.peakPools() / 1048576.0,
                  h.maxHeap() / 1048576.0,
                  h.counts(),
                  h.verdict()));
        }
        sb.append('\n');
      }
    }
    sb.append("## Targets\n\n");
    targetVerdicts().forEach(v -> sb.append("- ").append(v).append('\n'));
    sb.append('\n');
    sb.append("## Write throughput (")
        .append(cfg.writeRows)
        .append(" root rows, batches of ")
        .append(Seeder.BATCH)
        .append(", empty database)\n\n");
    sb.append(
        "Every store through `MetadataStore.write`, and each database's own floor: the same rows"
            + " through the database's bulk path (DuckDB's appender, PostgreSQL's `COPY`; H2 and"
            + " MariaDB a prepared `INSERT` in JDBC batches), one transaction per batch, into a"
            + " plain table (no system columns, no history logic).\n\n");
    sb.append(
        "| target | rounds | min s | median s | max s | rows/s (median) |\n"
            + "|---|---:|---:|---:|---:|---:|\n");
    writes.forEach(
        (t, ns) -> {
          List<Long> s = new ArrayList<>(ns);
          s.sort(null);
          double med = s.get(s.size() / 2) / 1e9;
          sb.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %d | %.2f | %.2f | %.2f | %,.0f |%n",
                  t,
                  s.size(),
                  s.get(0) / 1e9,
                  med,
                  s.get(s.size() - 1) / 1e9,
                  cfg.writeRows / med));
        });
    writeErrors.forEach(
        (t, e) -> sb.append("| ").append(t).append(" | failed: ").append(e).append(" | | | | |\n"));
    sb.append('\n');
    sb.append("## Graph-level versions (")
        .append(cfg.graphFeatures)
        .append(" features, 2 fields each, chain depth ")
        .append(cfg.graphFeatures)
        .append(")\n\n");
    if (graphError != null) {
      sb.append("Failed: ").append(graphError).append("\n\n");
    }
    if (!graphRounds.isEmpty()) {
      List<Long> build = new ArrayList<>();
      List<Long> vers = new ArrayList<>();
      graphRounds.forEach(
          g -> {
            build.add(g.buildNanos());
            vers.add(g.versionsNanos());
          });
      build.sort(null);
      vers.sort(null);
      sb.append(
          String.format(
              Locale.ROOT,
              "`FeatureGraph.of` (validation, topological order): median %.1f ms; `versions()`"
                  + " (every field/feature version + snapshot): median %.1f ms, min %.1f, max %.1f"
                  + " (%d rounds, a fresh graph each).%n%n",
              build.get(build.size() / 2) / 1e6,
              vers.get(vers.size() / 2) / 1e6,
              vers.get(0) / 1e6,
              vers.get(vers.size() - 1) / 1e6,
              graphRounds.size()));
    }
    sb.append("## Not available / skipped\n\n");
    if (unavailable.isEmpty() && skipped.isEmpty()) {
      sb.append("Nothing: every target ran.\n");
    }
    unavailable.forEach(
        (t, w) -> sb.append("- ").append(t).append(": not available — ").append(w).append('\n'));
    skipped.forEach(s -> sb.append("- skipped: ").append(s).append('\n'));
    if (!warmupProblems.isEmpty()) {
      sb.append("\nWarm-up problems:\n");
      warmupProblems.forEach(
          m ->
              sb.append("- ")
                  .append(m.target)
                  .append(' ')
                  .append(m.key())
                  .append(": ")
                  .append(m.problems)
                  .append('\n'));
    }
    if (!targets.contains("spark")) {
      sb.append(
          "\nThe Spark store (`spark` target, Maven profile `-Pspark`) is measured in separate"
              + " runs: see [RESULTS-spark.md](RESULTS-spark.md).\n");
    }
    return sb.toString();
  }
}
