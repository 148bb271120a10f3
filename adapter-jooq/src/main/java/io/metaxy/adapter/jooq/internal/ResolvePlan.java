package io.metaxy.adapter.jooq.internal;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.Lineage;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableLike;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The SQL of {@code resolveUpdate} (semantics §3–§4), mirroring {@code ProvenanceEngine} and {@code
 * IncrementDiff}: per dependency the latest upstream rows of its current feature version (caller
 * filters, rename, dependency filters, select; aggregation hashed per group with an ordered string
 * aggregate), joined (INNER/LEFT, or a key union + LEFT joins when every dependency is optional),
 * hashed per field and per row, then anti-joined and compared with the target's current rows.
 * Nothing but the increment leaves the database.
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

  /**
   * Columns of the expected rows handed out with the increment besides keys and provenance: the
   * selected (renamed) upstream user columns, and for root features the samples' columns and their
   * per-field data versions.
   */
  private final List<String> carried = new ArrayList<>();

  /** A marker column of {@code expected}: non-null on every expected row (null after FULL JOIN). */
  private static final String IN_EXPECTED = "__mx_in";

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
        staging != null ? fromStaging(staging) : fromUpstream(featureFilters, globalFilters);
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

  /** One dependency's relation: alias, columns (key + user), data-version column per field. */
  private record Rel(
      FeatureDep dep,
      String alias,
      Table<Record> table,
      List<String> keyCols,
      Map<String, DataType<?>> columns) {
    Field<Object> col(String c) {
      return Relations.ref(alias, c, columns.get(c));
    }
  }

  private static String dvAlias(String structKey) {
    return "__mx_dv_" + structKey;
  }

  private Table<Record> fromUpstream(
      Map<FeatureKey, List<String>> featureFilters, List<String> globalFilters) {
    List<Rel> rels = new ArrayList<>();
    Map<FeatureKey, Rel> byFeature = new HashMap<>();
    int i = 0;
    for (FeatureDep dep : spec.deps()) {
      i++;
      FeatureTable ft = cx.tables().apply(dep.feature());
      boolean hasRows = ft.exists();
      if (!hasRows) {
        if (dep.optional()) {
          continue;
        }
        return null;
      }
      Rel r =
          relation(
              dep,
              ft,
              "r" + i,
              concat(featureFilters.getOrDefault(dep.feature(), List.of()), globalFilters));
      rels.add(r);
      byFeature.put(dep.feature(), r);
    }
    if (rels.isEmpty()) {
      return null;
    }
    Map<String, FeatureKey> owner = new HashMap<>();
    for (Rel r : rels) {
      for (String c : r.columns().keySet()) {
        if (c.startsWith("__mx_") || key.contains(c) || r.keyCols().contains(c)) {
          continue;
        }
        FeatureKey prev = owner.putIfAbsent(c, r.dep().feature());
        if (prev != null) {
          throw new MetaxyException(
              ErrorCode.COLUMN_COLLISION,
              "Feature "
                  + spec.key()
                  + ": column \""
                  + c
                  + "\" comes from both dependencies "
                  + prev
                  + " and "
                  + r.dep().feature()
                  + ". Rename it in one of the dependencies (FeatureDep rename), or leave it out"
                  + " with select.");
        }
      }
    }
    List<Rel> required = rels.stream().filter(r -> !r.dep().optional()).toList();
    Map<String, Field<Object>> available = new LinkedHashMap<>();
    TableLike<?> from;
    if (!required.isEmpty()) {
      Rel driver = required.get(0);
      for (String c : driver.columns().keySet()) {
        if (!c.startsWith("__mx_")) {
          available.put(c, driver.col(c));
        }
      }
      Table<?> j = driver.table();
      for (Rel r : rels) {
        if (r == driver) {
          continue;
        }
        List<Condition> on = new ArrayList<>();
        for (String k : r.keyCols()) {
          Field<Object> left = available.get(k);
          if (left == null) {
            throw new MetaxyException(
                ErrorCode.INVALID_SPEC,
                "Feature "
                    + spec.key()
                    + " joins dependency "
                    + r.dep().feature()
                    + " on column \""
                    + k
                    + "\", which no earlier required dependency ("
                    + driver.dep().feature()
                    + ") provides: align the dependencies' lineage on columns or rename.");
          }
          on.add(left.eq(r.col(k)));
        }
        j =
            r.dep().optional()
                ? j.leftJoin(r.table()).on(DSL.and(on))
                : j.join(r.table()).on(DSL.and(on));
        for (String c : r.columns().keySet()) {
          if (!c.startsWith("__mx_")) {
            available.putIfAbsent(c, r.col(c));
          }
        }
      }
      from = j;
    } else {
      Select<Record> union = null;
      for (Rel r : rels) {
        if (!new LinkedHashSet<>(r.keyCols()).equals(new LinkedHashSet<>(key))) {
          throw new MetaxyException(
              ErrorCode.INVALID_SPEC,
              "Feature "
                  + spec.key()
                  + " has only optional dependencies, which are full-outer joined on its key columns "
                  + key
                  + ", but dependency "
                  + r.dep().feature()
                  + " joins on "
                  + r.keyCols()
                  + ": make the lineage's on columns match the key columns.");
        }
        List<SelectField<?>> kc = new ArrayList<>();
        for (String k : key) {
          kc.add(r.col(k).as(k));
        }
        Select<Record> s = DSL.select(kc).from(r.table());
        union = union == null ? s : union.union(s);
      }
      Table<Record> u = union.asTable("u");
      Map<String, DataType<?>> uTypes = new HashMap<>();
      for (Field<?> f : u.fields()) {
        uTypes.put(f.getName(), f.getDataType());
      }
      for (String k : key) {
        available.put(k, Relations.ref("u", k, uTypes.get(k)));
      }
      Table<?> j = u;
      for (Rel r : rels) {
        List<Condition> on = new ArrayList<>();
        for (String k : key) {
          on.add(available.get(k).eq(r.col(k)));
        }
        j = j.leftJoin(r.table()).on(DSL.and(on));
        for (String c : r.columns().keySet()) {
          if (!c.startsWith("__mx_")) {
            available.putIfAbsent(c, r.col(c));
          }
        }
      }
      from = j;
    }
    List<SelectField<?>> cols = new ArrayList<>();
    for (String k : key) {
      Field<Object> f = available.get(k);
      if (f == null) {
        throw new MetaxyException(
            ErrorCode.INVALID_SPEC,
            "Feature "
                + spec.key()
                + ": key column \""
                + k
                + "\" comes from none of its dependencies;"
                + " add it upstream or rename an upstream column to it.");
      }
      cols.add(f.as(k));
    }
    for (Map.Entry<String, Field<Object>> e : available.entrySet()) {
      if (!key.contains(e.getKey())) {
        cols.add(e.getValue().as(e.getKey()));
      }
    }
    Map<String, String> prefixes = new TreeMap<>();
    for (FieldSpec f : spec.fields()) {
      prefixes.put(f.key().structKey(), f.key() + ProvenanceSep.SEP + f.codeVersion());
    }
    for (FieldSpec f : spec.fields()) {
      List<Field<String>> parts = new ArrayList<>();
      parts.add(inline(prefixes.get(f.key().structKey())));
      for (FieldRef p : cx.graph().parentFields(new FieldRef(spec.key(), f.key()))) {
        parts.add(inline(ProvenanceSep.SEP + p + ProvenanceSep.SEP));
        Rel r = byFeature.get(p.feature());
        Field<String> dv =
            r == null || !r.columns().containsKey(dvAlias(p.field().structKey()))
                ? inline("")
                : DSL.coalesce(
                    DSL.field(name(r.alias(), dvAlias(p.field().structKey())), String.class),
                    inline(""));
        parts.add(dv);
      }
      cols.add(
          cx.sql()
              .truncatedHash(cx.algorithm(), cx.truncation(), cx.sql().concat(parts))
              .as(Layout.pbf(f.key().structKey())));
    }
    return DSL.select(cols).from(from).asTable("e1");
  }

  private Rel relation(FeatureDep dep, FeatureTable ft, String alias, List<String> callerFilters) {
    FeatureSpec up = cx.graph().get(dep.feature());
    Table<Record> m =
        Relations.latest(
            ft,
            up.idColumns(),
            col ->
                col.apply(SystemColumns.FEATURE_VERSION)
                    .eq(cx.versions().featureVersion(dep.feature())),
            false,
            r -> new FilterTranslator(r).all(callerFilters),
            alias + "m",
            cx.sql().latestByAntiJoin());
    Map<String, String> rename = dep.rename();
    List<String> keyCols = keyColumns(dep);
    Map<String, DataType<?>> renamed = new LinkedHashMap<>();
    List<SelectField<?>> proj = new ArrayList<>();
    for (String c : ft.userColumns()) {
      String n = rename.getOrDefault(c, c);
      if (renamed.containsKey(n)) {
        continue;
      }
      renamed.put(n, ft.columns().get(c));
      proj.add(Relations.ref(alias + "m", c, ft.columns().get(c)).as(n));
    }
    for (FieldSpec f : up.fields()) {
      String sk = f.key().structKey();
      Field<String> dv =
          ft.has(Layout.dvbf(sk))
              ? DSL.field(name(alias + "m", Layout.dvbf(sk)), String.class)
              : null;
      Field<String> pv =
          ft.has(Layout.pbf(sk))
              ? DSL.field(name(alias + "m", Layout.pbf(sk)), String.class)
              : null;
      Field<String> v =
          dv != null && pv != null
              ? DSL.coalesce(dv, pv)
              : dv != null ? dv : pv != null ? pv : DSL.castNull(String.class);
      proj.add(v.as(dvAlias(sk)));
    }
    Table<Record> r0 = DSL.select(proj).from(m).asTable(alias + "a");
    String a0 = alias + "a";
    FilterTranslator depFilter =
        new FilterTranslator(
            c -> renamed.containsKey(c) ? Relations.ref(a0, c, renamed.get(c)) : null);
    Condition where = DSL.and(dep.parsedFilters().stream().map(depFilter::translate).toList());
    for (String k : keyCols) {
      if (!renamed.containsKey(k)) {
        throw new MetaxyException(
            ErrorCode.INVALID_ROW,
            "Feature "
                + spec.key()
                + " joins its dependency "
                + dep.feature()
                + " ("
                + dep.lineage().type()
                + ") on column \""
                + k
                + "\", but the table of "
                + dep.feature()
                + " has no such column (after rename): add the column upstream, rename an upstream column to \""
                + k
                + "\" in the dependency, or fix the lineage's on columns.");
      }
    }
    Map<String, DataType<?>> cols = new LinkedHashMap<>();
    List<SelectField<?>> out = new ArrayList<>();
    if (dep.lineage() instanceof Lineage.Aggregation) {
      List<Field<?>> group = new ArrayList<>();
      for (String k : keyCols) {
        out.add(Relations.ref(a0, k, renamed.get(k)).as(k));
        group.add(Relations.ref(a0, k, renamed.get(k)));
        cols.put(k, renamed.get(k));
      }
      List<SortField<?>> order = new ArrayList<>();
      for (String id : up.idColumns()) {
        String n = rename.getOrDefault(id, id);
        if (renamed.containsKey(n)) {
          order.add(Relations.ref(a0, n, renamed.get(n)).asc());
        }
      }
      for (FieldSpec f : up.fields()) {
        String sk = f.key().structKey();
        Field<String> agg =
            cx.sql()
                .orderedStringAgg(
                    DSL.coalesce(DSL.field(name(a0, dvAlias(sk)), String.class), inline("")),
                    ProvenanceSep.SEP,
                    order);
        out.add(cx.sql().truncatedHash(cx.algorithm(), cx.truncation(), agg).as(dvAlias(sk)));
        cols.put(dvAlias(sk), SQLDataType.VARCHAR);
      }
      return new Rel(
          dep,
          alias,
          DSL.select(out).from(r0).where(where).groupBy(group).asTable(alias),
          keyCols,
          cols);
    }
    Set<String> selected = dep.select() == null ? null : new LinkedHashSet<>(dep.select());
    for (Map.Entry<String, DataType<?>> e : renamed.entrySet()) {
      if (keyCols.contains(e.getKey()) || selected == null || selected.contains(e.getKey())) {
        out.add(Relations.ref(a0, e.getKey(), e.getValue()).as(e.getKey()));
        cols.put(e.getKey(), e.getValue());
      }
    }
    for (FieldSpec f : up.fields()) {
      String sk = f.key().structKey();
      out.add(DSL.field(name(a0, dvAlias(sk)), String.class).as(dvAlias(sk)));
      cols.put(dvAlias(sk), SQLDataType.VARCHAR);
    }
    return new Rel(dep, alias, DSL.select(out).from(r0).where(where).asTable(alias), keyCols, cols);
  }

  private List<String> keyColumns(FeatureDep dep) {
    Lineage l = dep.lineage();
    if (l instanceof Lineage.Aggregation a) {
      return a.on();
    }
    if (l instanceof Lineage.Expansion e) {
      return e.on();
    }
    return key;
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
    var q = DSL.select(out).from(current);
    Condition notExpected =
        expected == null
            ? DSL.noCondition()
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
    Condition expectedMissing = DSL.field(name("e", IN_EXPECTED)).isNull();
    Field<Integer> kind =
        DSL.when(currentMissing, inline(NEW))
            .when(expectedMissing, inline(ORPHANED))
            .when(stale, inline(STALE));
    List<SelectField<?>> cols = new ArrayList<>();
    cols.add(kind.as(KIND));
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
            .on(keysMatch(ra, "e"))
            .where(currentMissing.or(expectedMissing).or(stale))
            .orderBy(DSL.field(name(KIND)));
    return new SinglePass(
        q,
        List.of(computed, computed, orphaned),
        List.of(computedNames, computedNames, orphanNames));
  }

  /** The separator of hash inputs. */
  static final class ProvenanceSep {
    static final String SEP = "|";

    private ProvenanceSep() {}
  }
}
