package io.metaxy.sql;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
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
 * The upstream side of a resolve: per dependency the latest rows of its current feature version
 * (caller and dependency filters, rename, select), aggregated for aggregation lineage, joined on
 * the key (INNER, or a key union with LEFT joins when every dependency is optional), with each
 * field's data version per dependency — the input of {@link ResolvePlan}'s provenance hashing.
 */
final class UpstreamJoin {
  private final ResolvePlan.Context cx;
  private final FeatureSpec spec;
  private final List<String> key;

  UpstreamJoin(ResolvePlan.Context cx, FeatureSpec spec, List<String> key) {
    this.cx = cx;
    this.spec = spec;
    this.key = key;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
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

  /**
   * The expected rows before hashing: every dependency's latest rows of its current feature
   * version, filtered, renamed and selected, joined on the key (or aggregated), or {@code null}
   * when there are none.
   */
  Table<Record> join(Map<FeatureKey, List<String>> featureFilters, List<String> globalFilters) {
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
      prefixes.put(f.key().structKey(), f.key() + ResolvePlan.ProvenanceSep.SEP + f.codeVersion());
    }
    for (FieldSpec f : spec.fields()) {
      List<Field<String>> parts = new ArrayList<>();
      parts.add(inline(prefixes.get(f.key().structKey())));
      for (FieldRef p : cx.graph().parentFields(new FieldRef(spec.key(), f.key()))) {
        parts.add(inline(ResolvePlan.ProvenanceSep.SEP + p + ResolvePlan.ProvenanceSep.SEP));
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
                    ResolvePlan.ProvenanceSep.SEP,
                    order);
        out.add(cx.sql().truncatedHash(cx.algorithm(), cx.truncation(), agg).as(dvAlias(sk)));
        cols.put(dvAlias(sk), SQLDataType.VARCHAR);
      }
      // explicitly selected columns survive aggregation: one value per group (the smallest)
      if (dep.select() != null) {
        for (String c : dep.select()) {
          if (!keyCols.contains(c) && renamed.containsKey(c) && !cols.containsKey(c)) {
            out.add(DSL.min(Relations.ref(a0, c, renamed.get(c))).as(c));
            cols.put(c, renamed.get(c));
          }
        }
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
}
