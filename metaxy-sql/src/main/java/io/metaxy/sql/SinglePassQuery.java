package io.metaxy.sql;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The single-pass statement of a resolve (DuckDB, PostgreSQL): expected rows FULL JOIN the target's
 * current rows on the key, a kind column (new, stale, orphaned), only the increment kept, ordered
 * by kind, so one cursor serves the three streams of the increment.
 */
final class SinglePassQuery {
  private SinglePassQuery() {}

  /** The statement of {@code p}, or {@code null} without FULL JOIN or when a side is empty. */
  static ResolvePlan.SinglePass build(ResolvePlan p) {
    Table<Record> expected = p.expected();
    Table<Record> current = p.current();
    ResolvePlan.Context cx = p.context();
    FeatureSpec spec = p.spec();
    List<String> fieldKeys = p.fieldKeys();
    List<String> key = p.keyColumns();
    boolean expansion = p.expansion();
    Condition stalePredicate = p.stalePredicate();
    List<String> carried = p.carried();
    if (expected == null || current == null || !cx.sql().supportsFullJoin()) {
      return null;
    }
    FeatureTable target = cx.tables().apply(spec.key());
    List<String> storedPbf = new ArrayList<>();
    for (String sk : fieldKeys) {
      if (target.has(Layout.pbf(sk))) {
        storedPbf.add(Layout.pbf(sk));
      }
    }
    Field<Object> ep = DSL.field(name("e", SystemColumns.PROVENANCE));
    Table<Record> right;
    String ra;
    Condition currentMissing;
    Condition stale;
    List<String> orphanCols = new ArrayList<>(storedPbf);
    orphanCols.add(SystemColumns.PROVENANCE);
    if (!expansion) {
      right = current;
      ra = "c";
      // every current row has the (filtered, non-null) feature version
      currentMissing = DSL.field(name("c", SystemColumns.FEATURE_VERSION)).isNull();
      stale = ep.ne(DSL.field(name("c", SystemColumns.PROVENANCE))).or(stalePredicate);
    } else {
      List<SelectField<?>> g = new ArrayList<>();
      List<Field<?>> gb = new ArrayList<>();
      for (String k : key) {
        g.add(DSL.field(name("c", k)).as(k));
        gb.add(DSL.field(name("c", k)));
      }
      for (String v : orphanCols) {
        g.add(DSL.min(DSL.field(name("c", v))).as(v));
      }
      g.add(DSL.max(DSL.field(name("c", SystemColumns.PROVENANCE))).as("__mx_p2"));
      g.add(DSL.max(DSL.when(stalePredicate, inline(1)).otherwise(inline(0))).as("__mx_m"));
      g.add(inline(1).as("__mx_cin"));
      right = DSL.select(g).from(current).groupBy(gb).asTable("cg");
      ra = "cg";
      currentMissing = DSL.field(name("cg", "__mx_cin")).isNull();
      Field<Object> p1 = DSL.field(name("cg", SystemColumns.PROVENANCE));
      stale =
          p1.ne(DSL.field(name("cg", "__mx_p2")))
              .or(ep.ne(p1))
              .or(DSL.field(name("cg", "__mx_m"), Integer.class).eq(1));
    }
    Condition expectedMissing = DSL.field(name("e", ResolvePlan.IN_EXPECTED)).isNull();
    Field<Integer> kind =
        DSL.when(currentMissing, inline(ResolvePlan.NEW))
            .when(expectedMissing, inline(ResolvePlan.ORPHANED))
            .when(stale, inline(ResolvePlan.STALE));
    List<SelectField<?>> cols = new ArrayList<>();
    cols.add(kind.as(ResolvePlan.KIND));
    List<String> computedNames = new ArrayList<>();
    int[] computed = new int[key.size() + fieldKeys.size() + 1 + carried.size()];
    int[] orphaned = new int[key.size() + orphanCols.size()];
    List<String> orphanNames = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < key.size(); i++) {
      String k = key.get(i);
      cols.add(DSL.field(name("e", k)).as("__mx_e" + i));
      computed[n++] = cols.size() - 1;
      computedNames.add(k);
    }
    for (String sk : fieldKeys) {
      cols.add(DSL.field(name("e", Layout.pbf(sk))).as("__mx_e" + cols.size()));
      computed[n++] = cols.size() - 1;
      computedNames.add(Layout.pbf(sk));
    }
    cols.add(ep.as("__mx_e" + cols.size()));
    computed[n++] = cols.size() - 1;
    computedNames.add(SystemColumns.PROVENANCE);
    for (String c : carried) {
      cols.add(DSL.field(name("e", c)).as("__mx_e" + cols.size()));
      computed[n++] = cols.size() - 1;
      computedNames.add(c);
    }
    n = 0;
    for (int i = 0; i < key.size(); i++) {
      String k = key.get(i);
      cols.add(DSL.field(name(ra, k)).as("__mx_c" + i));
      orphaned[n++] = cols.size() - 1;
      orphanNames.add(k);
    }
    for (String v : orphanCols) {
      cols.add(DSL.field(name(ra, v)).as("__mx_c" + cols.size()));
      orphaned[n++] = cols.size() - 1;
      orphanNames.add(v);
    }
    Select<Record> q =
        DSL.select(cols)
            .from(expected)
            .fullJoin(right)
            .on(p.keysMatchOf(ra, "e"))
            .where(currentMissing.or(expectedMissing).or(stale))
            .orderBy(DSL.field(name(ResolvePlan.KIND)));
    return new ResolvePlan.SinglePass(
        q,
        List.of(computed, computed, orphaned),
        List.of(computedNames, computedNames, orphanNames));
  }
}
