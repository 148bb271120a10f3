package io.metaxy.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Timed rounds of one (scenario, N, phase, target) or of a floor, with the correctness verdict of
 * every round.
 */
public final class Measurement {
  final String scenario;
  final long n;
  final Phase phase;
  final String target;
  final DbKind db;
  final boolean floor;
  final List<Long> nanos = new ArrayList<>();

  /** CPU time of this JVM process during each round (embedded engines included; not a server's). */
  final List<Long> cpuNanos = new ArrayList<>();

  /**
   * Per round: this JVM's garbage-collection pause time (ms) and number of collections, summed over
   * the GC MXBeans (for G1: young, mixed and full pauses; concurrent marking is not a pause).
   */
  final List<long[]> gc = new ArrayList<>();

  /** Per round: total, resolveUpdate call, new stream, stale stream, orphaned stream (stores). */
  final List<long[]> splits = new ArrayList<>();

  final List<String> problems = new ArrayList<>();
  String counts = "";
  long checksum;
  String note = "";

  Measurement(String scenario, long n, Phase phase, String target, DbKind db, boolean floor) {
    this.scenario = scenario;
    this.n = n;
    this.phase = phase;
    this.target = target;
    this.db = db;
    this.floor = floor;
  }

  public boolean correct() {
    return problems.isEmpty() && !nanos.isEmpty();
  }

  public List<String> problems() {
    return problems;
  }

  public String target() {
    return target;
  }

  public boolean isFloor() {
    return floor;
  }

  public int rounds() {
    return nanos.size();
  }

  long sortedMs(int i) {
    List<Long> s = new ArrayList<>(nanos);
    s.sort(null);
    return Math.round(s.get(i) / 1e6);
  }

  public double medianMs() {
    List<Long> s = new ArrayList<>(nanos);
    s.sort(null);
    int m = s.size();
    if (m == 0) {
      return Double.NaN;
    }
    return (m % 2 == 1 ? s.get(m / 2) : (s.get(m / 2 - 1) + s.get(m / 2)) / 2.0) / 1e6;
  }

  public double medianCpuMs() {
    List<Long> s = new ArrayList<>(cpuNanos);
    s.sort(null);
    int m = s.size();
    if (m == 0) {
      return Double.NaN;
    }
    return (m % 2 == 1 ? s.get(m / 2) : (s.get(m / 2 - 1) + s.get(m / 2)) / 2.0) / 1e6;
  }

  /** GC pause milliseconds and collection count of this JVM so far. */
  static long[] gcNow() {
    long ms = 0;
    long count = 0;
    for (java.lang.management.GarbageCollectorMXBean b :
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += Math.max(0, b.getCollectionTime());
      count += Math.max(0, b.getCollectionCount());
    }
    return new long[] {ms, count};
  }

  /** Records the GC pauses since {@code before} (from {@link #gcNow}) for this round. */
  void addGc(long[] before) {
    long[] now = gcNow();
    gc.add(new long[] {now[0] - before[0], now[1] - before[1]});
  }

  /** Median GC pause ms of the rounds and the median number of collections, or "–". */
  public String medianGc() {
    if (gc.isEmpty()) {
      return "–";
    }
    List<Long> ms = new ArrayList<>();
    List<Long> n = new ArrayList<>();
    for (long[] g : gc) {
      ms.add(g[0]);
      n.add(g[1]);
    }
    ms.sort(null);
    n.sort(null);
    return ms.get(ms.size() / 2) + " (" + n.get(n.size() / 2) + ")";
  }

  /** CPU time of this process now (0 if unknown). */
  static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** Median split "call/new/stale/orphaned" in ms, or "" for floors. */
  public String medianSplit() {
    if (splits.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      List<Long> v = new ArrayList<>();
      for (long[] s : splits) {
        v.add(s[i]);
      }
      v.sort(null);
      sb.append(i > 1 ? "/" : "").append(Math.round(v.get(v.size() / 2) / 1e6));
    }
    return sb.toString();
  }

  public long minMs() {
    return nanos.isEmpty() ? -1 : sortedMs(0);
  }

  public long maxMs() {
    return nanos.isEmpty() ? -1 : sortedMs(nanos.size() - 1);
  }

  String key() {
    return scenario + "/" + n + "/" + phase.label();
  }
}
