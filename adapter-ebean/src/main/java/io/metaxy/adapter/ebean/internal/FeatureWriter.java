package io.metaxy.adapter.ebean.internal;

import io.ebean.Transaction;
import io.metaxy.adapter.ebean.EbeanFeature;
import io.metaxy.adapter.ebean.EntityFeature;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.domain.write.CreatedAtRule;
import io.metaxy.domain.write.WriteContract;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.sql.bulk.BulkColumn;
import io.metaxy.sql.bulk.RowSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends rows to feature tables. Rows are validated and completed by the shared {@link
 * WriteContract} first (entity beans are read into rows through their mapping). Each call is then
 * one Ebean transaction: it takes the table's write lock ({@link TableLocks#writeLock}), stamps
 * {@code metaxy_updated_at} (microseconds) only then ({@link #stampUnderLock}: in the python layout
 * strictly after every stored row of the table), numbers the new rows after the table's largest
 * {@code metaxy_write_seq} when the table has that column (seed layout), looks up {@code
 * metaxy_created_at} of the written samples, then inserts them on the transaction's connection
 * (per-field maps as compact sorted JSON, {@code jsonb} on PostgreSQL) through the shared row sinks
 * ({@link BulkRows}: PostgreSQL {@code COPY}, MariaDB {@code LOAD DATA}, multi-row inserts on H2)
 * and commits. Under the lock stamps and numbering follow commit order; a failed or killed write
 * leaves nothing behind.
 */
public final class FeatureWriter {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureWriter.class);
  private static final int BATCH = 500;

  private final StoreContext ctx;
  private final FeatureTables tables;

  public FeatureWriter(StoreContext ctx, FeatureTables tables) {
    this.ctx = ctx;
    this.tables = tables;
  }

  /**
   * Validates and completes {@code rows} with the shared {@link WriteContract} and appends them;
   * {@code metaxy_created_at} is filled under the write lock ({@link CreatedAtRule}).
   */
  public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    FeatureSpec spec = ctx.spec(feature);
    if (rows.isEmpty()) {
      return 0;
    }
    WriteOptions o = options == null ? WriteOptions.defaults() : options;
    Instant now = ctx.settings().clock().instant();
    List<Row> completed =
        WriteContract.forFeature(
                spec,
                ctx.versions().featureVersion(feature),
                ctx.versions().projectVersion(),
                ctx.engine()::combine)
            .complete(rows, now, o.materializationId());
    insert(spec, completed, Stamp.UPDATED_AT);
    LOG.debug("Wrote {} rows of {}", completed.size(), feature);
    return completed.size();
  }

  /**
   * Appends rows whose system columns are all filled (rebased rows): their {@code
   * metaxy_updated_at} is stamped again under the write lock, so they supersede every stored row of
   * their samples; their {@code metaxy_created_at} is kept.
   */
  public void append(FeatureKey feature, List<Row> filled) {
    insert(ctx.spec(feature), filled, Stamp.UPDATED_AT);
  }

  /**
   * Appends tombstones: their {@code metaxy_deleted_at} is stamped under the write lock like the
   * update time of a write; their {@code metaxy_updated_at} is kept.
   */
  public void appendTombstones(FeatureKey feature, List<Row> tombstones) {
    insert(ctx.spec(feature), tombstones, Stamp.DELETED_AT);
  }

  /** Which time column a call stamps under the write lock. */
  private enum Stamp {
    /** {@code metaxy_updated_at} (and missing {@code metaxy_created_at}): a write. */
    UPDATED_AT,
    /** {@code metaxy_deleted_at}: tombstones. */
    DELETED_AT
  }

  /**
   * Appends rows; stamps the column {@code stamp} names under the write lock, so stamps follow
   * commit order.
   */
  private void insert(FeatureSpec spec, List<Row> rows, Stamp stamp) {
    EntityFeature e = ctx.entity(spec.key());
    Map<String, Integer> cols;
    List<Row> given = rows;
    if (e != null) {
      tables.ensureEntityTable(e);
      given = entityValues(e, rows);
      cols = ctx.columns(ctx.tableOf(spec.key()));
    } else {
      cols = tables.ensureTable(spec.key(), ctx.tableOf(spec.key()), rows);
    }
    insertRows(spec, ctx.tableOf(spec.key()), cols, given, stamp);
  }

  /**
   * The rows' values converted to the entity's property types (a column the entity does not map, or
   * a value that does not fit its property, is an error naming both).
   */
  private List<Row> entityValues(EntityFeature e, List<Row> rows) {
    EntityMapping m = ctx.mapping(e);
    List<Row> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (Map.Entry<String, Object> c : r.asMap().entrySet()) {
        EntityMapping.Column p = m.column(c.getKey());
        if (p == null) {
          throw new MetaxyException(
              ErrorCode.INVALID_ROW,
              "A row written to feature "
                  + e.spec().key()
                  + " has column \""
                  + c.getKey()
                  + "\", which entity "
                  + e.entityClass().getName()
                  + " does not map: add the property or drop the column.");
        }
        values.put(p.column(), Values.convert(c.getValue(), p.type(), e.spec().key(), c.getKey()));
      }
      out.add(Row.of(values));
    }
    return out;
  }

  /** Writes feature entity beans (see {@code EbeanMetadataStore.writeEntities}). */
  public <T extends EbeanFeature> long writeEntities(List<T> beans, WriteOptions options) {
    if (beans.isEmpty()) {
      return 0;
    }
    Class<?> cls = beans.get(0).getClass();
    EntityFeature e =
        ctx.entities().values().stream()
            .filter(x -> x.entityClass().isAssignableFrom(cls))
            .findFirst()
            .orElseThrow(
                () ->
                    new MetaxyException(
                        ErrorCode.FEATURE_NOT_FOUND,
                        "Class "
                            + cls.getName()
                            + " is not a feature entity of this store: add it to"
                            + " EbeanStoreConfig.entityClasses(...)."));
    EntityMapping m = ctx.mapping(e);
    List<Row> rows = new ArrayList<>();
    for (T bean : beans) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (EntityMapping.Column c : m.columns()) {
        Object v = m.get(bean, c);
        if (SystemColumns.isReserved(c.column()) && v == null) {
          continue;
        }
        values.put(c.column(), v);
      }
      rows.add(Row.of(values));
    }
    return write(e.spec().key(), rows, options);
  }

  /**
   * {@code rows} with {@code metaxy_created_at} filled by {@link CreatedAtRule}: the first value
   * stored for the sample (looked up on the locked transaction's connection), else the batch's
   * first, else {@code now}.
   */
  private List<Row> withCreatedAt(
      Connection c, FeatureSpec spec, String table, List<Row> rows, Instant now)
      throws SQLException {
    List<IdKey> wanted = CreatedAtRule.missing(rows, spec.idColumns());
    Map<IdKey, Instant> created = new HashMap<>();
    Map<String, Integer> cols = ctx.columns(table);
    if (!wanted.isEmpty() && cols != null) {
      Dialect d = ctx.dialect();
      List<String> idCols = spec.idColumns();
      String ids = String.join(", ", idCols.stream().map(d::id).toList());
      String tuple =
          idCols.size() == 1
              ? "?"
              : "(" + String.join(", ", idCols.stream().map(x -> "?").toList()) + ")";
      List<IdKey> distinct = new ArrayList<>(new LinkedHashSet<>(wanted));
      if (distinct.size() > BATCH && d != Dialect.H2) {
        if (hasRows(c, table)) {
          joinStagedKeys(c, table, idCols, cols, distinct, created);
        }
      } else {
        for (int from = 0; from < distinct.size(); from += BATCH) {
          List<IdKey> chunk = distinct.subList(from, Math.min(distinct.size(), from + BATCH));
          String sql =
              "select "
                  + ids
                  + ", min("
                  + d.id(SystemColumns.CREATED_AT)
                  + ") from "
                  + table
                  + " where "
                  + (idCols.size() == 1 ? ids : "(" + ids + ")")
                  + " in ("
                  + String.join(", ", Collections.nCopies(chunk.size(), tuple))
                  + ") group by "
                  + ids;
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (IdKey k : chunk) {
              for (int x = 0; x < idCols.size(); x++) {
                JdbcValues.bind(
                    ps, i++, k.values().get(x), cols.getOrDefault(idCols.get(x), Types.VARCHAR));
              }
            }
            try (ResultSet rs = ps.executeQuery()) {
              collect(rs, idCols, cols, created);
            }
          }
        }
      }
    }
    return CreatedAtRule.fill(rows, spec.idColumns(), created::get, now);
  }

  /** Whether {@code table} holds any row (read on the locked transaction's connection). */
  private static boolean hasRows(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from " + table + " limit 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  /**
   * PostgreSQL and MariaDB, more than {@value #BATCH} samples: their keys go through the row sink
   * into a temporary table shaped like the feature table's ID columns, joined with the feature
   * table in one query (dropped at commit on PostgreSQL, right after the query on MariaDB).
   */
  private void joinStagedKeys(
      Connection c,
      String table,
      List<String> idCols,
      Map<String, Integer> cols,
      List<IdKey> keys,
      Map<IdKey, Instant> created)
      throws SQLException {
    Dialect d = ctx.dialect();
    String tmp =
        d.id("metaxy_keys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    String ids = String.join(", ", idCols.stream().map(d::id).toList());
    String shape = " as select " + ids + " from " + table + " where 1 = 0";
    execute(
        c,
        d == Dialect.POSTGRES
            ? "create temporary table " + tmp + " on commit drop" + shape
            : "create temporary table " + tmp + shape);
    try {
      int[] types = new int[idCols.size()];
      List<String> physical = new ArrayList<>(idCols.size());
      for (int x = 0; x < idCols.size(); x++) {
        types[x] = cols.getOrDefault(idCols.get(x), Types.VARCHAR);
        physical.add(idCols.get(x));
      }
      List<BulkColumn> columns = new ArrayList<>(idCols.size());
      for (int x = 0; x < idCols.size(); x++) {
        columns.add(BulkColumn.ofJdbc(physical.get(x), types[x], d == Dialect.POSTGRES));
      }
      try (RowSink sink = BulkRows.open(d, c, tmp, columns)) {
        Object[] values = new Object[idCols.size()];
        for (IdKey k : keys) {
          for (int x = 0; x < values.length; x++) {
            values[x] = BulkRows.value(k.values().get(x), types[x]);
          }
          sink.add(values);
        }
        sink.finish();
      }
      if (d == Dialect.POSTGRES) {
        probeStagedKeys(c, table, tmp, idCols, cols, created);
        return;
      }
      StringBuilder sql = new StringBuilder("select ");
      for (String id : idCols) {
        sql.append("t.").append(d.id(id)).append(", ");
      }
      sql.append("min(t.")
          .append(d.id(SystemColumns.CREATED_AT))
          .append(") from ")
          .append(table)
          .append(" t join ")
          .append(tmp)
          .append(" k on ")
          .append(idsMatch(d, idCols))
          .append(" group by ");
      for (int x = 0; x < idCols.size(); x++) {
        sql.append(x == 0 ? "" : ", ").append("t.").append(d.id(idCols.get(x)));
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString());
          ResultSet rs = ps.executeQuery()) {
        collect(rs, idCols, cols, created);
      }
    } finally {
      if (d == Dialect.MARIADB) {
        execute(c, "drop temporary table if exists " + tmp);
      }
    }
  }

  /**
   * PostgreSQL: one index probe per staged key, whatever the statistics say (a join planned on the
   * feature table's stale statistics sorted and scanned the whole table on every write), without
   * JIT compilation, which costs more than the probes.
   */
  private void probeStagedKeys(
      Connection c,
      String table,
      String tmp,
      List<String> idCols,
      Map<String, Integer> cols,
      Map<IdKey, Instant> created)
      throws SQLException {
    Dialect d = ctx.dialect();
    execute(c, "set local jit = off");
    StringBuilder sql = new StringBuilder("select ");
    for (String id : idCols) {
      sql.append("k.").append(d.id(id)).append(", ");
    }
    sql.append("s.first from ")
        .append(tmp)
        .append(" k, lateral (select min(t.")
        .append(d.id(SystemColumns.CREATED_AT))
        .append(") as first from ")
        .append(table)
        .append(" t where ")
        .append(idsMatch(d, idCols))
        .append(") s where s.first is not null");
    try (PreparedStatement ps = c.prepareStatement(sql.toString());
        ResultSet rs = ps.executeQuery()) {
      collect(rs, idCols, cols, created);
    }
  }

  /** {@code t.id1 = k.id1 and …}: the feature table's rows of a staged key. */
  private static String idsMatch(Dialect d, List<String> idCols) {
    StringBuilder out = new StringBuilder();
    for (int x = 0; x < idCols.size(); x++) {
      String id = d.id(idCols.get(x));
      out.append(x == 0 ? "" : " and ").append("t.").append(id).append(" = k.").append(id);
    }
    return out.toString();
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Adds the (ID columns, earliest created_at) rows of {@code rs} to {@code created}. */
  private static void collect(
      ResultSet rs, List<String> idCols, Map<String, Integer> cols, Map<IdKey, Instant> created)
      throws SQLException {
    int n = idCols.size();
    while (rs.next()) {
      Row.Builder key = Row.builder();
      for (int x = 0; x < n; x++) {
        key.set(
            idCols.get(x),
            JdbcValues.read(
                rs, x + 1, idCols.get(x), cols.getOrDefault(idCols.get(x), Types.VARCHAR)));
      }
      Object at = JdbcValues.read(rs, n + 1, SystemColumns.CREATED_AT, Types.TIMESTAMP);
      created.put(IdKey.of(key.build(), idCols), Values.instant(at));
    }
  }

  /**
   * Inserts filled rows through the row sinks in one transaction, under the table's write lock:
   * (seed layout: the write order and new row ids,) and the {@code stamp} time taken after the lock
   * ({@link #stampUnderLock}), so the latest row of a sample is the one committed last.
   */
  private void insertRows(
      FeatureSpec spec, String table, Map<String, Integer> cols, List<Row> given, Stamp stamp) {
    FeatureKey feature = spec.key();
    PhysicalLayout layout = ctx.layout();
    boolean rowIds = cols.containsKey(Jdbc.ROW_ID);
    boolean seqColumn = cols.containsKey(Jdbc.WRITE_SEQ);
    List<String> names = new ArrayList<>();
    if (rowIds) {
      names.add(Jdbc.ROW_ID);
    }
    if (seqColumn) {
      names.add(Jdbc.WRITE_SEQ);
    }
    int fixed = names.size();
    Set<String> seen = new LinkedHashSet<>();
    for (Row r : given) {
      seen.addAll(r.columns());
    }
    seen.add(SystemColumns.CREATED_AT);
    seen.add(SystemColumns.UPDATED_AT);
    seen.remove(Jdbc.ROW_ID);
    seen.remove(Jdbc.WRITE_SEQ);
    names.addAll(seen);
    int[] types = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String physical = layout.physical(names.get(i));
      Integer t = cols.get(physical);
      if (t == null) {
        t = cols.get(physical.toLowerCase(Locale.ROOT));
      }
      types[i] = t == null ? Types.VARCHAR : t;
      if (ctx.dialect() == Dialect.POSTGRES
          && types[i] == Types.OTHER
          && physical.endsWith("_by_field")) {
        types[i] = JdbcValues.JSONB;
      }
    }
    try (TableLocks.WriteLock lock =
            TableLocks.writeLock(ctx.dataSource(), ctx.dialect(), ctx.databaseId(), table);
        Transaction txn = ctx.db().createTransaction()) {
      lock.acquire(txn);
      long seq = seqColumn ? maxSeq(txn, table) : 0;
      Connection c = txn.connection();
      List<Row> rows = new ArrayList<>(given.size());
      Instant now = stampUnderLock(c, table, seqColumn);
      String column =
          stamp == Stamp.UPDATED_AT ? SystemColumns.UPDATED_AT : SystemColumns.DELETED_AT;
      // a sample written twice in one call: its later row one microsecond later
      Map<List<String>, Integer> occurrences = new HashMap<>();
      for (Row r : given) {
        List<String> key = new ArrayList<>(spec.idColumns().size());
        for (String id : spec.idColumns()) {
          key.add(String.valueOf(r.get(id)));
        }
        int k = occurrences.merge(key, 1, Integer::sum) - 1;
        rows.add(r.with(column, now.plus(k, ChronoUnit.MICROS)));
      }
      if (stamp == Stamp.UPDATED_AT) {
        rows = withCreatedAt(c, spec, table, rows, now);
      }
      List<String> physical = new ArrayList<>(names.size());
      for (String n : names) {
        physical.add(layout.physical(n));
      }
      List<BulkColumn> columns = BulkRows.columns(ctx.dialect(), physical, types, names, rows);
      try (RowSink sink = BulkRows.open(ctx.dialect(), c, table, columns)) {
        Object[] values = new Object[names.size()];
        for (Row r : rows) {
          if (rowIds) {
            values[0] = RowIds.next();
          }
          if (seqColumn) {
            values[fixed - 1] = ++seq;
          }
          for (int i = fixed; i < values.length; i++) {
            values[i] = BulkRows.value(r.get(names.get(i)), types[i]);
          }
          sink.add(values);
        }
        sink.finish();
      }
      txn.commit();
    } catch (SQLException ex) {
      throw Jdbc.failure("writing feature " + feature, ex);
    } catch (RuntimeException ex) {
      throw failure(feature, given.size(), ex);
    }
  }

  /**
   * The write time of a call, taken under the table's write lock: the clock (microseconds), but in
   * the python layout, for a table without write order column, strictly after every row already
   * stored ({@link PhysicalLayout#changedAt} plus one microsecond), so the latest row of a sample
   * is the one of the call that committed last even when the clock stands still or another writer's
   * clock is ahead, and Python's merge-on-read agrees without a write order column. The same rule
   * as the jOOQ store's, so both agree on a table they share.
   */
  private Instant stampUnderLock(Connection c, String table, boolean seqColumn)
      throws SQLException {
    Instant now = ctx.settings().clock().instant().truncatedTo(ChronoUnit.MICROS);
    if (!ctx.layout().isPython() || seqColumn) {
      return now; // the write order column orders rows
    }
    try (PreparedStatement ps =
            c.prepareStatement("select max(" + PhysicalLayout.changedAt("") + ") from " + table);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      Object latest =
          JdbcValues.read(rs, 1, SystemColumns.UPDATED_AT, rs.getMetaData().getColumnType(1));
      if (latest == null) {
        return now;
      }
      Instant after =
          Values.instant(latest).truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
      return after.isAfter(now) ? after : now;
    }
  }

  /** The largest write order stored in {@code table} (seed layout), read under the lock. */
  private long maxSeq(Transaction txn, String table) {
    try (PreparedStatement ps =
            txn.connection()
                .prepareStatement(
                    "select max(" + ctx.dialect().id(Jdbc.WRITE_SEQ) + ") from " + table);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long max = rs.getLong(1);
      return rs.wasNull() ? 0 : max;
    } catch (SQLException e) {
      throw Jdbc.failure("reading the write order of " + table, e);
    }
  }

  private static MetaxyException failure(FeatureKey feature, int n, RuntimeException ex) {
    if (ex instanceof MetaxyException m) {
      return m;
    }
    return new MetaxyException(
        ErrorCode.STORE_FAILURE,
        "Writing " + n + " rows of feature " + feature + " failed: " + ex.getMessage(),
        ex);
  }
}
