package io.metaxy.adapter.spark.internal;

import static io.metaxy.adapter.spark.internal.Relations.col;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.filter.FilterColumns;
import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.provenance.ProvenanceEngine;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark plan of {@code resolveUpdate} (docs/semantics.md §3–§4), the DataFrame counterpart of
 * the domain's {@code ProvenanceEngine} and {@code IncrementDiff}: per dependency the latest
 * upstream rows of its current feature version (caller filters, rename, dependency filters, select;
 * an aggregation hashed per group over an ordered string aggregate), joined (inner/left, or a key
 * union plus left joins when every dependency is optional), hashed per field and per row, then
 * compared with the target's current rows. Each of the three results is one plan from the Delta
 * tables to the increment rows; nothing else reaches the driver.
 */
public final class ResolvePlan {
  /** Inputs from the store: graph, versions, hashing and a feature's table (fallback-aware). */
  public record Context(
      FeatureGraph graph,
      GraphVersions versions,
      HashAlgorithm algorithm,
      Truncation truncation,
      Function<FeatureKey, Optional<Dataset<Row>>> tables) {}

  private static final String SEP = ProvenanceEngine.SEPARATOR;
  private static final String EPROV = "__mx_eprov";

  /**
   * A constant column unique to each plan: a persisted relation of one increment never stands in
   * for another increment's (Spark's cache matches plans, and a Delta scan's plan does not name the
   * table version it read).
   */
  private static final String PLAN = "__mx_plan";

  private static final java.util.concurrent.atomic.AtomicLong PLANS =
      new java.util.concurrent.atomic.AtomicLong();

  private final long plan = PLANS.incrementAndGet();

  private final Context cx;
  private final FeatureSpec spec;
  private final List<String> key;
  private final boolean expansion;
  private final List<String> fieldKeys = new ArrayList<>();
  // key as __mx_k<i>, carried user columns as __mx_c_<name>, __mx_dvbf_<sk> (root samples that
  // give data versions), __mx_pbf_<sk>, __mx_eprov; null: none
  private Dataset<Row> expected;
  private final List<String> carried = new ArrayList<>(); // user columns of the expected rows
  private final List<String> givenDataVersions = new ArrayList<>(); // __mx_dvbf_<sk> present
  private Dataset<Row> current; // the target's current rows, aliased "c"; null: none
  private Column stalePredicate = functions.lit(false);

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

  /** Plans the resolve of {@code spec}; {@code samples} holds a root feature's samples. */
  public static ResolvePlan build(
      Context cx,
      FeatureSpec spec,
      Dataset<Row> samples,
      Map<FeatureKey, List<String>> featureFilters,
      List<String> globalFilters,
      List<String> targetFilters,
      List<String> staleness) {
    ResolvePlan p = new ResolvePlan(cx, spec);
    p.plan(samples, featureFilters, globalFilters, targetFilters, staleness);
    return p;
  }

  public List<String> keyColumns() {
    return key;
  }

  private static String pbf(String sk) {
    return "__mx_pbf_" + sk;
  }

  /** Prefix of the per-field data versions root samples give ({@code __mx_dvbf_<sk>}). */
  public static final String DVBF_PREFIX = "__mx_dvbf_";

  private static String carry(String c) {
    return "__mx_c_" + c;
  }

  private static String dv(String sk) {
    return "__mx_dv_" + sk;
  }

  private static String k(int i) {
    return "__mx_k" + i;
  }

  private Column hash(Column s) {
    return Hashes.truncated(cx.algorithm(), cx.truncation(), s);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private void plan(
      Dataset<Row> samples,
      Map<FeatureKey, List<String>> featureFilters,
      List<String> globalFilters,
      List<String> targetFilters,
      List<String> staleness) {
    Dataset<Row> e1 =
        samples != null ? fromSamples(samples) : fromUpstream(featureFilters, globalFilters);
    if (e1 != null) {
      List<Column> parts = new ArrayList<>();
      for (String sk : fieldKeys) {
        parts.add(functions.coalesce(col(pbf(sk)), functions.lit("")));
      }
      Dataset<Row> e =
          e1.withColumn(EPROV, hash(functions.concat_ws(SEP, parts.toArray(Column[]::new))));
      StructType es = e.schema();
      SparkFilters tf =
          new SparkFilters(
              c -> {
                String n = c.equals(SystemColumns.PROVENANCE) ? EPROV : c;
                return Relations.has(es, n)
                    ? new SparkFilters.Ref(col(n), es.apply(n).dataType())
                    : null;
              });
      e = e.where(tf.all(targetFilters));
      List<Column> out = new ArrayList<>();
      for (int i = 0; i < key.size(); i++) {
        out.add(col(key.get(i)).as(k(i)));
      }
      for (String c : es.fieldNames()) {
        if (c.startsWith(DVBF_PREFIX)) {
          givenDataVersions.add(c.substring(DVBF_PREFIX.length()));
          out.add(col(c));
        } else if (!c.startsWith("__mx_") && !key.contains(c)) {
          carried.add(c);
          out.add(col(c).as(carry(c)));
        }
      }
      for (String sk : fieldKeys) {
        out.add(col(pbf(sk)));
      }
      out.add(col(EPROV));
      out.add(functions.lit(plan).as(PLAN));
      expected = e.select(out.toArray(Column[]::new));
    }
    Optional<Dataset<Row>> target = cx.tables().apply(spec.key());
    if (target.isPresent()) {
      StructType ts = target.get().schema();
      for (String kc : key) {
        if (!Relations.has(ts, kc)) {
          throw new MetaxyException(
              ErrorCode.INVALID_SPEC,
              "Feature " + spec.key() + ": its table has no key column \"" + kc + "\".");
        }
      }
      List<String> filters =
          concat(
              concat(featureFilters.getOrDefault(spec.key(), List.of()), globalFilters),
              targetFilters);
      Dataset<Row> c =
          Relations.latest(
              target.get(), spec.idColumns(), cx.versions().featureVersion(spec.key()), false);
      current =
          c.where(SparkFilters.checked(spec.key(), ts, Relations::col).all(filters))
              .withColumn(PLAN, functions.lit(plan))
              .as("c");
      stalePredicate = SparkFilters.checked(spec.key(), ts, n -> col("c", n)).any(staleness);
    }
  }

  private Dataset<Row> fromSamples(Dataset<Row> samples) {
    List<Column> cols = new ArrayList<>();
    StructType s = samples.schema();
    for (String c : s.fieldNames()) {
      if (!c.startsWith("__mx_pbf_")) {
        cols.add(col(c));
      }
    }
    for (String sk : fieldKeys) {
      cols.add(
          Relations.has(s, pbf(sk))
              ? col(pbf(sk)).cast("string").as(pbf(sk))
              : functions.lit(null).cast("string").as(pbf(sk)));
    }
    return samples.select(cols.toArray(Column[]::new));
  }

  /** One dependency's relation: columns prefixed with its alias. */
  private record Rel(
      FeatureDep dep,
      String alias,
      Dataset<Row> table,
      List<String> keyCols,
      Map<String, DataType> columns) {
    Column col(String c) {
      return Relations.col(alias + "__" + c);
    }
  }

  private Dataset<Row> fromUpstream(
      Map<FeatureKey, List<String>> featureFilters, List<String> globalFilters) {
    List<Rel> rels = new ArrayList<>();
    Map<FeatureKey, Rel> byFeature = new HashMap<>();
    int i = 0;
    for (FeatureDep dep : spec.deps()) {
      i++;
      Optional<Dataset<Row>> ft = cx.tables().apply(dep.feature());
      if (ft.isEmpty()) {
        if (dep.optional()) {
          continue;
        }
        return null;
      }
      Rel r =
          relation(
              dep,
              ft.get(),
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
    Map<String, Column> available = new LinkedHashMap<>();
    Dataset<Row> j;
    if (!required.isEmpty()) {
      Rel driver = required.get(0);
      for (String c : driver.columns().keySet()) {
        if (!c.startsWith("__mx_")) {
          available.put(c, driver.col(c));
        }
      }
      j = driver.table();
      for (Rel r : rels) {
        if (r == driver) {
          continue;
        }
        Column on = functions.lit(true);
        for (String kc : r.keyCols()) {
          Column left = available.get(kc);
          if (left == null) {
            throw new MetaxyException(
                ErrorCode.INVALID_SPEC,
                "Feature "
                    + spec.key()
                    + " joins dependency "
                    + r.dep().feature()
                    + " on column \""
                    + kc
                    + "\", which no earlier required dependency ("
                    + driver.dep().feature()
                    + ") provides: align the dependencies' lineage on columns or rename.");
          }
          on = on.and(left.equalTo(r.col(kc)));
        }
        j = j.join(r.table(), on, r.dep().optional() ? "left" : "inner");
        for (String c : r.columns().keySet()) {
          if (!c.startsWith("__mx_")) {
            available.putIfAbsent(c, r.col(c));
          }
        }
      }
    } else {
      Dataset<Row> union = null;
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
        List<Column> kc = new ArrayList<>();
        for (String kk : key) {
          kc.add(r.col(kk).as("u__" + kk));
        }
        Dataset<Row> s = r.table().select(kc.toArray(Column[]::new));
        union = union == null ? s : union.union(s);
      }
      j = union.distinct();
      for (String kk : key) {
        available.put(kk, col("u__" + kk));
      }
      for (Rel r : rels) {
        Column on = functions.lit(true);
        for (String kk : key) {
          on = on.and(available.get(kk).equalTo(r.col(kk)));
        }
        j = j.join(r.table(), on, "left");
        for (String c : r.columns().keySet()) {
          if (!c.startsWith("__mx_")) {
            available.putIfAbsent(c, r.col(c));
          }
        }
      }
    }
    List<Column> cols = new ArrayList<>();
    for (String kk : key) {
      Column f = available.get(kk);
      if (f == null) {
        throw new MetaxyException(
            ErrorCode.INVALID_SPEC,
            "Feature "
                + spec.key()
                + ": key column \""
                + kk
                + "\" comes from none of its dependencies;"
                + " add it upstream or rename an upstream column to it.");
      }
      cols.add(f.as(kk));
    }
    for (Map.Entry<String, Column> e : available.entrySet()) {
      if (!key.contains(e.getKey())) {
        cols.add(e.getValue().as(e.getKey()));
      }
    }
    for (FieldSpec f : spec.fields()) {
      List<Column> parts = new ArrayList<>();
      parts.add(functions.lit(f.key() + SEP + f.codeVersion()));
      for (FieldRef p : cx.graph().parentFields(new FieldRef(spec.key(), f.key()))) {
        parts.add(functions.lit(SEP + p + SEP));
        Rel r = byFeature.get(p.feature());
        String dvc = dv(p.field().structKey());
        parts.add(
            r == null || !r.columns().containsKey(dvc)
                ? functions.lit("")
                : functions.coalesce(r.col(dvc), functions.lit("")));
      }
      cols.add(hash(functions.concat(parts.toArray(Column[]::new))).as(pbf(f.key().structKey())));
    }
    return j.select(cols.toArray(Column[]::new));
  }

  private Rel relation(
      FeatureDep dep, Dataset<Row> table, String alias, List<String> callerFilters) {
    FeatureSpec up = cx.graph().get(dep.feature());
    StructType ts = table.schema();
    Dataset<Row> m =
        Relations.latest(table, up.idColumns(), cx.versions().featureVersion(dep.feature()), false);
    m = m.where(SparkFilters.checked(dep.feature(), ts, Relations::col).all(callerFilters));
    Map<String, String> rename = dep.rename();
    List<String> keyCols = keyColumns(dep);
    Map<String, DataType> renamed = new LinkedHashMap<>();
    List<Column> proj = new ArrayList<>();
    for (StructField sf : ts.fields()) {
      String c = sf.name();
      if (SystemColumns.isReserved(c)) {
        continue;
      }
      String n = rename.getOrDefault(c, c);
      if (renamed.containsKey(n)) {
        continue;
      }
      renamed.put(n, sf.dataType());
      proj.add(col(c).as(n));
    }
    for (FieldSpec f : up.fields()) {
      String sk = f.key().structKey();
      Column d =
          Relations.hasField(ts, SystemColumns.DATA_VERSION_BY_FIELD, sk)
              ? col(SystemColumns.DATA_VERSION_BY_FIELD).getField(sk)
              : null;
      Column p =
          Relations.hasField(ts, SystemColumns.PROVENANCE_BY_FIELD, sk)
              ? col(SystemColumns.PROVENANCE_BY_FIELD).getField(sk)
              : null;
      Column v =
          d != null && p != null
              ? functions.coalesce(d, p)
              : d != null ? d : p != null ? p : functions.lit(null).cast("string");
      proj.add(v.as(dv(sk)));
    }
    Dataset<Row> r0 = m.select(proj.toArray(Column[]::new));
    SparkFilters depFilter =
        new SparkFilters(
            c -> renamed.containsKey(c) ? new SparkFilters.Ref(col(c), renamed.get(c)) : null);
    Column where = functions.lit(true);
    for (int fi = 0; fi < dep.parsedFilters().size(); fi++) {
      FilterExpression f = dep.parsedFilters().get(fi);
      FilterColumns.requireKnown(dep.feature(), dep.filters().get(fi), f, renamed.keySet());
      where = where.and(depFilter.translate(f));
    }
    for (String kc : keyCols) {
      if (!renamed.containsKey(kc)) {
        throw new MetaxyException(
            ErrorCode.INVALID_ROW,
            "Feature "
                + spec.key()
                + " joins its dependency "
                + dep.feature()
                + " ("
                + dep.lineage().type()
                + ") on column \""
                + kc
                + "\", but the table of "
                + dep.feature()
                + " has no such column (after rename): add the column upstream, rename an upstream column to \""
                + kc
                + "\" in the dependency, or fix the lineage's on columns.");
      }
    }
    r0 = r0.where(where);
    Map<String, DataType> cols = new LinkedHashMap<>();
    List<Column> out = new ArrayList<>();
    String pre = alias + "__";
    if (dep.lineage() instanceof Lineage.Aggregation) {
      List<Column> group = new ArrayList<>();
      for (String kc : keyCols) {
        group.add(col(kc).as(pre + kc));
        cols.put(kc, renamed.get(kc));
      }
      List<Column> order = new ArrayList<>();
      int o = 0;
      for (String id : up.idColumns()) {
        String n = rename.getOrDefault(id, id);
        if (renamed.containsKey(n)) {
          order.add(col(n).as("o" + (o++)));
        }
      }
      List<Column> aggs = new ArrayList<>();
      for (FieldSpec f : up.fields()) {
        String sk = f.key().structKey();
        List<Column> st = new ArrayList<>(order);
        st.add(functions.coalesce(col(dv(sk)), functions.lit("")).as("v"));
        Column agg =
            functions.array_join(
                functions.transform(
                    functions.array_sort(
                        functions.collect_list(functions.struct(st.toArray(Column[]::new)))),
                    x -> x.getField("v")),
                SEP);
        aggs.add(hash(agg).as(pre + dv(sk)));
        cols.put(dv(sk), org.apache.spark.sql.types.DataTypes.StringType);
      }
      // explicitly selected columns survive: the group's first member in upstream-ID order
      if (dep.select() != null) {
        for (Map.Entry<String, DataType> e : renamed.entrySet()) {
          String c = e.getKey();
          if (dep.select().contains(c) && !keyCols.contains(c) && !c.startsWith("__mx_")) {
            List<Column> st = new ArrayList<>(order);
            st.add(col(c).as("v"));
            aggs.add(
                functions
                    .element_at(
                        functions.array_sort(
                            functions.collect_list(functions.struct(st.toArray(Column[]::new)))),
                        1)
                    .getField("v")
                    .as(pre + c));
            cols.put(c, e.getValue());
          }
        }
      }
      Dataset<Row> g =
          r0.groupBy(group.toArray(Column[]::new))
              .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
      return new Rel(dep, alias, g, keyCols, cols);
    }
    Set<String> selected = dep.select() == null ? null : new LinkedHashSet<>(dep.select());
    for (Map.Entry<String, DataType> e : renamed.entrySet()) {
      if (keyCols.contains(e.getKey()) || selected == null || selected.contains(e.getKey())) {
        out.add(col(e.getKey()).as(pre + e.getKey()));
        cols.put(e.getKey(), e.getValue());
      }
    }
    for (FieldSpec f : up.fields()) {
      String sk = f.key().structKey();
      out.add(col(dv(sk)).as(pre + dv(sk)));
      cols.put(dv(sk), org.apache.spark.sql.types.DataTypes.StringType);
    }
    return new Rel(dep, alias, r0.select(out.toArray(Column[]::new)), keyCols, cols);
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

  // ---- the three results

  private Column keysMatch(String alias) {
    Column c = functions.lit(true);
    for (int i = 0; i < key.size(); i++) {
      c = c.and(col(k(i)).equalTo(col(alias, key.get(i))));
    }
    return c;
  }

  private Column[] computedOutput() {
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      out.add(col(k(i)).as(key.get(i)));
    }
    for (String c : carried) {
      out.add(col(carry(c)).as(c));
    }
    List<Column> f = new ArrayList<>();
    for (String sk : fieldKeys) {
      f.add(col(pbf(sk)).as(sk));
    }
    out.add(functions.struct(f.toArray(Column[]::new)).as(SystemColumns.PROVENANCE_BY_FIELD));
    out.add(col(EPROV).as(SystemColumns.PROVENANCE));
    if (!givenDataVersions.isEmpty()) {
      List<Column> d = new ArrayList<>();
      for (String sk : givenDataVersions) {
        d.add(col(DVBF_PREFIX + sk).as(sk));
      }
      out.add(functions.struct(d.toArray(Column[]::new)).as(SystemColumns.DATA_VERSION_BY_FIELD));
    }
    return out.toArray(Column[]::new);
  }

  /**
   * Keeps the expected rows (joined and hashed) and the target's current rows in executor memory
   * (spilling to disk) from the first stream computed on, so the three streams of one increment
   * scan, join and hash once. Nothing runs here: the relations fill when the first stream runs.
   * Only when both exist (otherwise at most one stream is not empty). Returns what releases them,
   * for the increment's close.
   */
  public Runnable persist() {
    if (expected == null || current == null) {
      return () -> {}; // one non-empty stream at most: nothing to share
    }
    expected.persist(StorageLevel.MEMORY_AND_DISK());
    current.persist(StorageLevel.MEMORY_AND_DISK());
    return () -> {
      expected.unpersist(false);
      current.unpersist(false);
    };
  }

  /** New samples, or {@code null} when there are none. */
  public Dataset<Row> newRows() {
    if (expected == null) {
      return null;
    }
    if (current == null) {
      return expected.select(computedOutput());
    }
    return expected.join(current, keysMatch("c"), "left_anti").select(computedOutput());
  }

  /** Stale samples, or {@code null} when there are none. */
  public Dataset<Row> staleRows() {
    if (expected == null || current == null) {
      return null;
    }
    if (!expansion) {
      return expected
          .join(current, keysMatch("c"), "inner")
          .where(col(EPROV).notEqual(col("c", SystemColumns.PROVENANCE)).or(stalePredicate))
          .select(computedOutput());
    }
    List<Column> g = new ArrayList<>();
    for (String kc : key) {
      g.add(col("c", kc).as(kc));
    }
    Column cp = col("c", SystemColumns.PROVENANCE);
    Dataset<Row> cg =
        current
            .groupBy(g.toArray(Column[]::new))
            .agg(
                functions.min(cp).as("__mx_p1"),
                functions.max(cp).as("__mx_p2"),
                functions.max(functions.when(stalePredicate, 1).otherwise(0)).as("__mx_m"))
            .as("cg");
    return expected
        .join(cg, keysMatch("cg"), "inner")
        .where(
            col("__mx_p1")
                .notEqual(col("__mx_p2"))
                .or(col(EPROV).notEqual(col("__mx_p1")))
                .or(col("__mx_m").equalTo(1)))
        .select(computedOutput());
  }

  /** Orphaned samples, or {@code null} when there are none. */
  public Dataset<Row> orphanedRows() {
    if (current == null) {
      return null;
    }
    StructType cs = current.schema();
    Column pbfCol =
        Relations.has(cs, SystemColumns.PROVENANCE_BY_FIELD)
            ? col("c", SystemColumns.PROVENANCE_BY_FIELD)
            : functions.lit(null).cast("string");
    Dataset<Row> rest =
        expected == null ? current : current.join(expected, keysMatch("c"), "left_anti").as("c");
    List<Column> out = new ArrayList<>();
    for (String kc : key) {
      out.add(col("c", kc).as(kc));
    }
    if (!expansion) {
      out.add(pbfCol.as(SystemColumns.PROVENANCE_BY_FIELD));
      out.add(col("c", SystemColumns.PROVENANCE).as(SystemColumns.PROVENANCE));
      return rest.select(out.toArray(Column[]::new));
    }
    return rest.groupBy(out.toArray(Column[]::new))
        .agg(
            functions.min(pbfCol).as(SystemColumns.PROVENANCE_BY_FIELD),
            functions.min(col("c", SystemColumns.PROVENANCE)).as(SystemColumns.PROVENANCE));
  }
}
