package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

import io.metaxy.adapter.jooq.bulk.JooqSinks;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.domain.write.WriteContract;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import io.metaxy.sql.FeatureTable;
import io.metaxy.sql.FeatureTableLayout;
import io.metaxy.sql.Layout;
import io.metaxy.sql.bulk.BulkColumn;
import io.metaxy.sql.bulk.RowSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    // the shared write contract (ADR-0004) validates the whole batch before anything is written;
    // the system values are derived row by row while the rows stream into the database
    WriteContract contract =
        WriteContract.forFeature(
            spec, versions.featureVersion(feature), versions.projectVersion(), cx::combine);
    contract.validate(rows);
    WriteBatch batch = WriteBatch.scan(rows, spec.idColumns(), sql);
    Map<String, DataType<?>> wanted = new LinkedHashMap<>(tables.declaredColumns(feature));
    for (Map.Entry<String, DataType<?>> e : batch.userTypes().entrySet()) {
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
    for (String k : systemColumns(contract)) {
      wanted.putIfAbsent(k, sql.shortStringType()); // per-field columns of extra struct keys
    }
    return writeStreaming(
        feature,
        spec,
        rows,
        contract,
        batch,
        wanted,
        tables.structMembers(spec, contract.fields()),
        keepUpdatedAt,
        opts.materializationId());
  }

  /** The system columns a written row has in this store's layout. */
  private List<String> systemColumns(WriteContract contract) {
    List<String> out = new ArrayList<>();
    boolean python = cx.layout().python();
    if (python) {
      out.add(SystemColumns.PROVENANCE_BY_FIELD);
      out.add(SystemColumns.DATA_VERSION_BY_FIELD);
    } else {
      for (String k : new java.util.TreeSet<>(contract.fields())) {
        out.add(Layout.pbf(k));
      }
      for (String k : new java.util.TreeSet<>(contract.fields())) {
        out.add(Layout.dvbf(k));
      }
    }
    for (String col : Layout.SCALAR_SYSTEM) {
      if (col.equals(Layout.WRITE_SEQ)) {
        continue;
      }
      out.add(
          !python && col.equals(SystemColumns.PROJECT_VERSION)
              ? FeatureTableLayout.SEED_PROJECT_VERSION
              : col);
    }
    return out;
  }

  private long writeStreaming(
      FeatureKey feature,
      FeatureSpec spec,
      List<Row> rows,
      WriteContract contract,
      WriteBatch batch,
      Map<String, DataType<?>> wanted,
      Map<String, List<String>> members,
      boolean keepUpdatedAt,
      String materializationId) {
    try (Connection c = cx.connections().acquire()) {
      DSLContext ctx = cx.ctx(c);
      FeatureTable ft =
          tables.ensureTable(ctx, c, feature, wanted, members, settings.autoCreateTables());
      WriteEncoder encoder =
          new WriteEncoder(ft, cx.layout().python(), contract, materializationId);
      List<BulkColumn> columns = BulkColumn.of(ft.physicalColumns(), ft.structMembers());
      // under the table's write lock: order values and created_at from the committed rows, then
      // the rows; the lock is held until commit, so order values follow commit order
      return WriteLock.inTransaction(
          cx,
          c,
          ft.name().last(),
          () -> {
            boolean seqColumn = ft.hasPhysical(Layout.WRITE_SEQ);
            long seq = seqColumn ? maxSeq(ctx, ft) : 0;
            // stamped under the lock: updated_at (and created_at of new samples) follow commit
            // order on one clock, so the latest row by updated_at is the last committed write
            // (ADR-0005); microseconds, as the databases keep them
            LocalDateTime lockedNow = stampUnderLock(ctx, ft);
            // created_at (CreatedAtRule): looked up under the lock for the written samples
            boolean stored = seqColumn ? seq > 0 : cx.hasRows(ctx, ft);
            Map<Object, LocalDateTime> earliest =
                stored ? createdAt.earliest(ctx, ft, spec, batch, rows, c) : Map.of();
            Map<Object, Object> firstInBatch = new java.util.HashMap<>();
            LocalDateTime[] stamps = new LocalDateTime[Math.max(1, batch.maxOccurrences())];
            for (int k = 0; k < stamps.length; k++) {
              // a sample written twice in one call: its later row one microsecond later
              stamps[k] = lockedNow.plusNanos(1000L * k);
            }
            try (RowSink sink =
                JooqSinks.open(config.dialect(), ctx, c, config.schema(), ft.name(), columns)) {
              DeriveAhead ahead =
                  DeriveAhead.worthIt(config.dialect(), rows.size())
                      ? new DeriveAhead(encoder, rows)
                      : null;
              for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                WriteContract.Derived d = ahead != null ? ahead.get(i) : encoder.derive(r);
                Object updated = null;
                if (keepUpdatedAt) {
                  updated =
                      WriteEncoder.time(WriteContract.toInstant(r.get(SystemColumns.UPDATED_AT)));
                }
                if (updated == null) {
                  updated = stamps[batch.occurrence(i)];
                }
                Object created = WriteEncoder.time(d.createdAt());
                boolean dup = batch.duplicated(i);
                if (created == null && !earliest.isEmpty()) {
                  created = earliest.get(batch.key(i));
                }
                if (created == null) {
                  created = dup ? firstInBatch.getOrDefault(batch.key(i), lockedNow) : lockedNow;
                }
                if (dup) {
                  firstInBatch.putIfAbsent(batch.key(i), created);
                }
                sink.add(encoder.encode(r, d, created, updated, ++seq));
              }
              sink.finish();
            } catch (RuntimeException e) {
              throw new SQLException(
                  "writing the rows failed: " + StoreContext.databaseMessage(e), e);
            }
            return (long) rows.size();
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
}
