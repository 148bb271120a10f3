package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.Lineage;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The single-pass resolve (one FULL JOIN statement for new, stale and orphaned rows on DuckDB and
 * PostgreSQL) returns exactly what the per-kind queries return, serves streams taken out of order,
 * and is one statement.
 */
class SinglePassResolveTest {
  private static final FeatureKey UP = FeatureKey.of("sp/up");
  private static final FeatureKey DOWN = FeatureKey.of("sp/down");
  private static final FeatureKey FRAMES = FeatureKey.of("sp/frames");

  /** Counts executed statements. */
  static final class StatementCounter implements ExecuteListener {
    private static final long serialVersionUID = 1L;
    final AtomicInteger statements = new AtomicInteger();

    @Override
    public void executeStart(ExecuteContext ctx) {
      statements.incrementAndGet();
    }
  }

  private static FeatureGraph graph() {
    return FeatureGraph.of(
        FeatureSpec.builder(UP).idColumns("sample_id").field("a", "1").field("b", "1").build(),
        FeatureSpec.builder(DOWN)
            .idColumns("sample_id")
            .dependsOn(UP.toString())
            .field("x", "1")
            .field("y", "2")
            .build(),
        FeatureSpec.builder(FRAMES)
            .idColumns("sample_id", "frame_id")
            .dependsOn(FeatureDep.builder(UP).lineage(Lineage.expansion("sample_id")).build())
            .field("embedding", "1")
            .build());
  }

  private static Row up(long id, String v) {
    return Row.of(
        "sample_id", id, SystemColumns.PROVENANCE_BY_FIELD, Map.of("a", "a" + v, "b", "b" + v));
  }

  private static boolean singlePass(JooqDialect d) {
    return d == JooqDialect.DUCKDB || d == JooqDialect.POSTGRES;
  }

  private static boolean stagesSides(JooqDialect d) {
    return d == JooqDialect.MARIADB;
  }

  /**
   * Writes 100 upstream samples, computes both downstream features, then changes 10 upstream
   * samples (stale), adds 5 (new) and deletes 10 (orphaned).
   */
  private static JooqMetadataStore seed(
      TestStores stores, JooqDialect d, StatementCounter counter) {
    JooqMetadataStore store =
        stores.open(d, StoreSettings.builder(graph()).build(), b -> b.executeListener(counter));
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 100; i++) {
      rows.add(up(i, "0"));
    }
    store.write(UP, rows);
    store.write(DOWN, store.resolveUpdate(DOWN).collect().newRows());
    List<Row> frames = new ArrayList<>();
    for (Row r : store.resolveUpdate(FRAMES).collect().newRows()) {
      for (long f = 0; f < 2; f++) {
        frames.add(r.toBuilder().set("frame_id", f).build());
      }
    }
    store.write(FRAMES, frames);
    List<Row> changes = new ArrayList<>();
    for (long i = 0; i < 10; i++) {
      changes.add(up(i, "1"));
    }
    for (long i = 100; i < 105; i++) {
      changes.add(up(i, "0"));
    }
    store.write(UP, changes);
    store.delete(UP, DeleteOptions.soft("sample_id >= 90 AND sample_id < 100"));
    return store;
  }

  private static List<Row> read(Stream<Row> s) {
    try (s) {
      return s.toList();
    }
  }

  @ParameterizedTest
  @EnumSource(JooqDialect.class)
  void singlePassReturnsWhatThePerKindQueriesReturn(JooqDialect d) {
    StatementCounter counter = new StatementCounter();
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store = seed(stores, d, counter);
      for (FeatureKey f : List.of(DOWN, FRAMES)) {
        for (ResolveOptions o :
            List.of(
                ResolveOptions.defaults(), ResolveOptions.defaults().staleWhen("sample_id < 0"))) {
          int beforeClose;
          try (Increment inc = store.resolveUpdate(f, o)) {
            counter.statements.set(0);
            List<Row> n1 = read(inc.newRows());
            List<Row> s1 = read(inc.staleRows());
            List<Row> o1 = read(inc.orphanedRows());
            // MariaDB: the expected and current rows staged once, then three joins
            assertThat(counter.statements.get())
                .as("statements of the three streams on %s", d)
                .isEqualTo(singlePass(d) ? 1 : stagesSides(d) ? 5 : 3);
            // asked again: each stream runs its own per-kind query
            List<Row> n2 = read(inc.newRows());
            List<Row> s2 = read(inc.staleRows());
            List<Row> o2 = read(inc.orphanedRows());
            assertThat(n1).hasSize(5).containsExactlyInAnyOrderElementsOf(n2);
            assertThat(s1).hasSize(10).containsExactlyInAnyOrderElementsOf(s2);
            assertThat(o1).hasSize(10).containsExactlyInAnyOrderElementsOf(o2);
            assertThat(n1.get(0).columns())
                .containsExactlyInAnyOrderElementsOf(n2.get(0).columns());
            assertThat(o1.get(0).columns())
                .containsExactlyInAnyOrderElementsOf(o2.get(0).columns());
            beforeClose = counter.statements.get();
          }
          assertThat(counter.statements.get() - beforeClose)
              .as("staging tables dropped when the increment closes, %s", d)
              .isEqualTo(stagesSides(d) ? 2 : 0);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(JooqDialect.class)
  void stalenessPredicatesAreKindsOfTheSinglePass(JooqDialect d) {
    StatementCounter counter = new StatementCounter();
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store = seed(stores, d, counter);
      ResolveOptions o = ResolveOptions.defaults().staleWhen("sample_id >= 80");
      Increment.Materialized all = store.resolveUpdate(DOWN, o).collect();
      // 0..9 changed upstream, 80..89 matched by the predicate (90..99 are orphaned)
      assertThat(all.staleRows()).hasSize(20);
      try (Increment inc = store.resolveUpdate(DOWN, o)) {
        assertThat(read(inc.orphanedRows()))
            .containsExactlyInAnyOrderElementsOf(all.orphanedRows());
        assertThat(read(inc.staleRows())).containsExactlyInAnyOrderElementsOf(all.staleRows());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = JooqDialect.class,
      names = {"DUCKDB", "POSTGRES", "H2"})
  void streamsTakenOutOfOrderOrInterleavedStillReturnTheirRows(JooqDialect d) {
    StatementCounter counter = new StatementCounter();
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store = seed(stores, d, counter);
      Increment.Materialized want = store.resolveUpdate(DOWN).collect();
      try (Increment inc = store.resolveUpdate(DOWN)) {
        assertThat(read(inc.orphanedRows()))
            .containsExactlyInAnyOrderElementsOf(want.orphanedRows());
        assertThat(read(inc.staleRows())).containsExactlyInAnyOrderElementsOf(want.staleRows());
        assertThat(read(inc.newRows())).containsExactlyInAnyOrderElementsOf(want.newRows());
      }
      try (Increment inc = store.resolveUpdate(DOWN)) {
        // both taken before reading; the later one is read first
        Stream<Row> n = inc.newRows();
        Stream<Row> s = inc.staleRows();
        assertThat(read(s)).containsExactlyInAnyOrderElementsOf(want.staleRows());
        assertThat(read(n)).containsExactlyInAnyOrderElementsOf(want.newRows());
        assertThat(read(inc.orphanedRows()))
            .containsExactlyInAnyOrderElementsOf(want.orphanedRows());
      }
      try (Increment inc = store.resolveUpdate(DOWN)) {
        // new closed after one row: stale skips the rest
        try (Stream<Row> n = inc.newRows()) {
          assertThat(n.limit(1).toList()).hasSize(1);
        }
        assertThat(read(inc.staleRows())).containsExactlyInAnyOrderElementsOf(want.staleRows());
        assertThat(read(inc.newRows())).containsExactlyInAnyOrderElementsOf(want.newRows());
      }
    }
  }
}
