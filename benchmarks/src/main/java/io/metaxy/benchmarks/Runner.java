package io.metaxy.benchmarks;

import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the resolve benchmark of one scenario and size over every available target: seeds each
 * database once (untimed), then per round resolves on a fresh copy, floor first, then every store
 * on that database; checks every result.
 */
public final class Runner {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private final Location.Environment env;
  private final List<Target> targets;
  private final long referenceLimit;
  private final List<Measurement> results = new ArrayList<>();
  private final Map<String, Long> floorChecksums = new HashMap<>();

  /** Samples written through the store before SQL copies take over (large N, SQL stores). */
  static final long AMPLIFY_FROM = 1_000L;

  private long sqlSeedAbove = Long.MAX_VALUE;
  private final List<String> sqlSeeded = new ArrayList<>();

  /**
   * Above this N, the SQL stores ({@link Target#sqlCopies()}) are seeded by {@link SqlAmplifier}
   * and the Spark store by {@link SparkAmplifier} after a small store write.
   */
  public Runner sqlSeedAbove(long n) {
    this.sqlSeedAbove = n;
    return this;
  }

  /** Which (target, scenario, N) were seeded by SQL copies. */
  public List<String> sqlSeeded() {
    return sqlSeeded;
  }

  /**
   * @param targets the available targets to run
   * @param referenceLimit largest N whose expected checksum is computed in Java; above it the first
   *     floor's checksum is the reference
   */
  public Runner(Location.Environment env, List<Target> targets, long referenceLimit) {
    this.env = env;
    this.targets = targets;
    this.referenceLimit = referenceLimit;
  }

  public List<Measurement> results() {
    return results;
  }

  /** Runs every available target on {@code scenario} with {@code n} samples. */
  public void run(Scenario scenario, long n, int rounds, List<Phase> phases, List<DbKind> floors) {
    Map<Phase, Long> expected = new EnumMap<>(Phase.class);
    if (n <= referenceLimit) {
      Reference ref = new Reference(scenario);
      for (Phase p : phases) {
        expected.put(p, ref.expectedChecksum(p, n));
      }
    }
    for (Target t : targets) {
      if (t.db() == null) {
        runInMemory(t, scenario, n, rounds, phases, expected);
      }
    }
    // every database with a floor or a store to measure; a store runs without its floor when the
    // floor was not asked for (its ratio column then stays empty)
    java.util.Set<DbKind> dbs = new java.util.LinkedHashSet<>(floors);
    targets.stream().map(Target::db).filter(java.util.Objects::nonNull).forEach(dbs::add);
    for (DbKind db : dbs) {
      List<Target> onDb = targets.stream().filter(t -> t.db() == db).toList();
      runDatabase(db, onDb, scenario, n, rounds, phases, expected, floors.contains(db));
    }
  }

  private Measurement measurement(
      Scenario sc, long n, Phase p, String target, DbKind db, boolean floor) {
    Measurement m = new Measurement(sc.label(), n, p, target, db, floor);
    results.add(m);
    return m;
  }

  /** Times one store resolve, consuming every stream. */
  static Tally resolveStore(MetadataStore store, Scenario sc, long n, long[] nanos) {
    Tally t = new Tally(n);
    long t0 = System.nanoTime();
    long t1;
    long t2;
    long t3;
    try (Increment inc = store.resolveUpdate(sc.leafKey())) {
      t1 = System.nanoTime();
      try (Stream<Row> s = inc.newRows()) {
        s.forEach(r -> t.add(Tally.Kind.NEW, r));
      }
      t2 = System.nanoTime();
      try (Stream<Row> s = inc.staleRows()) {
        s.forEach(r -> t.add(Tally.Kind.STALE, r));
      }
      t3 = System.nanoTime();
      try (Stream<Row> s = inc.orphanedRows()) {
        s.forEach(r -> t.add(Tally.Kind.ORPHANED, r));
      }
    }
    long t4 = System.nanoTime();
    nanos[0] = t4 - t0;
    if (nanos.length >= 5) {
      nanos[1] = t1 - t0;
      nanos[2] = t2 - t1;
      nanos[3] = t3 - t2;
      nanos[4] = t4 - t3;
    }
    return t;
  }

  private void check(Measurement m, Tally t, Long expected) {
    String err = t.verify(m.phase);
    if (err != null) {
      m.problems.add(err);
    }
    m.counts = t.counts();
    m.checksum = t.checksum();
    Long ref = expected != null ? expected : floorChecksums.get(m.key());
    if (ref == null && m.floor) {
      floorChecksums.put(m.key(), t.checksum());
    } else if (ref != null && ref != t.checksum()) {
      m.problems.add(
          "provenance differs from the "
              + (expected != null ? "Java reference" : "floor")
              + " (checksum "
              + t.checksum()
              + " vs "
              + ref
              + ")");
    }
    LOG.info(
        "{} {} {} {}: {} ms, rows {} {}",
        m.key(),
        m.floor ? "floor" : "store",
        m.target,
        m.nanos.size(),
        m.nanos.isEmpty() ? "-" : m.nanos.get(m.nanos.size() - 1) / 1_000_000,
        m.counts,
        m.problems.isEmpty() ? "ok" : "WRONG " + m.problems);
  }

  private void runInMemory(
      Target t, Scenario sc, long n, int rounds, List<Phase> phases, Map<Phase, Long> expected) {
    Seeder seeder = new Seeder(sc);
    for (Phase p : phases) {
      Measurement m = measurement(sc, n, p, t.name(), null, false);
      // Seeding through write costs far more than a resolve, and resolveUpdate only reads: the
      // rounds share one seeded store (a fresh one per phase).
      m.note = rounds > 1 ? "one seeded store per phase, rounds reuse it" : "";
      try (MetadataStore store = t.create(sc.graph(), null).open()) {
        long t0 = System.nanoTime();
        // the Spark store at large N: a small store write, then Spark SQL copies
        boolean amplify = n > sqlSeedAbove && t.name().equals("spark");
        long n0 = amplify ? AMPLIFY_FROM : n;
        SparkAmplifier amp = new SparkAmplifier(sc);
        seeder.seedRoots(store, n0);
        if (amplify) {
          amp.roots(store, n0, n);
        }
        if (p == Phase.STALE) {
          seeder.seedLeafAndChange(store, n0);
          if (amplify) {
            amp.leafAndChange(store, n0, n);
          }
        }
        LOG.info(
            "seeded {} {} N={} in {} s{}",
            t.name(),
            sc.label(),
            n,
            (System.nanoTime() - t0) / 1e9,
            amplify ? " (store write of " + n0 + " samples, then Spark SQL copies)" : "");
        if (amplify && p == phases.get(0)) {
          sqlSeeded.add(t.name() + " " + sc.label() + " N=" + n);
        }
        for (int r = 0; r < rounds; r++) {
          System.gc();
          long[] nanos = new long[5];
          long cpu0 = Measurement.processCpuNanos();
          long[] gc0 = Measurement.gcNow();
          Tally tally = resolveStore(store, sc, n, nanos);
          m.cpuNanos.add(Measurement.processCpuNanos() - cpu0);
          m.addGc(gc0);
          m.nanos.add(nanos[0]);
          m.splits.add(nanos);
          check(m, tally, expected.get(p));
        }
      } catch (RuntimeException e) {
        fail(m, e);
      }
    }
  }

  private void fail(Measurement m, Exception e) {
    LOG.warn("{} {} failed", m.key(), m.target, e);
    m.problems.add("failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /** A seeded database: a copy per phase, ready to be copied again per round. */
  private record Seeded(Map<Phase, Location> snapshots) {
    void drop() {
      snapshots.values().forEach(Location::drop);
    }
  }

  private Seeded seedFloor(Floor floor, DbKind db, long n, List<Phase> phases) throws SQLException {
    Location loc = Location.create(db, "floor", env);
    Map<Phase, Location> snaps = new LinkedHashMap<>();
    try (Connection c = db.connect(loc.url())) {
      floor.seedRoots(c, n);
    }
    loc.analyze();
    if (phases.contains(Phase.STALE)) {
      if (phases.contains(Phase.NEW)) {
        snaps.put(Phase.NEW, loc.copy("floor_new"));
      }
      try (Connection c = db.connect(loc.url())) {
        floor.seedLeafAndChange(c, n);
      }
      loc.analyze();
      snaps.put(Phase.STALE, loc);
    } else {
      snaps.put(Phase.NEW, loc);
    }
    return new Seeded(snaps);
  }

  private Seeded seedStore(Target t, Scenario sc, long n, List<Phase> phases) {
    Seeder seeder = new Seeder(sc);
    Location loc = Location.create(t.db(), t.name(), env);
    Map<Phase, Location> snaps = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    boolean amplify = n > sqlSeedAbove && t.sqlCopies();
    long n0 = amplify ? AMPLIFY_FROM : n;
    SqlAmplifier amp = new SqlAmplifier(sc, t.db());
    try (MetadataStore store = t.create(sc.graph(), loc).open()) {
      seeder.seedRoots(store, n0);
    }
    if (amplify) {
      try (Connection c = t.db().connect(loc.url())) {
        amp.roots(c, n0, n);
      } catch (SQLException e) {
        throw new IllegalStateException("SQL seeding of " + t.name() + ": " + e.getMessage(), e);
      }
    }
    loc.analyze();
    if (phases.contains(Phase.STALE)) {
      if (phases.contains(Phase.NEW)) {
        snaps.put(Phase.NEW, loc.copy(t.name() + "_new"));
      }
      try (MetadataStore store = t.create(sc.graph(), loc).open()) {
        seeder.seedLeafAndChange(store, n0);
      }
      if (amplify) {
        try (Connection c = t.db().connect(loc.url())) {
          amp.leafAndChange(c, n0, n);
        } catch (SQLException e) {
          throw new IllegalStateException("SQL seeding of " + t.name() + ": " + e.getMessage(), e);
        }
      }
      loc.analyze();
      snaps.put(Phase.STALE, loc);
    } else {
      snaps.put(Phase.NEW, loc);
    }
    LOG.info(
        "seeded {} {} N={} in {} s{}",
        t.name(),
        sc.label(),
        n,
        (System.nanoTime() - t0) / 1e9,
        amplify ? " (store write of " + n0 + " samples, then SQL copies)" : "");
    if (amplify) {
      sqlSeeded.add(t.name() + " " + sc.label() + " N=" + n);
    }
    return new Seeded(snaps);
  }

  private void runDatabase(
      DbKind db,
      List<Target> onDb,
      Scenario sc,
      long n,
      int rounds,
      List<Phase> phases,
      Map<Phase, Long> expected,
      boolean withFloor) {
    // The floor with history, and on DuckDB also the one without (one row per sample).
    List<Floor> floors = new ArrayList<>();
    if (withFloor) {
      floors.add(new Floor(sc, db));
    }
    if (withFloor && db == DbKind.DUCKDB) {
      floors.add(Floor.oneRowPerSample(sc, db));
    }
    Map<Floor, Seeded> floorSeeds = new LinkedHashMap<>();
    Map<Floor, Map<Phase, Measurement>> floorMs = new LinkedHashMap<>();
    for (Floor floor : floors) {
      Map<Phase, Measurement> fm = new EnumMap<>(Phase.class);
      for (Phase p : phases) {
        fm.put(p, measurement(sc, n, p, floor.label(), db, true));
      }
      floorMs.put(floor, fm);
      try {
        floorSeeds.put(floor, seedFloor(floor, db, n, phases));
      } catch (SQLException | RuntimeException e) {
        fm.values().forEach(m -> fail(m, e));
      }
    }
    Map<Target, Seeded> storeSeeds = new LinkedHashMap<>();
    Map<Target, Map<Phase, Measurement>> storeM = new LinkedHashMap<>();
    for (Target t : onDb) {
      Map<Phase, Measurement> ms = new EnumMap<>(Phase.class);
      for (Phase p : phases) {
        ms.put(p, measurement(sc, n, p, t.name(), db, false));
      }
      storeM.put(t, ms);
      try {
        storeSeeds.put(t, seedStore(t, sc, n, phases));
      } catch (RuntimeException e) {
        ms.values().forEach(m -> fail(m, e));
      }
    }
    for (Phase p : phases) {
      for (int r = 0; r < rounds; r++) {
        for (Map.Entry<Floor, Seeded> f : floorSeeds.entrySet()) {
          Measurement m = floorMs.get(f.getKey()).get(p);
          if (m.problems.stream().noneMatch(x -> x.startsWith("failed"))) {
            floorRound(f.getKey(), f.getValue(), db, m, n, expected.get(p));
          }
        }
        for (Map.Entry<Target, Seeded> e : storeSeeds.entrySet()) {
          Measurement m = storeM.get(e.getKey()).get(p);
          if (m.problems.stream().anyMatch(x -> x.startsWith("failed"))) {
            continue;
          }
          Location copy = e.getValue().snapshots().get(p).copy(e.getKey().name() + "_round");
          try (MetadataStore store = e.getKey().create(sc.graph(), copy).open()) {
            System.gc();
            long[] nanos = new long[5];
            long cpu0 = Measurement.processCpuNanos();
            long[] gc0 = Measurement.gcNow();
            Tally tally = resolveStore(store, sc, n, nanos);
            m.cpuNanos.add(Measurement.processCpuNanos() - cpu0);
            m.addGc(gc0);
            m.nanos.add(nanos[0]);
            m.splits.add(nanos);
            check(m, tally, expected.get(p));
          } catch (RuntimeException ex) {
            fail(m, ex);
          } finally {
            copy.drop();
          }
        }
      }
    }
    floorSeeds.values().forEach(Seeded::drop);
    storeSeeds.values().forEach(Seeded::drop);
  }

  /** One timed floor resolve on a fresh copy of its seeded database, checked. */
  private void floorRound(Floor floor, Seeded seeded, DbKind db, Measurement m, long n, Long ref) {
    Location copy = seeded.snapshots().get(m.phase).copy("floor_round");
    try (Connection c = db.connect(copy.url())) {
      System.gc();
      long cpu0 = Measurement.processCpuNanos();
      long[] gc0 = Measurement.gcNow();
      long t0 = System.nanoTime();
      Tally tally = floor.resolve(c, n);
      m.nanos.add(System.nanoTime() - t0);
      m.cpuNanos.add(Measurement.processCpuNanos() - cpu0);
      m.addGc(gc0);
      check(m, tally, ref);
    } catch (SQLException | RuntimeException e) {
      fail(m, e);
    } finally {
      copy.drop();
    }
  }

  /** One child-JVM resolve: elapsed time, peak heap and verdict. */
  public record HeapResult(
      long nanos, long peakSampled, long peakPools, long maxHeap, String counts, String verdict) {}

  /**
   * The large stale run: the floor in this JVM, then the store resolved in a child JVM with {@code
   * -Xmx<xmx>} per round (fresh copy each round), sampling its peak heap.
   */
  public List<HeapResult> runStaleInChild(
      Scenario sc, long n, int rounds, DbKind db, Target store, String xmx) {
    List<Phase> phases = List.of(Phase.STALE);
    Floor floor = new Floor(sc, db);
    Measurement fm = measurement(sc, n, Phase.STALE, db.display() + " floor", db, true);
    Long expected = null;
    try {
      Seeded fs = seedFloor(floor, db, n, phases);
      try {
        for (int r = 0; r < rounds; r++) {
          Location copy = fs.snapshots().get(Phase.STALE).copy("floor_round");
          try (Connection c = db.connect(copy.url())) {
            System.gc();
            long cpu0 = Measurement.processCpuNanos();
            long t0 = System.nanoTime();
            Tally tally = floor.resolve(c, n);
            fm.nanos.add(System.nanoTime() - t0);
            fm.cpuNanos.add(Measurement.processCpuNanos() - cpu0);
            check(fm, tally, null);
            expected = tally.checksum();
          } finally {
            copy.drop();
          }
        }
      } finally {
        fs.drop();
      }
    } catch (SQLException | RuntimeException e) {
      fail(fm, e);
    }
    List<HeapResult> heap = new ArrayList<>();
    if (store == null) {
      return heap;
    }
    Measurement m = measurement(sc, n, Phase.STALE, store.name(), db, false);
    m.note = "child JVM -Xmx" + xmx;
    Seeded seeded;
    try {
      seeded = seedStore(store, sc, n, phases);
    } catch (RuntimeException e) {
      fail(m, e);
      return heap;
    }
    try {
      for (int r = 0; r < rounds; r++) {
        Location copy = seeded.snapshots().get(Phase.STALE).copy(store.name() + "_round");
        try {
          String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
          Process p =
              new ProcessBuilder(
                      java,
                      "-Xmx" + xmx,
                      "-cp",
                      System.getProperty("java.class.path"),
                      HeapProbe.class.getName(),
                      store.name(),
                      copy.file().toString(),
                      sc.name(),
                      Long.toString(n),
                      Phase.STALE.name(),
                      expected == null ? "-" : Long.toString(expected))
                  .redirectErrorStream(true)
                  .start();
          List<String> out = BenchmarkMain.lines(p);
          int rc = p.waitFor();
          String line =
              out.stream().filter(x -> x.startsWith("HEAPPROBE")).findFirst().orElse(null);
          if (rc != 0 || line == null) {
            String tail = String.join("\n", out.subList(Math.max(0, out.size() - 15), out.size()));
            m.problems.add("child JVM exited " + rc + ": " + tail);
            LOG.warn("heap probe failed (exit {}):\n{}", rc, tail);
            continue;
          }
          Map<String, String> kv = BenchmarkMain.parseKv(line);
          HeapResult h =
              new HeapResult(
                  Long.parseLong(kv.get("nanos")),
                  Long.parseLong(kv.get("peakSampled")),
                  Long.parseLong(kv.get("peakPools")),
                  Long.parseLong(kv.get("maxHeap")),
                  kv.get("counts"),
                  kv.get("verdict"));
          heap.add(h);
          m.nanos.add(h.nanos());
          m.counts = h.counts();
          if (!"ok".equals(h.verdict())) {
            m.problems.add(h.verdict().replace('_', ' '));
          }
          LOG.info("{} heap probe: {}", m.key(), line);
        } catch (java.io.IOException e) {
          fail(m, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fail(m, e);
          break;
        } finally {
          copy.drop();
        }
      }
    } finally {
      seeded.drop();
    }
    return heap;
  }

  /** The floor checksum of a (scenario, N, phase) measured earlier, if any. */
  public Long floorChecksum(Scenario sc, long n, Phase p) {
    return floorChecksums.get(sc.label() + "/" + n + "/" + p.label());
  }
}
