package io.metaxy.sql;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.Lineage;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The SQL of {@code resolveUpdate} (docs/semantics.md §3–§4), mirroring {@code ProvenanceEngine}
 * and {@code IncrementDiff}: per dependency the latest upstream rows of its current feature version
 * (caller filters, rename, dependency filters, select; aggregation hashed per group with an ordered
 * string aggregate), joined (INNER/LEFT, or a key union + LEFT joins when every dependency is
 * optional), hashed per field and per row, then anti-joined and compared with the target's current
 * rows. Nothing but the increment leaves the database.
 */
public final class ResolvePlan {
  /**
   * Inputs a plan needs from the store; {@code hasRows} tells whether a table has rows matching a
   * condition (a target without rows of its feature version has no current rows to compare).
   */
  public record Context(
      FeatureGraph graph,
      GraphVersions versions,
      DialectSql sql,
      HashAlgorithm algorithm,
      Truncation truncation,
      Function<FeatureKey, FeatureTable> tables,
      BiPredicate<FeatureTable, Condition> hasRows) {}

  private final Context cx;
  private final FeatureSpec spec;
  private final List<String> key;
  private final boolean expansion;
  private final List<String> fieldKeys = new ArrayList<>();
  private Table<Record> expected; // null: no expected rows
  private Table<Record> current; // null: nothing stored under the feature version
  private Condition stalePredicate = DSL.falseCondition();
  private boolean staged; // expected and current read from indexed staging tables

  /**
   * Columns of the expected rows handed out with the increment besides keys and provenance: the
   * selected (renamed) upstream user columns, and for root features the samples' columns and their
   * per-field data versions.
   */
  private final List<String> carried = new ArrayList<>();

  /** A marker column of {@code expected}: non-null on every expected row (null after FULL JOIN). */
  static final String IN_EXPECTED = "__mx_in";

  /** The kind column of {@link #singlePass()}. */
  public static final String KIND = "__mx_kind";

  /** Kind values of {@link #singlePass()}, in the order of its rows. */
  public static final int NEW = 0;

  public static final int STALE = 1;
  public static final int ORPHANED = 2;

  private ResolvePlan(Context cx, FeatureSpec spec) {
    this.cx = cx;
    this.spec = spec;
    List<String> k = spec.idColumns();
    boolean exp = false;
    for (FeatureDep d : spec.deps()) {
      if (d.lineage() instanceof Lineage.Expansion e) {
        k = e.on();
        exp = true;
        break;
      }
    }
    this.key = List.copyOf(k);
    this.expansion = exp;
    for (FieldSpec f : spec.fields()) {
      fieldKeys.add(f.key().structKey());
    }
    fieldKeys.sort(null);
  }

  /**
   * Plans the resolve of {@code spec}. {@code staging} holds a root feature's samples (key columns,
   * user columns, per-field provenance columns), {@code null} otherwise.
   */
  public static ResolvePlan build(
      Context cx,
      FeatureSpec spec,
      FeatureTable staging,
      Map<FeatureKey, List<String>> featureFilters,
      List<String> globalFilters,
      List<String> targetFilters,
      List<String> stalenessPredicates) {
    ResolvePlan p = new ResolvePlan(cx, spec);
    p.plan(staging, featureFilters, globalFilters, targetFilters, stalenessPredicates);
    return p;
  }

  public List<String> keyColumns() {
    return key;
  }

  public List<String> fieldKeys() {
    return fieldKeys;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private void plan(
      FeatureTable staging,
      Map<FeatureKey, List<String>> featureFilters,
      List<String> globalFilters,
      List<String> targetFilters,
      List<String> staleness) {
    Table<Record> e1 =
        staging != null
            ? fromStaging(staging)
            : new UpstreamJoin(cx, spec, key).join(featureFilters, globalFilters);
    if (e1 != null) {
      List<SelectField<?>> cols = new ArrayList<>();
      for (Field<?> f : e1.fields()) {
        cols.add(f);
        String n = f.getName();
        if (!key.contains(n)
            && !n.startsWith("__mx")
            && (!SystemColumns.isReserved(n)
                || (staging != null && n.startsWith(Layout.DVBF_PREFIX)))) {
          carried.add(n);
        }
      }
      List<Field<String>> parts = new ArrayList<>();
      for (int i = 0; i < fieldKeys.size(); i++) {
        if (i > 0) {
          parts.add(inline(ProvenanceSep.SEP));
        }
        parts.add(
            DSL.coalesce(
                DSL.field(name("e1", Layout.pbf(fieldKeys.get(i))), String.class), inline("")));
      }
      cols.add(
          cx.sql()
              .truncatedHash(cx.algorithm(), cx.truncation(), cx.sql().concat(parts))
              .as(SystemColumns.PROVENANCE));
      Table<Record> e = DSL.select(cols).from(e1).asTable("e0");
      Map<String, DataType<?>> ecols = new LinkedHashMap<>();
      for (Field<?> f : e.fields()) {
        ecols.put(f.getName(), f.getDataType());
      }
      FilterTranslator tf =
          new FilterTranslator(
              c -> ecols.containsKey(c) ? Relations.ref("e0", c, ecols.get(c)) : null);
      List<SelectField<?>> all = new ArrayList<>();
      for (String c : ecols.keySet()) {
        all.add(Relations.ref("e0", c, ecols.get(c)));
      }
      all.add(inline(1).as(IN_EXPECTED));
      expected = DSL.select(all).from(e).where(tf.all(targetFilters)).asTable("e");
    }
    FeatureTable target = cx.tables().apply(spec.key());
    if (target.exists()) {
      for (String k : key) {
        if (!target.has(k)) {
          throw new MetaxyException(
              ErrorCode.INVALID_SPEC,
              "Feature "
                  + spec.key()
                  + ": its table "
                  + target.name()
                  + " has no key column \""
                  + k
                  + "\".");
        }
      }
      if (!cx.hasRows()
          .test(
              target,
              target
                  .col(SystemColumns.FEATURE_VERSION)
                  .eq(cx.versions().featureVersion(spec.key())))) {
        return; // nothing stored under the feature version: every expected row is new
      }
      List<String> filters =
          concat(
              concat(featureFilters.getOrDefault(spec.key(), List.of()), globalFilters),
              targetFilters);
      current =
          Relations.latest(
              target,
              spec.idColumns(),
              col ->
                  col.apply(SystemColumns.FEATURE_VERSION)
                      .eq(cx.versions().featureVersion(spec.key())),
              false,
              r -> new FilterTranslator(r).all(filters),
              "c",
              cx.sql().latestByAntiJoin());
      Map<String, DataType<?>> ccols = target.columns();
      stalePredicate =
          new FilterTranslator(
                  c -> ccols.containsKey(c) ? Relations.ref("c", c, ccols.get(c)) : null)
              .any(staleness);
    }
  }

  private Table<Record> fromStaging(FeatureTable staging) {
    List<SelectField<?>> cols = new ArrayList<>();
    for (String c : staging.columns().keySet()) {
      if (!c.startsWith(Layout.PBF_PREFIX)) {
        cols.add(staging.col(c).as(c));
      }
    }
    for (String sk : fieldKeys) {
      String c = Layout.pbf(sk);
      cols.add(
          staging.has(c)
              ? staging.col(c).cast(String.class).as(c)
              : DSL.castNull(String.class).as(c));
    }
    return DSL.select(cols).from(staging.table()).asTable("e1");
  }

  // ---- the three queries

  private List<SelectField<?>> outputOf(String alias) {
    List<SelectField<?>> out = new ArrayList<>();
    for (String k : key) {
      out.add(DSL.field(name(alias, k)).as(k));
    }
    for (String sk : fieldKeys) {
      out.add(DSL.field(name(alias, Layout.pbf(sk))).as(Layout.pbf(sk)));
    }
    out.add(DSL.field(name(alias, SystemColumns.PROVENANCE)).as(SystemColumns.PROVENANCE));
    for (String c : carried) {
      out.add(DSL.field(name(alias, c)).as(c));
    }
    return out;
  }

  private Condition keysMatch(String a, String b) {
    List<Condition> c = new ArrayList<>();
    for (String k : key) {
      c.add(DSL.field(name(a, k)).eq(DSL.field(name(b, k))));
    }
    return DSL.and(c);
  }

  /** New samples, or {@code null} when there are none. */
  public Select<Record> newRows() {
    if (expected == null) {
      return null;
    }
    if (current == null) {
      return DSL.select(outputOf("e")).from(expected);
    }
    if (staged) {
      // indexed staging tables: an outer join probes the index in one pass (MariaDB runs NOT
      // EXISTS as one dependent subquery per row, several times slower)
      return DSL.select(outputOf("e"))
          .from(expected)
          .leftJoin(current)
          .on(keysMatch("c", "e"))
          .where(DSL.field(name("c", key.get(0))).isNull());
    }
    return DSL.select(outputOf("e"))
        .from(expected)
        .whereNotExists(DSL.selectOne().from(current).where(keysMatch("c", "e")));
  }

  /** Stale samples, or {@code null} when there are none. */
  public Select<Record> staleRows() {
    if (expected == null || current == null) {
      return null;
    }
    Field<Object> ep = DSL.field(name("e", SystemColumns.PROVENANCE));
    if (!expansion) {
      Field<Object> cp = DSL.field(name("c", SystemColumns.PROVENANCE));
      return DSL.select(outputOf("e"))
          .from(expected)
          .join(current)
          .on(keysMatch("c", "e"))
          .where(ep.ne(cp).or(stalePredicate));
    }
    List<SelectField<?>> g = new ArrayList<>();
    List<Field<?>> gb = new ArrayList<>();
    for (String k : key) {
      g.add(DSL.field(name("c", k)).as(k));
      gb.add(DSL.field(name("c", k)));
    }
    Field<Object> cp = DSL.field(name("c", SystemColumns.PROVENANCE));
    g.add(DSL.min(cp).as("__mx_p1"));
    g.add(DSL.max(cp).as("__mx_p2"));
    g.add(DSL.max(DSL.when(stalePredicate, inline(1)).otherwise(inline(0))).as("__mx_m"));
    Table<Record> cg = DSL.select(g).from(current).groupBy(gb).asTable("cg");
    return DSL.select(outputOf("e"))
        .from(expected)
        .join(cg)
        .on(keysMatch("cg", "e"))
        .where(
            DSL.field(name("cg", "__mx_p1"))
                .ne(DSL.field(name("cg", "__mx_p2")))
                .or(ep.ne(DSL.field(name("cg", "__mx_p1"))))
                .or(DSL.field(name("cg", "__mx_m"), Integer.class).eq(1)));
  }

  /** Orphaned samples, or {@code null} when there are none. */
  public Select<Record> orphanedRows() {
    if (current == null) {
      return null;
    }
    FeatureTable target = cx.tables().apply(spec.key());
    List<SelectField<?>> out = new ArrayList<>();
    List<Field<?>> gb = new ArrayList<>();
    for (String k : key) {
      out.add(DSL.field(name("c", k)).as(k));
      gb.add(DSL.field(name("c", k)));
    }
    List<String> vals = new ArrayList<>();
    for (String sk : fieldKeys) {
      if (target.has(Layout.pbf(sk))) {
        vals.add(Layout.pbf(sk));
      }
    }
    vals.add(SystemColumns.PROVENANCE);
    for (String v : vals) {
      Field<Object> f = DSL.field(name("c", v));
      out.add(expansion ? DSL.min(f).as(v) : f.as(v));
    }
    var q =
        staged
            ? DSL.select(out).from(current.leftJoin(expected).on(keysMatch("e", "c")))
            : DSL.select(out).from(current);
    Condition notExpected =
        expected == null
            ? DSL.noCondition()
            : staged
                ? DSL.field(name("e", IN_EXPECTED)).isNull()
                : DSL.notExists(DSL.selectOne().from(expected).where(keysMatch("e", "c")));
    return expansion ? q.where(notExpected).groupBy(gb) : q.where(notExpected);
  }

  /**
   * One statement for all three kinds (dialects with FULL OUTER JOIN): {@code expected FULL JOIN
   * current} on the key, restricted to the increment, ordered by {@link #KIND} (new, stale,
   * orphaned). {@code columns} maps each kind to the positions and output names of its columns, so
   * that a kind's rows carry exactly the columns of {@link #newRows()}, {@link #staleRows()} or
   * {@link #orphanedRows()}.
   */
  public record SinglePass(Select<Record> query, List<int[]> positions, List<List<String>> names) {}

  /**
   * The single-pass statement, or {@code null} when the dialect has no FULL OUTER JOIN or when one
   * side is empty (then the per-kind queries are single statements anyway).
   */
  public SinglePass singlePass() {
    return SinglePassQuery.build(this);
  }

  /**
   * Reads the expected and current rows from {@code staged} tables (aliased {@code e} and {@code
   * c}) holding exactly the rows of {@link #expected()} and {@link #current()}.
   */
  void useStagedSides(Table<Record> stagedExpected, Table<Record> stagedCurrent) {
    this.expected = stagedExpected;
    this.current = stagedCurrent;
    this.staged = true;
  }

  // ---- state read by SinglePassQuery

  Table<Record> expected() {
    return expected;
  }

  Table<Record> current() {
    return current;
  }

  Context context() {
    return cx;
  }

  FeatureSpec spec() {
    return spec;
  }

  boolean expansion() {
    return expansion;
  }

  Condition stalePredicate() {
    return stalePredicate;
  }

  List<String> carried() {
    return carried;
  }

  Condition keysMatchOf(String a, String b) {
    return keysMatch(a, b);
  }

  /** The separator of hash inputs. */
  static final class ProvenanceSep {
    static final String SEP = "|";

    private ProvenanceSep() {}
  }
}
