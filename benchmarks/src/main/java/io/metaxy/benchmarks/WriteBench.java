package io.metaxy.benchmarks;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.MetadataStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Write throughput: {@code n} root samples of the simple scenario (ID + provenance by field)
 * written through {@code MetadataStore.write} in batches of {@link Seeder#BATCH} into an empty
 * database. Rows are built before the clock starts.
 */
public final class WriteBench {
  private WriteBench() {}

  /** Writes {@code n} rows; returns elapsed nanoseconds. Checks the store reports every row. */
  public static long round(Target t, Location loc, long n) {
    Scenario sc = Scenario.SIMPLE;
    Reference ref = new Reference(sc);
    List<List<Row>> batches = new ArrayList<>();
    List<Row> b = new ArrayList<>();
    for (long id = 0; id < n; id++) {
      b.add(ref.rootRow(0, id, false));
      if (b.size() == Seeder.BATCH) {
        batches.add(b);
        b = new ArrayList<>();
      }
    }
    if (!b.isEmpty()) {
      batches.add(b);
    }
    FeatureKey root = sc.roots().get(0).key();
    try (MetadataStore store = t.create(sc.graph(), loc).open()) {
      System.gc();
      long written = 0;
      long t0 = System.nanoTime();
      for (List<Row> batch : batches) {
        written += store.write(root, batch);
      }
      long elapsed = System.nanoTime() - t0;
      if (written != n) {
        throw new IllegalStateException(t.name() + " reported " + written + " rows, wrote " + n);
      }
      return elapsed;
    }
  }
}
