package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.tck.internal.KitGraphs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 11: concurrent writers into one feature. */
@DisplayName("Concurrent writers into one store")
public abstract class ConcurrentWritersGroup extends KitGroup {
  protected ConcurrentWritersGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private static final int THREADS = 8;
  private static final int ROWS = 10_000;
  private static final int BATCH = 1_000;

  /** The timeout only guards the build against a deadlocked store; it asserts no speed. */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void eightWritersEachWriteTenThousandRows() throws Exception {
    MetadataStore store = open(KitGraphs.roots());
    clock.tick();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long writer = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  long written = 0;
                  for (int b = 0; b < ROWS; b += BATCH) {
                    List<Row> rows = new ArrayList<>(BATCH);
                    for (int i = b; i < b + BATCH; i++) {
                      rows.add(
                          Row.of(
                              "sample_id",
                              String.format("s%05d", i),
                              PBF,
                              Map.of("value", "w" + writer + "-" + i),
                              "writer",
                              writer));
                    }
                    written += store.write(SAMPLES, rows);
                  }
                  return written;
                }));
      }
      start.countDown();
      for (Future<Long> f : futures) {
        assertThat(f.get()).isEqualTo(ROWS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(count(store, ReadOptions.defaults().withSampleHistory()))
        .isEqualTo((long) THREADS * ROWS);
    List<Row> first = read(store, SAMPLES);
    List<Row> second = read(store, SAMPLES);
    assertThat(first).hasSize(ROWS);
    Map<String, Row> a = byId(first, "sample_id");
    Map<String, Row> b = byId(second, "sample_id");
    assertThat(b).as("latest-row read is deterministic").isEqualTo(a);
  }

  private long count(MetadataStore store, ReadOptions o) {
    try (Stream<Row> rows = store.read(SAMPLES, o)) {
      return rows.count();
    }
  }
}
