package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.filter.FilterEvaluator;
import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.filter.FilterParser;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Filters translated to SQL select exactly the rows the domain's evaluator accepts (SQL
 * three-valued logic, NULLs, IN lists with NULL, NOT), for random filter trees over a fixed H2
 * table with a bigint, a string and a double column.
 */
class SqlFilterPropertyTest {
  private static final FeatureKey ROWS = FeatureKey.of("prop/rows");
  private static TestDatabases.Storage storage;
  private static EbeanMetadataStore store;
  private static List<Row> all;

  @BeforeContainer
  static void writeRows() {
    storage = TestDatabases.create(TestDatabases.Kind.H2);
    FeatureGraph graph =
        FeatureGraph.of(FeatureSpec.builder(ROWS).idColumns("sample_id").field("v", "1").build());
    store = new EbeanMetadataStore(storage.config().build(), StoreSettings.builder(graph).build());
    store.open();
    Long[] as = {2L, null, -1L, 0L, 3L, 1L};
    String[] ss = {"ab", "a", null, "b", "c", ""};
    Double[] ds = {1.5, null, -0.5, 2.25, 0.0, 3.0};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      Row.Builder b = Row.builder().set("sample_id", "r" + i);
      b.set("a", as[i % as.length]).set("s", ss[(i / 2) % ss.length]);
      b.set("d", ds[(i / 3) % ds.length]);
      b.set(SystemColumns.PROVENANCE_BY_FIELD, Map.of("v", "p" + i));
      rows.add(b.build());
    }
    store.write(ROWS, rows);
    try (Stream<Row> s = store.read(ROWS, ReadOptions.defaults())) {
      all = s.toList();
    }
  }

  @AfterContainer
  static void drop() {
    store.close();
    storage.drop().run();
  }

  @Property(tries = 300)
  void sqlSelectsWhatTheEvaluatorAccepts(@ForAll("filters") String filter) {
    FilterExpression e = FilterParser.parse(filter);
    List<String> expected =
        all.stream()
            .filter(r -> FilterEvaluator.test(e, r::get))
            .map(r -> r.getString("sample_id"))
            .sorted()
            .toList();
    List<String> actual;
    try (Stream<Row> s = store.read(ROWS, ReadOptions.defaults().withFilters(filter))) {
      actual = s.map(r -> r.getString("sample_id")).sorted().toList();
    }
    assertThat(actual).as(filter).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> filters() {
    return tree(3);
  }

  private Arbitrary<String> tree(int depth) {
    if (depth == 0) {
      return atom();
    }
    Arbitrary<String> sub = Arbitraries.lazy(() -> tree(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, atom()),
        net.jqwik.api.Tuple.of(1, sub.map(x -> "NOT (" + x + ")")),
        net.jqwik.api.Tuple.of(
            2, Combinators.combine(sub, sub).as((x, y) -> "(" + x + ") AND (" + y + ")")),
        net.jqwik.api.Tuple.of(
            2, Combinators.combine(sub, sub).as((x, y) -> "(" + x + ") OR (" + y + ")")));
  }

  private Arbitrary<String> atom() {
    Arbitrary<String> ops = Arbitraries.of("=", "!=", "<>", "<", "<=", ">", ">=");
    Arbitrary<String> longLit =
        Arbitraries.oneOf(Arbitraries.longs().between(-2, 4).map(String::valueOf), nul());
    Arbitrary<String> strLit =
        Arbitraries.oneOf(Arbitraries.of("'a'", "'ab'", "'b'", "'c'", "''", "'it''s'"), nul());
    Arbitrary<String> numLit =
        Arbitraries.oneOf(Arbitraries.of("1.5", "-0.5", "0", "2.25", "3", "0.75"), longLit, nul());
    Arbitrary<String> cmp =
        Arbitraries.oneOf(
            Combinators.combine(ops, longLit).as((o, l) -> "a " + o + " " + l),
            Combinators.combine(ops, strLit).as((o, l) -> "s " + o + " " + l),
            Combinators.combine(ops, numLit).as((o, l) -> "d " + o + " " + l),
            Combinators.combine(ops, Arbitraries.of("a", "d"), Arbitraries.of("a", "d"))
                .as((o, x, y) -> x + " " + o + " " + y));
    Arbitrary<String> isNull =
        Combinators.combine(Arbitraries.of("a", "s", "d"), Arbitraries.of(true, false))
            .as((c, neg) -> c + (neg ? " IS NOT NULL" : " IS NULL"));
    Arbitrary<String> in =
        Combinators.combine(Arbitraries.of(true, false), longLit.list().ofMinSize(1).ofMaxSize(3))
            .as((neg, l) -> "a " + (neg ? "NOT IN" : "IN") + " (" + String.join(", ", l) + ")");
    Arbitrary<String> inStr =
        Combinators.combine(Arbitraries.of(true, false), strLit.list().ofMinSize(1).ofMaxSize(3))
            .as((neg, l) -> "s " + (neg ? "NOT IN" : "IN") + " (" + String.join(", ", l) + ")");
    return Arbitraries.oneOf(cmp, cmp, isNull, in, inStr);
  }

  private static Arbitrary<String> nul() {
    return Arbitraries.just("NULL");
  }
}
