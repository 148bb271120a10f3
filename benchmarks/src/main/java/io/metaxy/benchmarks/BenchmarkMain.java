package io.metaxy.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole benchmark and writes {@code RESULTS.md}: resolve times per scenario, size, phase
 * and target against the SQL floor of the same database; write throughput; graph-level versions of
 * a large graph; the 10^7-row stale resolve on DuckDB with its peak heap in a child JVM.
 */
public final class BenchmarkMain {
  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkMain.class);

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    BenchmarkConfig cfg = BenchmarkConfig.parse(args);
    Report report = run(cfg);
    Files.writeString(cfg.out, report.markdown(), StandardCharsets.UTF_8);
    LOG.info("wrote {}", cfg.out.toAbsolutePath());
    if (!report.allCorrect()) {
      LOG.error("some results were WRONG; see {}", cfg.out);
      System.exit(2);
    }
  }

  /** Runs everything the configuration asks for. */
  public static Report run(BenchmarkConfig cfg) throws IOException {
    Path dir = cfg.dir != null ? cfg.dir : Files.createTempDirectory("metaxy-bench");
    Files.createDirectories(dir);
    Location.Environment env =
        new Location.Environment(
            dir,
            System.getProperty("bench.pg.host", "127.0.0.1"),
            Integer.getInteger("bench.pg.port", 5432),
            System.getProperty("bench.pg.user", "postgres"),
            System.getProperty("bench.pg.db", "test"));
    Report report = new Report(cfg);
    report.loadSamples.add(Report.load("start"));
    report.machine = Report.machine(env);

    List<Target> available = new ArrayList<>();
    for (Target t : Target.all()) {
      if (cfg.targets != null && !cfg.targets.contains(t.name())) {
        continue;
      }
      String why = t.unavailable(env);
      if (why == null) {
        available.add(t);
      } else {
        report.unavailable.put(t.name(), why);
      }
    }
    List<DbKind> floors = new ArrayList<>();
    for (DbKind db : cfg.floors) {
      String why = env.unavailable(db);
      if (why == null) {
        floors.add(db);
      } else {
        report.unavailable.put(db.display() + " floor", why);
      }
    }
    report.targets = available.stream().map(Target::name).toList();
    LOG.info("targets: {}; not available: {}", report.targets, report.unavailable);

    List<Phase> phases = List.of(Phase.NEW, Phase.STALE);
    if (cfg.warmup > 0) {
      Runner warm = new Runner(env, available, Long.MAX_VALUE);
      for (Scenario sc : cfg.scenarios) {
        warm.run(sc, cfg.warmup, 1, phases, floors);
      }
      report.warmupProblems = warm.results().stream().filter(m -> !m.correct()).toList();
    }

    Runner runner = new Runner(env, available, cfg.referenceLimit);
    for (Scenario sc : cfg.scenarios) {
      for (long n : cfg.sizes) {
        List<Target> ts = available;
        List<DbKind> fs = floors;
        if (n > cfg.h2Max) {
          ts = available.stream().filter(t -> t.db() != DbKind.H2).toList();
          fs = floors.stream().filter(f -> f != DbKind.H2).toList();
          report.skipped.add("H2 (floor and stores) at " + sc.label() + " N=" + n + " (--h2-max)");
        }
        if (n > cfg.mariadbMax) {
          ts = ts.stream().filter(t -> t.db() != DbKind.MARIADB).toList();
          fs = fs.stream().filter(f -> f != DbKind.MARIADB).toList();
          report.skipped.add(
              "MariaDB (floor and stores) at " + sc.label() + " N=" + n + " (--mariadb-max)");
        }
        if (n > cfg.largeAbove) {
          ts = ts.stream().filter(t -> cfg.largeTargets.contains(t.name())).toList();
          List<DbKind> dbs = ts.stream().map(Target::db).toList();
          fs = fs.stream().filter(dbs::contains).toList();
          report.skipped.add(
              "every target but "
                  + cfg.largeTargets
                  + " (and the floors of their databases) at "
                  + sc.label()
                  + " N="
                  + n
                  + " (--large-above "
                  + cfg.largeAbove
                  + ")");
        }
        Runner r = new Runner(env, ts, cfg.referenceLimit).sqlSeedAbove(cfg.sqlSeedAbove);
        r.run(sc, n, cfg.roundsFor(n), phases, fs);
        runner.results().addAll(r.results());
        report.sqlSeeded.addAll(r.sqlSeeded());
        report.loadSamples.add(Report.load(sc.label() + " N=" + n));
        report.measurements = runner.results();
        checkpoint(cfg, report);
      }
    }
    report.measurements = runner.results();

    for (DbKind db : cfg.writeRows > 0 ? floors : List.<DbKind>of()) {
      String label = WriteBench.databaseLabel(db);
      for (int r = 0; r < cfg.writeRounds; r++) {
        Location loc = Location.create(db, "write_floor", env);
        try {
          long nanos = WriteBench.databaseRound(db, loc, cfg.writeRows);
          report.writes.computeIfAbsent(label, k -> new ArrayList<>()).add(nanos);
        } catch (java.sql.SQLException | RuntimeException e) {
          LOG.warn("write benchmark {} failed", label, e);
          report.writeErrors.put(label, e.toString());
          break;
        } finally {
          loc.drop();
        }
      }
      checkpoint(cfg, report);
    }
    for (Target t : cfg.writeRows > 0 ? available : List.<Target>of()) {
      for (int r = 0; r < cfg.writeRounds; r++) {
        Location loc = t.db() == null ? null : Location.create(t.db(), t.name() + "_write", env);
        try {
          long nanos = WriteBench.round(t, loc, cfg.writeRows);
          report.writes.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(nanos);
        } catch (RuntimeException e) {
          LOG.warn("write benchmark {} failed", t.name(), e);
          report.writeErrors.put(t.name(), e.toString());
          break;
        } finally {
          if (loc != null) {
            loc.drop();
          }
        }
      }
      checkpoint(cfg, report);
    }

    checkpoint(cfg, report);
    if (cfg.graphFeatures > 0) {
      var specs = GraphBench.specs(cfg.graphFeatures);
      for (int r = 0; r < cfg.graphRounds; r++) {
        try {
          report.graphRounds.add(GraphBench.round(specs));
        } catch (RuntimeException | StackOverflowError e) {
          report.graphError = e.toString();
          break;
        }
      }
    }

    if (cfg.big > 0) {
      BigRun.run(cfg, env, available, report);
    }
    report.loadSamples.add(Report.load("end"));
    return report;
  }

  /** Writes the results so far, so that an interrupted run leaves what it measured. */
  static void checkpoint(BenchmarkConfig cfg, Report report) {
    try {
      Files.writeString(cfg.out, report.markdown(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not write {}", cfg.out, e);
    }
  }

  /** Reads a child process's output. */
  static List<String> lines(Process p) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(line);
      }
    }
    return out;
  }

  static Map<String, String> parseKv(String line) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : line.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return m;
  }

  static String version(DbKind db, String url) {
    try (Connection c = db.connect(url)) {
      return db.version(c);
    } catch (SQLException e) {
      return "unavailable";
    }
  }

  static String now() {
    return Instant.now().toString();
  }
}
