package io.metaxy.benchmarks;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.util.BitSet;

/**
 * What one resolve returned: counts, the exact sets of IDs per kind, and an order-independent
 * checksum over (kind, id, provenance) that two results share only when they carry the same
 * provenance for the same samples.
 */
public final class Tally {
  /** Kind of an increment row. */
  public enum Kind {
    NEW,
    STALE,
    ORPHANED
  }

  private final long n;
  private final BitSet[] ids = {new BitSet(), new BitSet(), new BitSet()};
  private final long[] counts = new long[3];
  private long checksum;
  private long duplicates;
  private long outOfRange;

  public Tally(long n) {
    this.n = n;
  }

  /** Adds one row of an increment stream. */
  public void add(Kind kind, Row row) {
    add(kind, idOf(row.get(Scenario.ID)), row.getString(SystemColumns.PROVENANCE));
  }

  /** Adds one result row. */
  public void add(Kind kind, long id, String provenance) {
    int k = kind.ordinal();
    counts[k]++;
    checksum += mix(kind, id, kind == Kind.ORPHANED ? null : provenance);
    if (id < 0 || id >= n || id > Integer.MAX_VALUE) {
      outOfRange++;
      return;
    }
    if (ids[k].get((int) id)) {
      duplicates++;
    }
    ids[k].set((int) id);
  }

  static long idOf(Object v) {
    if (v instanceof Number num) {
      return num.longValue();
    }
    if (v == null) {
      throw new IllegalStateException("increment row without " + Scenario.ID);
    }
    return Long.parseLong(v.toString());
  }

  static long mix(Kind kind, long id, String provenance) {
    long h = id * 0x9E3779B97F4A7C15L + kind.ordinal() * 0x632BE59BD9B4E019L;
    h ^= (provenance == null ? 0L : provenance.hashCode()) * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 29;
    return h;
  }

  public long count(Kind kind) {
    return counts[kind.ordinal()];
  }

  public long checksum() {
    return checksum;
  }

  /**
   * Checks counts and exact IDs against what {@code phase} must return; returns {@code null} when
   * correct, else what is wrong.
   */
  public String verify(Phase phase) {
    StringBuilder err = new StringBuilder();
    if (duplicates > 0) {
      err.append(duplicates).append(" duplicate ids; ");
    }
    if (outOfRange > 0) {
      err.append(outOfRange).append(" ids out of range; ");
    }
    BitSet expectedNew = new BitSet();
    BitSet expectedStale = new BitSet();
    if (phase == Phase.NEW) {
      expectedNew.set(0, (int) n);
    } else {
      for (int i = 3; i < n; i += 10) {
        expectedStale.set(i);
      }
    }
    compare(err, "new", ids[0], counts[0], expectedNew);
    compare(err, "stale", ids[1], counts[1], expectedStale);
    compare(err, "orphaned", ids[2], counts[2], new BitSet());
    return err.length() == 0 ? null : err.toString();
  }

  private static void compare(
      StringBuilder err, String what, BitSet got, long count, BitSet expected) {
    if (count != expected.cardinality() || !got.equals(expected)) {
      BitSet missing = (BitSet) expected.clone();
      missing.andNot(got);
      BitSet extra = (BitSet) got.clone();
      extra.andNot(expected);
      err.append(what)
          .append(": ")
          .append(count)
          .append(" rows, expected ")
          .append(expected.cardinality())
          .append(" (missing e.g. ")
          .append(missing.nextSetBit(0))
          .append(", unexpected e.g. ")
          .append(extra.nextSetBit(0))
          .append("); ");
    }
  }

  /** "new/stale/orphaned" counts. */
  public String counts() {
    return counts[0] + "/" + counts[1] + "/" + counts[2];
  }
}
