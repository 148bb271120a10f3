package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.StoreSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Acceptance 3: a 200,000-row upstream with a 10-row change resolves to a 10-row increment while
 * the JDBC layer fetches no more rows than the increment (counted with a jOOQ ExecuteListener).
 */
class PushdownTest {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PushdownTest.class);
  private static final int ROWS = Integer.getInteger("metaxy.pushdown.rows", 200_000);
  private static final FeatureKey UP = FeatureKey.of("push/up");
  private static final FeatureKey DOWN = FeatureKey.of("push/down");

  /** Counts every record jOOQ fetches while {@link #on} is set. */
  static final class FetchCounter implements ExecuteListener {
    private static final long serialVersionUID = 1L;
    final AtomicLong records = new AtomicLong();
    final AtomicBoolean on = new AtomicBoolean();
    final java.util.List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void recordEnd(ExecuteContext ctx) {
      if (on.get()) {
        records.incrementAndGet();
        String sql = String.valueOf(ctx.sql());
        queries.add(sql.substring(0, Math.min(60, sql.length())));
      }
    }
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> stores() {
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(JooqDialect.DUCKDB, StoreLayout.PYTHON),
        org.junit.jupiter.params.provider.Arguments.of(JooqDialect.DUCKDB, StoreLayout.SEED),
        org.junit.jupiter.params.provider.Arguments.of(JooqDialect.POSTGRES, StoreLayout.PYTHON),
        org.junit.jupiter.params.provider.Arguments.of(JooqDialect.POSTGRES, StoreLayout.SEED));
  }

  /** Both layouts: the resolve time of each is logged (docs/adr/ADR-0005 compares them). */
  @ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.MethodSource("stores")
  void tenChangedUpstreamRowsFetchOnlyTheIncrement(JooqDialect dialect, StoreLayout layout) {
    FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder(UP).idColumns("sample_id").field("value", "1").build(),
            FeatureSpec.builder(DOWN)
                .idColumns("sample_id")
                .dependsOn(UP.toString())
                .field("value", "1")
                .build());
    FetchCounter counter = new FetchCounter();
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store =
          stores.open(
              dialect,
              StoreSettings.builder(graph).build(),
              b -> b.executeListener(counter).layout(layout));
      List<Row> up = new ArrayList<>(ROWS);
      for (int i = 0; i < ROWS; i++) {
        up.add(
            Row.of(
                "sample_id",
                (long) i,
                SystemColumns.PROVENANCE_BY_FIELD,
                Map.of("value", "h" + i)));
      }
      long t0 = System.nanoTime();
      store.write(UP, up);
      LOG.info(
          "{} {}: wrote {} upstream rows in {} ms",
          dialect,
          layout,
          ROWS,
          (System.nanoTime() - t0) / 1_000_000);
      up = null;
      try (Increment inc = store.resolveUpdate(DOWN);
          Stream<Row> rows = inc.newRows()) {
        List<Row> batch = new ArrayList<>();
        rows.forEach(
            r -> {
              batch.add(r);
              if (batch.size() == 50_000) {
                store.write(DOWN, batch);
                batch.clear();
              }
            });
        store.write(DOWN, batch);
      }
      List<Long> changed = new ArrayList<>();
      List<Row> changes = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long id = i * (ROWS / 10L) + 7;
        changed.add(id);
        changes.add(
            Row.of("sample_id", id, SystemColumns.PROVENANCE_BY_FIELD, Map.of("value", "x" + i)));
      }
      store.write(UP, changes);

      counter.records.set(0);
      counter.on.set(true);
      long t1 = System.nanoTime();
      Increment.Materialized inc = store.resolveUpdate(DOWN).collect();
      counter.on.set(false);
      LOG.info(
          "{} {}: resolved {} stale of {} rows in {} ms, {} records fetched",
          dialect,
          layout,
          inc.staleRows().size(),
          ROWS,
          (System.nanoTime() - t1) / 1_000_000,
          counter.records.get());

      assertThat(inc.newRows()).isEmpty();
      assertThat(inc.orphanedRows()).isEmpty();
      assertThat(inc.staleRows())
          .extracting(r -> ((Number) r.get("sample_id")).longValue())
          .containsExactlyInAnyOrderElementsOf(changed);
      assertThat(counter.records.get())
          .as("records fetched through JDBC while resolving: %s", counter.queries)
          // the 10 stale rows plus the one-row probe whether the target has rows of its version
          .isLessThanOrEqualTo(11L)
          .isPositive();
    }
  }
}
