package io.metaxy.benchmarks;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.MetadataStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeds a store through its own bulk {@code write}: the roots' samples, then the up-to-date leaf
 * (the rows its computation would write, from {@link Reference}), then new audio data versions for
 * 10% of the samples. Untimed.
 */
public final class Seeder {
  /** Rows per {@code write} call. */
  public static final int BATCH = 100_000;

  private final Scenario scenario;
  private final Reference reference;

  public Seeder(Scenario scenario) {
    this.scenario = scenario;
    this.reference = new Reference(scenario);
  }

  public void seedRoots(MetadataStore store, long n) {
    for (int r = 0; r < scenario.roots().size(); r++) {
      int root = r;
      writeBatched(
          store, scenario.roots().get(r).key(), n, id -> reference.rootRow(root, id, false));
    }
  }

  public void seedLeafAndChange(MetadataStore store, long n) {
    writeBatched(store, scenario.leafKey(), n, reference::leafRow);
    FeatureKey root0 = scenario.roots().get(0).key();
    List<Row> batch = new ArrayList<>();
    for (long id = 3; id < n; id += 10) {
      batch.add(reference.rootRow(0, id, true));
      if (batch.size() == BATCH) {
        store.write(root0, batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.write(root0, batch);
    }
  }

  interface RowMaker {
    Row make(long id);
  }

  private static void writeBatched(MetadataStore store, FeatureKey key, long n, RowMaker maker) {
    List<Row> batch = new ArrayList<>(BATCH);
    for (long id = 0; id < n; id++) {
      batch.add(maker.make(id));
      if (batch.size() == BATCH) {
        store.write(key, batch);
        batch = new ArrayList<>(BATCH);
      }
    }
    if (!batch.isEmpty()) {
      store.write(key, batch);
    }
  }
}
