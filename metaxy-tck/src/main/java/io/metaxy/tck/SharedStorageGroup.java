package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.tck.internal.KitGraphs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several store instances on one storage write concurrently, as several processes share one
 * database. The latest row of a sample is the row of the write that committed last (ADR-0004):
 * since every batch below writes every sample, the latest rows must all come from one batch. The
 * kit's clock is not advanced during the race, so every row has the same {@code updated_at}: a
 * store that orders by timestamp without a commit-order tie-break fails here.
 *
 * <p>Needs {@link MetadataStoreCompatibilityKit#createStoreOnSameStorage}, which every store
 * implements.
 */
@DisplayName("Shared storage: several store instances writing concurrently")
public abstract class SharedStorageGroup extends KitGroup {
  private static final int INSTANCES = 3;
  private static final int WRITERS_PER_INSTANCE = 2;
  private static final int BATCHES = 15;
  private static final int SAMPLES_PER_BATCH = 40;

  protected SharedStorageGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private List<MetadataStore> instances(FeatureGraph graph) {
    List<MetadataStore> out = new ArrayList<>();
    MetadataStore first = open(graph);
    out.add(first);
    for (int i = 1; i < INSTANCES; i++) {
      MetadataStore other = kit.createStoreOnSameStorage(first, settings(graph).build());
      assertThat(other).as("createStoreOnSameStorage must return a store").isNotNull();
      assertThat(other).as("a second instance, not the same object").isNotSameAs(first);
      created.add(other);
      other.open();
      out.add(other);
    }
    return out;
  }

  private static String sid(int i) {
    return String.format("s%03d", i);
  }

  @Test
  void aSecondInstanceSeesWhatTheFirstWrote() {
    List<MetadataStore> stores = instances(KitGraphs.roots());
    write(stores.get(0), SAMPLES, List.of(sample("s1", "h1")));
    assertThat(ids(read(stores.get(1), SAMPLES), "sample_id")).containsExactly("s1");
    write(stores.get(1), SAMPLES, List.of(sample("s1", "h1b")));
    assertThat(read(stores.get(0), SAMPLES).get(0).getMap(PBF)).isEqualTo(Map.of("value", "h1b"));
  }

  /** The timeout only guards the build against a deadlocked store; it asserts no speed. */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void concurrentWritersThroughSeveralInstances() throws Exception {
    List<MetadataStore> stores = instances(KitGraphs.roots());
    List<Row> seed = new ArrayList<>();
    for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
      seed.add(sample(sid(i), "seed"));
    }
    write(stores.get(0), SAMPLES, seed);
    Instant createdAt = clock.instant();
    clock.tick();

    int writers = INSTANCES * WRITERS_PER_INSTANCE;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> futures = new ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        MetadataStore store = stores.get(w % INSTANCES);
        int writer = w;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  long written = 0;
                  for (int b = 0; b < BATCHES; b++) {
                    List<Row> rows = new ArrayList<>(SAMPLES_PER_BATCH);
                    for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
                      rows.add(
                          sample(sid(i), "w" + writer + "-b" + b).with("writer", (long) writer));
                    }
                    written += store.write(SAMPLES, rows);
                  }
                  return written;
                }));
      }
      start.countDown();
      for (Future<Long> f : futures) {
        assertThat(f.get()).isEqualTo((long) BATCHES * SAMPLES_PER_BATCH);
      }
    } finally {
      pool.shutdownNow();
    }

    long total = (long) SAMPLES_PER_BATCH * (1 + writers * BATCHES);
    for (MetadataStore s : stores) {
      List<Row> history = read(s, SAMPLES, ReadOptions.defaults().withSampleHistory());
      assertThat((long) history.size()).as("every written row is in the history").isEqualTo(total);
      Map<String, Long> perSample =
          history.stream()
              .collect(Collectors.groupingBy(r -> r.getString("sample_id"), Collectors.counting()));
      assertThat(perSample.values())
          .as("every sample has every row")
          .containsOnly(1L + writers * BATCHES);
      assertThat(history)
          .as("created_at of every row is the sample's first")
          .allSatisfy(r -> assertThat(instant(r.get(CREATED_AT))).isEqualTo(createdAt));
    }
    List<Row> latest = read(stores.get(0), SAMPLES);
    assertThat(latest).as("one latest row per sample").hasSize(SAMPLES_PER_BATCH);
    byId(latest, "sample_id");
    Set<String> batches = new TreeSet<>();
    for (Row r : latest) {
      batches.add(r.getMap(PBF).get("value"));
    }
    assertThat(batches)
        .as("the latest rows all come from the write that committed last (one batch)")
        .hasSize(1);
    assertThat(batches.iterator().next()).isNotEqualTo("seed");
    for (MetadataStore s : stores) {
      assertThat(byId(read(s, SAMPLES), "sample_id"))
          .as("every instance sees the same latest rows")
          .isEqualTo(byId(latest, "sample_id"));
    }
  }
}
