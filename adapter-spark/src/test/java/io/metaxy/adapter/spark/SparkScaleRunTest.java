package io.metaxy.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hand-run scale check, skipped unless {@code -Dmetaxy.spark.scale.rows=N} is given: writes N
 * video samples in batches, computes a 1:1 child, changes every tenth parent, and resolves the
 * child's increment (streamed). It asserts the exact counts and logs the durations; it asserts no
 * speed.
 */
class SparkScaleRunTest {
  private static final Logger LOG = LoggerFactory.getLogger(SparkScaleRunTest.class);
  private static final FeatureKey PARENT = FeatureKey.of("scale/parent");
  private static final FeatureKey CHILD = FeatureKey.of("scale/child");

  @Test
  void resolveAtScale() throws Exception {
    int n = Integer.getInteger("metaxy.spark.scale.rows", 0);
    assumeTrue(n > 0, "hand-run only: -Dmetaxy.spark.scale.rows=N");
    FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder(PARENT).idColumns("sample_id").field("value", "1").build(),
            FeatureSpec.builder(CHILD)
                .idColumns("sample_id")
                .dependsOn("scale/parent")
                .field("value", "1")
                .build());
    Path dir = Files.createTempDirectory("metaxy-spark-scale");
    try (MetadataStore store =
        new SparkMetadataStore(StoreSettings.builder(graph).build(), TestSpark.config(dir))
            .open()) {
      long t0 = System.nanoTime();
      writeParents(store, n, "h");
      long t1 = System.nanoTime();
      long computed;
      try (Increment inc = store.resolveUpdate(CHILD);
          Stream<Row> rows = inc.newRows()) {
        List<Row> batch = new ArrayList<>();
        computed = 0;
        for (Row r : (Iterable<Row>) rows::iterator) {
          batch.add(r);
          if (batch.size() == 200_000) {
            computed += store.write(CHILD, batch);
            batch.clear();
          }
        }
        computed += batch.isEmpty() ? 0 : store.write(CHILD, batch);
      }
      long t2 = System.nanoTime();
      assertThat(computed).isEqualTo(n);
      List<Row> changed = new ArrayList<>();
      for (int i = 0; i < n; i += 10) {
        changed.add(parent(i, "changed"));
      }
      store.write(PARENT, changed);
      long t3 = System.nanoTime();
      long stale;
      try (Increment inc = store.resolveUpdate(CHILD);
          Stream<Row> rows = inc.staleRows()) {
        stale = rows.count();
      }
      long t4 = System.nanoTime();
      assertThat(stale).isEqualTo(changed.size());
      LOG.warn(
          "Spark store, N={}: write parents {} ms; resolve new + write child {} ms; resolve stale"
              + " ({} rows, streamed) {} ms",
          n,
          (t1 - t0) / 1_000_000,
          (t2 - t1) / 1_000_000,
          stale,
          (t4 - t3) / 1_000_000);
    } finally {
      TestSpark.deleteRecursively(dir);
    }
  }

  private static void writeParents(MetadataStore store, int n, String prefix) {
    List<Row> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(parent(i, prefix + i));
      if (batch.size() == 200_000) {
        store.write(PARENT, batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.write(PARENT, batch);
    }
  }

  private static Row parent(int i, String value) {
    return Row.of(
        "sample_id",
        String.format("s%08d", i),
        SystemColumns.PROVENANCE_BY_FIELD,
        Map.of("value", value));
  }
}
