package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

import io.metaxy.adapter.jooq.bulk.JooqSinks;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.FallbackChain;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import io.metaxy.sql.FeatureTable;
import io.metaxy.sql.Layout;
import io.metaxy.sql.ResolvePlan;
import io.metaxy.sql.bulk.BulkColumn;
import io.metaxy.sql.bulk.RowSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The resolve port of the jOOQ store: stages root samples and fallback rows, builds the {@link
 * ResolvePlan} and hands out a {@link SqlIncrement} holding the connection.
 */
final class StoreResolver {
  private final StoreContext cx;
  private final MetadataStore self;
  private final StoreSettings settings;
  private final JooqStoreConfig config;
  private final DialectSql sql;
  private final Catalog catalog;
  private final GraphVersions versions;

  StoreResolver(StoreContext cx, MetadataStore self) {
    this.self = self;
    this.cx = cx;
    this.settings = cx.settings();
    this.config = cx.config();
    this.sql = cx.sql();
    this.catalog = cx.catalog();
    this.versions = cx.versions();
  }

  Increment resolveUpdate(FeatureKey feature, ResolveOptions options) {
    cx.requireOpen();
    FeatureSpec spec = settings.graph().get(feature);
    ResolveOptions o = options == null ? ResolveOptions.defaults() : options;
    if (spec.isRoot() && o.samples() == null) {
      throw new MetaxyException(
          ErrorCode.MISSING_SAMPLES,
          "Feature "
              + feature
              + " is a root feature (no dependencies): pass its samples (ID columns plus "
              + SystemColumns.PROVENANCE_BY_FIELD
              + ") with ResolveOptions.withSamples(...).");
    }
    Connection c = null;
    try {
      c = cx.connections().acquire();
      c.setAutoCommit(false);
      DSLContext ctx = cx.ctx(c);
      if (config.dialect() == JooqDialect.POSTGRES) {
        // merge-on-read (ROW_NUMBER() = 1) is estimated at a tiny fraction of its real size, and a
        // nested-loop anti-join over it is quadratic: resolve queries are analytical, use hashes
        ctx.execute("SET LOCAL enable_nestloop = off");
      }
      checkFilters(ctx, c, spec, o);
      List<Name> staged = new ArrayList<>();
      FeatureTable staging = spec.isRoot() ? stage(ctx, c, spec, o.samples(), staged) : null;
      Connection conn = c;
      Map<FeatureKey, FeatureTable> described = new HashMap<>();
      ResolvePlan plan =
          ResolvePlan.build(
              new ResolvePlan.Context(
                  settings.graph(),
                  versions,
                  sql,
                  settings.hashAlgorithm(),
                  settings.truncation(),
                  k ->
                      described.computeIfAbsent(
                          k,
                          x ->
                              x.equals(feature)
                                  ? cx.describe(conn, x)
                                  : upstreamTable(ctx, conn, x, staged)),
                  (t, where) -> ctx.fetchExists(DSL.selectOne().from(t.table()).where(where))),
              spec,
              staging,
              o.featureFilters(),
              o.globalFilters(),
              o.targetFilters(),
              o.stalenessPredicates());
      return new SqlIncrement(cx, c, staging, plan, staged);
    } catch (SQLException | RuntimeException e) {
      cx.closeQuietly(c);
      throw cx.failure("resolve", feature, e);
    }
  }

  /**
   * Filters naming columns no table has are errors (ADR-0004): per-feature filters against that
   * feature's table, global filters against every upstream and the target table, target filters
   * against the target. Tables never written are not checked.
   */
  private void checkFilters(DSLContext ctx, Connection c, FeatureSpec spec, ResolveOptions o) {
    boolean none =
        o.globalFilters().isEmpty()
            && o.targetFilters().isEmpty()
            && o.featureFilters().values().stream().allMatch(List::isEmpty)
            && spec.deps().stream().allMatch(d -> d.filters().isEmpty());
    if (none) {
      return; // nothing to check: no extra queries
    }
    java.util.Set<String> global = new java.util.LinkedHashSet<>();
    boolean any = false;
    List<FeatureKey> keys = new ArrayList<>();
    for (var d : spec.deps()) {
      keys.add(d.feature());
    }
    keys.add(spec.key());
    for (FeatureKey k : keys) {
      FeatureTable ft = cx.describe(c, k);
      if (!ft.exists() || !cx.hasRows(ctx, ft)) {
        continue;
      }
      java.util.Set<String> known = cx.filterColumns(ft, settings.graph().get(k));
      cx.checkFilters(k, o.featureFilters().getOrDefault(k, List.of()), known);
      for (var d : spec.deps()) {
        if (d.feature().equals(k)) {
          // the dependency's own filters name columns after its rename
          java.util.Set<String> renamed = new java.util.LinkedHashSet<>(known);
          for (String col : known) {
            renamed.add(d.rename().getOrDefault(col, col));
          }
          cx.checkFilters(k, d.filters(), renamed);
        }
      }
      if (k.equals(spec.key())) {
        cx.checkFilters(k, o.targetFilters(), known);
      }
      global.addAll(known);
      any = true;
    }
    if (any) {
      cx.checkFilters(spec.key(), o.globalFilters(), global);
    }
  }

  /** Loads a root feature's samples into a staging table inside the resolve's transaction. */
  private FeatureTable stage(
      DSLContext ctx, Connection c, FeatureSpec spec, List<Row> samples, List<Name> staged)
      throws SQLException {
    Map<String, DataType<?>> cols = new LinkedHashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>(samples.size());
    for (String id : spec.idColumns()) {
      cols.put(id, null);
    }
    for (Row r : samples) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String id : spec.idColumns()) {
        if (!r.has(id)) {
          throw new MetaxyException(
              ErrorCode.INVALID_ROW,
              "A sample of root feature " + spec.key() + " lacks the ID column \"" + id + "\".");
        }
      }
      for (String col : r.columns()) {
        if (col.equals(SystemColumns.PROVENANCE_BY_FIELD)) {
          r.getMap(col).forEach((k, v) -> m.put(Layout.pbf(k), v));
          continue;
        }
        if (col.equals(SystemColumns.DATA_VERSION_BY_FIELD) && r.get(col) != null) {
          r.getMap(col).forEach((k, v) -> m.put(Layout.dvbf(k), v)); // given data versions
          continue;
        }
        if (SystemColumns.isReserved(col)) {
          continue;
        }
        Object v = cx.toJdbc(r.get(col));
        m.put(col, v);
        if (cols.get(col) == null) {
          cols.put(col, v == null ? null : sql.typeOf(v));
        }
      }
      rows.add(m);
    }
    for (String sk : cx.structKeys(spec)) {
      cols.put(Layout.pbf(sk), sql.shortStringType());
    }
    for (Map<String, Object> m : rows) {
      for (String k : m.keySet()) {
        cols.putIfAbsent(k, sql.shortStringType());
      }
    }
    cols.replaceAll((k, t) -> t == null ? sql.stringType() : t);
    return createStaging(ctx, c, spec.key(), cols, rows, staged);
  }

  /**
   * The local table of an upstream feature, or, when this store has no rows of it and a fallback
   * store has, the fallback's rows staged in a temporary table (they cross the JVM: the fallback is
   * another database).
   */
  private FeatureTable upstreamTable(
      DSLContext ctx, Connection c, FeatureKey feature, List<Name> staged) {
    FeatureTable ft = cx.describe(c, feature);
    if (settings.fallbackStores().isEmpty() || (ft.exists() && cx.hasRows(ctx, ft))) {
      return ft;
    }
    for (MetadataStore fb : FallbackChain.holderOf(self, feature).stream().toList()) {
      Map<String, DataType<?>> cols = new LinkedHashMap<>();
      List<Map<String, Object>> rows = new ArrayList<>();
      long seq = 0;
      try (Stream<Row> s = fb.read(feature)) {
        for (Row r : (Iterable<Row>) s::iterator) {
          Map<String, Object> m = new LinkedHashMap<>();
          for (String col : r.columns()) {
            if (col.equals(SystemColumns.PROVENANCE_BY_FIELD)) {
              r.getMap(col).forEach((k, v) -> m.put(Layout.pbf(k), v));
            } else if (col.equals(SystemColumns.DATA_VERSION_BY_FIELD)) {
              r.getMap(col).forEach((k, v) -> m.put(Layout.dvbf(k), v));
            } else if (!SystemColumns.isReserved(col)) {
              Object v = cx.toJdbc(r.get(col));
              m.put(col, v);
              if (cols.get(col) == null) {
                cols.put(col, v == null ? null : sql.typeOf(v));
              }
            }
          }
          m.put(SystemColumns.FEATURE_VERSION, versions.featureVersion(feature));
          m.put(SystemColumns.UPDATED_AT, cx.toJdbc(r.get(SystemColumns.UPDATED_AT)));
          m.put(Layout.WRITE_SEQ, ++seq);
          rows.add(m);
        }
      }
      for (Map<String, Object> m : rows) {
        for (String k : m.keySet()) {
          cols.putIfAbsent(k, sql.shortStringType());
        }
      }
      cols.put(SystemColumns.UPDATED_AT, sql.timestampType());
      cols.put(SystemColumns.DELETED_AT, sql.timestampType());
      cols.put(Layout.WRITE_SEQ, SQLDataType.BIGINT);
      cols.replaceAll((k, t) -> t == null ? sql.stringType() : t);
      try {
        return createStaging(ctx, c, feature, cols, rows, staged);
      } catch (SQLException e) {
        throw cx.failure("stage fallback rows of", feature, e);
      }
    }
    return ft;
  }

  private FeatureTable createStaging(
      DSLContext ctx,
      Connection c,
      FeatureKey feature,
      Map<String, DataType<?>> cols,
      List<Map<String, Object>> rows,
      List<Name> staged)
      throws SQLException {
    String t = "metaxy_staging_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    Name n;
    if (config.dialect() == JooqDialect.DUCKDB) {
      n = catalog.qualify(t);
      cx.systemTables().createTable(ctx, n, cols);
    } else {
      n = name(t);
      ctx.createTemporaryTable(n).columns(toFields(cols)).execute();
    }
    List<String> names = new ArrayList<>(cols.keySet());
    try (RowSink sink =
        JooqSinks.open(
            config.dialect(), ctx, c, config.schema(), n, BulkColumn.of(cols, Map.of()))) {
      for (Map<String, Object> r : rows) {
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = r.get(names.get(i));
        }
        sink.add(values);
      }
      sink.finish();
    }
    staged.add(n);
    return new FeatureTable(feature, n, cols);
  }

  private static List<Field<?>> toFields(Map<String, DataType<?>> cols) {
    List<Field<?>> out = new ArrayList<>();
    cols.forEach((k, v) -> out.add(DSL.field(name(k), v)));
    return out;
  }
}
