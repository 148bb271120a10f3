package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

import io.metaxy.adapter.jooq.internal.SqlTypes;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.domain.write.WriteContract;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.sql.BulkWriter;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import io.metaxy.sql.FeatureTable;
import io.metaxy.sql.FeatureTableLayout;
import io.metaxy.sql.Layout;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The write port of the jOOQ store: validates and prepares rows, takes the feature table's write
 * lock ({@link WriteLock}), assigns write order values and created_at under it, and appends through
 * the database's bulk path in one transaction per call.
 */
final class StoreWriter {
  private final StoreContext cx;
  private final StoreSettings settings;
  private final JooqStoreConfig config;
  private final DialectSql sql;
  private final Catalog catalog;
  private final GraphVersions versions;
  private final FeatureTables tables;
  private final CreatedAt createdAt;

  StoreWriter(StoreContext cx, FeatureTables tables) {
    this.cx = cx;
    this.settings = cx.settings();
    this.config = cx.config();
    this.sql = cx.sql();
    this.catalog = cx.catalog();
    this.versions = cx.versions();
    this.tables = tables;
    this.createdAt = new CreatedAt(cx.dialect(), cx.config().schema());
  }

  long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    return write(feature, rows, options, false);
  }

  /**
   * Writes tombstones made from another store's rows ({@link io.metaxy.domain.write.Tombstones}):
   * the write contract applies, but each row keeps its {@code metaxy_updated_at}.
   */
  long writeTombstones(FeatureKey feature, List<Row> tombstones) {
    return write(feature, tombstones, WriteOptions.defaults(), true);
  }

  private long write(
      FeatureKey feature, List<Row> rows, WriteOptions options, boolean keepUpdatedAt) {
    cx.requireOpen();
    FeatureSpec spec = settings.graph().get(feature);
    if (rows.isEmpty()) {
      return 0;
    }
    WriteOptions opts = options == null ? WriteOptions.defaults() : options;
    Instant now = settings.clock().instant().truncatedTo(ChronoUnit.MICROS);
    // the shared write contract (ADR-0004) validates the whole batch and fills system columns
    WriteContract contract =
        WriteContract.forFeature(
            spec, versions.featureVersion(feature), versions.projectVersion(), cx::combine);
    List<Row> completed = contract.complete(rows, now, opts.materializationId());
    List<Map<String, Object>> prepared = new ArrayList<>(rows.size());
    Map<String, DataType<?>> wanted = new LinkedHashMap<>(tables.declaredColumns(feature));
    Map<String, DataType<?>> userTypes = new LinkedHashMap<>();
    java.util.BitSet kept = new java.util.BitSet();
    java.util.Set<String> mapKeys = new java.util.TreeSet<>();
    for (int i = 0; i < completed.size(); i++) {
      Row r = completed.get(i);
      if (keepUpdatedAt && rows.get(i).get(SystemColumns.UPDATED_AT) != null) {
        r = r.with(SystemColumns.UPDATED_AT, rows.get(i).get(SystemColumns.UPDATED_AT));
        kept.set(i);
      }
      mapKeys.addAll(r.getMap(SystemColumns.PROVENANCE_BY_FIELD).keySet());
      mapKeys.addAll(r.getMap(SystemColumns.DATA_VERSION_BY_FIELD).keySet());
      prepared.add(toColumns(r, userTypes));
    }
    for (Map.Entry<String, DataType<?>> e : userTypes.entrySet()) {
      DataType<?> t = e.getValue();
      if (spec.idColumns().contains(e.getKey()) && t.isString()) {
        t = sql.idStringType();
      }
      if (config.features().containsKey(feature) || !spec.idColumns().contains(e.getKey())) {
        wanted.putIfAbsent(e.getKey(), t);
      } else {
        wanted.put(e.getKey(), t);
      }
    }
    for (Map<String, Object> p : prepared) {
      for (String k : p.keySet()) {
        if (!wanted.containsKey(k)) {
          wanted.put(k, sql.shortStringType()); // per-field columns of extra struct keys
        }
      }
    }
    return writePrepared(
        feature, spec, prepared, wanted, tables.structMembers(spec, mapKeys), kept, rows.size());
  }

  private long writePrepared(
      FeatureKey feature,
      FeatureSpec spec,
      List<Map<String, Object>> prepared,
      Map<String, DataType<?>> wanted,
      Map<String, List<String>> members,
      java.util.BitSet keptUpdatedAt,
      long count) {
    try (Connection c = cx.connections().acquire()) {
      DSLContext ctx = cx.ctx(c);
      FeatureTable ft =
          tables.ensureTable(ctx, c, feature, wanted, members, settings.autoCreateTables());
      // under the table's write lock: order values and created_at from the committed rows, then
      // the rows; the lock is held until commit, so order values follow commit order
      return WriteLock.inTransaction(
          cx,
          c,
          ft.name().last(),
          () -> {
            boolean seqColumn = ft.hasPhysical(Layout.WRITE_SEQ);
            long base = seqColumn ? maxSeq(ctx, ft) : 0;
            // stamped under the lock: updated_at (and created_at of new samples) follow commit
            // order on one clock, so the latest row by updated_at is the last committed write
            // (ADR-0005); microseconds, as the databases keep them
            LocalDateTime lockedNow = stampUnderLock(ctx, ft);
            long seq = base;
            Map<List<Object>, Integer> occurrences = new java.util.HashMap<>();
            for (int i = 0; i < prepared.size(); i++) {
              Map<String, Object> p = prepared.get(i);
              if (seqColumn) {
                p.put(Layout.WRITE_SEQ, ++seq);
              }
              if (!keptUpdatedAt.get(i)) {
                // a sample written twice in one call: its later row one microsecond later
                List<Object> key = new ArrayList<>();
                for (String id : spec.idColumns()) {
                  key.add(String.valueOf(p.get(id)));
                }
                int k = occurrences.merge(key, 1, Integer::sum) - 1;
                p.put(SystemColumns.UPDATED_AT, lockedNow.plusNanos(1000L * k));
              }
            }
            // created_at (CreatedAtRule): looked up under the lock for the written samples
            createdAt.fill(
                ctx, ft, spec, prepared, lockedNow, seqColumn ? base > 0 : cx.hasRows(ctx, ft), c);
            BulkWriter.write(
                SqlTypes.of(config.dialect()),
                ctx,
                c,
                config.schema(),
                ft.name(),
                ft.physicalColumns(),
                ft.structMembers(),
                prepared);
            return count;
          });
    } catch (SQLException | DataAccessException e) {
      throw cx.failure("write", feature, e);
    }
  }

  /**
   * The write time of a call, taken under the table's write lock: the clock (microseconds), but in
   * the python layout strictly after every row already stored ({@code coalesce(deleted_at,
   * updated_at)}, never before {@code updated_at}), so that the latest row of a sample is the one
   * of the call that committed last even when the clock stands still or another writer's clock is
   * ahead; Python's merge-on-read then agrees without a write order column.
   */
  LocalDateTime stampUnderLock(DSLContext ctx, FeatureTable ft) {
    return stampUnderLock(cx, ctx, ft);
  }

  static LocalDateTime stampUnderLock(StoreContext cx, DSLContext ctx, FeatureTable ft) {
    LocalDateTime now =
        LocalDateTime.ofInstant(
            cx.settings().clock().instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    if (!cx.layout().python()
        || !ft.hasPhysical(SystemColumns.UPDATED_AT)
        || ft.hasPhysical(Layout.WRITE_SEQ)) {
      return now; // the write order column orders rows
    }
    Object latest =
        ctx.select(DSL.max(FeatureTableLayout.changedAt(ft::col))).from(ft.table()).fetchOne(0);
    Object v = io.metaxy.sql.RowMapper.normaliseTime(latest);
    if (v instanceof java.time.Instant last) {
      LocalDateTime after = LocalDateTime.ofInstant(last, ZoneOffset.UTC).plusNanos(1000);
      return after.isAfter(now) ? after : now;
    }
    return now;
  }

  static long maxSeq(DSLContext ctx, FeatureTable ft) {
    Long v =
        ctx.select(DSL.max(DSL.field(name(Layout.WRITE_SEQ), Long.class)))
            .from(ft.table())
            .fetchOne(0, Long.class);
    return v == null ? 0 : v;
  }

  /**
   * The table columns of a row the write contract completed: user columns (JDBC values; their types
   * collected into {@code userTypes}), per-field maps as one column per field, the scalar system
   * columns.
   */
  private Map<String, Object> toColumns(Row r, Map<String, DataType<?>> userTypes) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String col : r.columns()) {
      if (SystemColumns.isReserved(col)) {
        continue;
      }
      Object v = StoreContext.toJdbc(r.get(col));
      out.put(col, v);
      if (v != null && !userTypes.containsKey(col)) {
        userTypes.put(col, sql.typeOf(r.get(col)));
      } else if (v == null) {
        userTypes.putIfAbsent(col, null);
      }
    }
    userTypes.replaceAll((k, t) -> t == null ? sql.stringType() : t);
    boolean python = cx.layout().python();
    if (python) {
      out.put(
          SystemColumns.PROVENANCE_BY_FIELD,
          new TreeMap<>(r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
      out.put(
          SystemColumns.DATA_VERSION_BY_FIELD,
          new TreeMap<>(r.getMap(SystemColumns.DATA_VERSION_BY_FIELD)));
    } else {
      new TreeMap<>(r.getMap(SystemColumns.PROVENANCE_BY_FIELD))
          .forEach((k, v) -> out.put(Layout.pbf(k), v));
      new TreeMap<>(r.getMap(SystemColumns.DATA_VERSION_BY_FIELD))
          .forEach((k, v) -> out.put(Layout.dvbf(k), v));
    }
    for (String col :
        List.of(
            SystemColumns.PROVENANCE,
            SystemColumns.DATA_VERSION,
            SystemColumns.FEATURE_VERSION,
            SystemColumns.PROJECT_VERSION,
            SystemColumns.CREATED_AT,
            SystemColumns.UPDATED_AT,
            SystemColumns.DELETED_AT,
            SystemColumns.MATERIALIZATION_ID)) {
      Object v = r.get(col);
      String physical =
          !python && col.equals(SystemColumns.PROJECT_VERSION)
              ? FeatureTableLayout.SEED_PROJECT_VERSION
              : col;
      out.put(physical, v == null ? null : StoreContext.toJdbc(v));
    }
    return out;
  }
}
