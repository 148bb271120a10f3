package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

import io.metaxy.adapter.jooq.internal.BulkWriter;
import io.metaxy.adapter.jooq.internal.Catalog;
import io.metaxy.adapter.jooq.internal.DialectSql;
import io.metaxy.adapter.jooq.internal.FeatureTable;
import io.metaxy.adapter.jooq.internal.Layout;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.JdkRowHashers;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
    this.createdAt = new CreatedAt(cx.dialect());
  }

  long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    cx.requireOpen();
    FeatureSpec spec = settings.graph().get(feature);
    if (rows.isEmpty()) {
      return 0;
    }
    WriteOptions opts = options == null ? WriteOptions.defaults() : options;
    Instant now = settings.clock().instant();
    LocalDateTime nowUtc = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    List<Map<String, Object>> prepared = new ArrayList<>(rows.size());
    Map<String, DataType<?>> wanted = new LinkedHashMap<>(tables.declaredColumns(feature));
    Map<String, DataType<?>> userTypes = new LinkedHashMap<>();
    for (Row r : rows) {
      prepared.add(prepare(spec, r, opts, nowUtc, userTypes));
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
    return writePrepared(feature, spec, prepared, wanted, nowUtc, rows.size());
  }

  private long writePrepared(
      FeatureKey feature,
      FeatureSpec spec,
      List<Map<String, Object>> prepared,
      Map<String, DataType<?>> wanted,
      LocalDateTime nowUtc,
      long count) {
    try (Connection c = cx.connections().acquire()) {
      DSLContext ctx = cx.ctx(c);
      FeatureTable ft = tables.ensureTable(ctx, c, feature, wanted, settings.autoCreateTables());
      // under the table's write lock: order values and created_at from the committed rows, then
      // the rows; the lock is held until commit, so order values follow commit order
      return WriteLock.inTransaction(
          cx,
          c,
          ft.name().last(),
          () -> {
            long base = maxSeq(ctx, ft);
            long seq = base;
            for (Map<String, Object> p : prepared) {
              p.put(Layout.WRITE_SEQ, ++seq);
            }
            boolean duckDb = config.dialect() == JooqDialect.DUCKDB;
            if (!duckDb) {
              createdAt.fill(ctx, ft, spec, prepared, nowUtc, base > 0, c);
            }
            BulkWriter.write(
                config.dialect(), ctx, c, config.schema(), ft.name(), ft.columns(), prepared);
            if (duckDb) {
              createdAt.backFill(ctx, ft, spec, base, nowUtc);
            }
            return count;
          });
    } catch (SQLException | DataAccessException e) {
      throw cx.failure("write", feature, e);
    }
  }

  static long maxSeq(DSLContext ctx, FeatureTable ft) {
    Long v =
        ctx.select(DSL.max(DSL.field(name(Layout.WRITE_SEQ), Long.class)))
            .from(ft.table())
            .fetchOne(0, Long.class);
    return v == null ? 0 : v;
  }

  private Map<String, Object> prepare(
      FeatureSpec spec,
      Row r,
      WriteOptions opts,
      LocalDateTime now,
      Map<String, DataType<?>> userTypes) {
    FeatureKey feature = spec.key();
    for (String id : spec.idColumns()) {
      if (!r.has(id)) {
        throw new MetaxyException(
            ErrorCode.INVALID_ROW,
            "A row written to feature "
                + feature
                + " lacks the ID column \""
                + id
                + "\": every row needs "
                + spec.idColumns()
                + ".");
      }
    }
    checkSystemTypes(feature, r);
    Map<String, String> pbf =
        r.get(SystemColumns.PROVENANCE_BY_FIELD) != null
            ? r.getMap(SystemColumns.PROVENANCE_BY_FIELD)
            : Map.of();
    if (pbf.isEmpty()) {
      throw new MetaxyException(
          ErrorCode.INVALID_ROW,
          "A row written to feature "
              + feature
              + " has no "
              + SystemColumns.PROVENANCE_BY_FIELD
              + ": write the rows of the increment (which carry it), or set it per field.");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String col : r.columns()) {
      if (SystemColumns.isReserved(col)) {
        continue;
      }
      Object v = cx.toJdbc(r.get(col));
      out.put(col, v);
      if (v != null && !userTypes.containsKey(col)) {
        userTypes.put(col, sql.typeOf(r.get(col)));
      } else if (v == null) {
        userTypes.putIfAbsent(col, null);
      }
    }
    userTypes.replaceAll((k, t) -> t == null ? sql.stringType() : t);
    Map<String, String> sortedPbf = new TreeMap<>(pbf);
    Map<String, String> dvbf = new TreeMap<>(sortedPbf);
    if (r.has(SystemColumns.DATA_VERSION_BY_FIELD)) {
      r.getMap(SystemColumns.DATA_VERSION_BY_FIELD)
          .forEach(
              (k, v) -> {
                if (v != null) {
                  dvbf.put(k, v);
                }
              });
    }
    sortedPbf.forEach((k, v) -> out.put(Layout.pbf(k), v));
    dvbf.forEach((k, v) -> out.put(Layout.dvbf(k), v));
    Object prov = r.get(SystemColumns.PROVENANCE);
    out.put(SystemColumns.PROVENANCE, prov != null ? prov.toString() : combine(sortedPbf));
    Object dv = r.get(SystemColumns.DATA_VERSION);
    out.put(
        SystemColumns.DATA_VERSION,
        dv != null && !r.has(SystemColumns.DATA_VERSION_BY_FIELD) ? dv.toString() : combine(dvbf));
    out.put(SystemColumns.FEATURE_VERSION, versions.featureVersion(feature));
    out.put(SystemColumns.SNAPSHOT_VERSION, versions.snapshotVersion());
    out.put(SystemColumns.CREATED_AT, cx.toJdbc(r.get(SystemColumns.CREATED_AT)));
    out.put(SystemColumns.UPDATED_AT, now);
    out.put(SystemColumns.DELETED_AT, cx.toJdbc(r.get(SystemColumns.DELETED_AT)));
    Object mid = r.get(SystemColumns.MATERIALIZATION_ID);
    out.put(
        SystemColumns.MATERIALIZATION_ID,
        opts.materializationId() != null
            ? opts.materializationId()
            : mid == null ? null : mid.toString());
    return out;
  }

  private static void checkSystemTypes(FeatureKey feature, Row r) {
    for (String col : r.columns()) {
      if (!SystemColumns.isReserved(col)) {
        continue;
      }
      Object v = r.get(col);
      if (v == null) {
        continue;
      }
      String expected = null;
      if (col.equals(SystemColumns.PROVENANCE_BY_FIELD)
          || col.equals(SystemColumns.DATA_VERSION_BY_FIELD)) {
        if (!(v instanceof Map<?, ?>)) {
          expected = "a map of field struct key to string";
        }
      } else if (col.equals(SystemColumns.CREATED_AT)
          || col.equals(SystemColumns.UPDATED_AT)
          || col.equals(SystemColumns.DELETED_AT)) {
        if (!(v instanceof Instant
            || v instanceof java.time.OffsetDateTime
            || v instanceof LocalDateTime)) {
          expected = "a java.time.Instant";
        }
      } else if (SystemColumns.ALL.contains(col)) {
        if (!(v instanceof String)) {
          expected = "a string";
        }
      } else {
        throw new MetaxyException(
            ErrorCode.RESERVED_COLUMN,
            "A row written to feature "
                + feature
                + " has column \""
                + col
                + "\": names starting with metaxy_ are reserved for system columns; rename it.");
      }
      if (expected != null) {
        throw new MetaxyException(
            ErrorCode.INVALID_ROW,
            "A row written to feature "
                + feature
                + " has "
                + col
                + " = "
                + v
                + " ("
                + v.getClass().getSimpleName()
                + "), but it must be "
                + expected
                + ".");
      }
    }
  }

  private String combine(Map<String, String> byField) {
    RowHasher h =
        JdkRowHashers.forAlgorithm(settings.hashAlgorithm())
            .orElseThrow(() -> new IllegalStateException(settings.hashAlgorithm().toString()));
    List<String> vals = new ArrayList<>();
    new TreeMap<>(byField).values().forEach(v -> vals.add(v == null ? "" : v));
    return settings.truncation().apply(h.hash(String.join("|", vals)));
  }
}
