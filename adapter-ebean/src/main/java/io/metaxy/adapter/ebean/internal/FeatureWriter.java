package io.metaxy.adapter.ebean.internal;

import io.ebean.Database;
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
import io.metaxy.ports.store.WriteOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends rows to feature tables. Each call is one Ebean transaction: it takes the table's write
 * lock ({@link TableLocks#writeLock}), reads the table's largest {@code metaxy_write_seq} and
 * numbers the new rows after it, then inserts them in batches — entity features as Ebean beans
 * ({@code insertAll}), other features with JDBC batches on the transaction's connection — and
 * commits. Under the lock the numbering follows commit order; a failed or killed write leaves
 * nothing behind.
 */
public final class FeatureWriter {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureWriter.class);
  private static final int BATCH = 500;
  private static final Set<String> SYSTEM = Set.copyOf(SystemColumns.ALL);

  private final StoreContext ctx;
  private final FeatureTables tables;

  public FeatureWriter(StoreContext ctx, FeatureTables tables) {
    this.ctx = ctx;
    this.tables = tables;
  }

  /** Fills the system columns of {@code rows} and appends them (see the class comment). */
  public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    FeatureSpec spec = ctx.spec(feature);
    if (rows.isEmpty()) {
      return 0;
    }
    WriteOptions o = options == null ? WriteOptions.defaults() : options;
    List<Row> filled = new ArrayList<>(rows.size());
    Instant now = ctx.settings().clock().instant();
    for (Row r : rows) {
      filled.add(fill(spec, r, o, now));
    }
    filled = withCreatedAt(spec, filled, now);
    append(feature, filled);
    LOG.debug("Wrote {} rows of {}", filled.size(), feature);
    return filled.size();
  }

  /** Appends rows whose system columns are already filled (tombstones, rebased rows). */
  public void append(FeatureKey feature, List<Row> filled) {
    EntityFeature e = ctx.entity(feature);
    if (e != null) {
      tables.ensureEntityTable(e);
      insertEntities(e, filled);
    } else {
      insertRows(feature, ctx.tableOf(feature), filled);
    }
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
        if (c.column().equals(Jdbc.ROW_ID)
            || c.column().equals(Jdbc.WRITE_SEQ)
            || (SystemColumns.isReserved(c.column()) && v == null)) {
          continue;
        }
        values.put(c.column(), v);
      }
      rows.add(Row.of(values));
    }
    return write(e.spec().key(), rows, options);
  }

  private Row fill(FeatureSpec spec, Row r, WriteOptions o, Instant now) {
    for (String id : spec.idColumns()) {
      if (r.get(id) == null) {
        throw new MetaxyException(
            ErrorCode.INVALID_ROW,
            "A row written to feature "
                + spec.key()
                + " has no value for ID column \""
                + id
                + "\": give every row all ID columns "
                + spec.idColumns()
                + ".");
      }
    }
    if (!(r.get(SystemColumns.PROVENANCE_BY_FIELD) instanceof Map<?, ?>)) {
      throw new MetaxyException(
          ErrorCode.INVALID_ROW,
          "A row written to feature "
              + spec.key()
              + " has no "
              + SystemColumns.PROVENANCE_BY_FIELD
              + " map: compute it with resolveUpdate (or pass the root samples' provenance).");
    }
    Row.Builder b = Row.builder();
    for (Map.Entry<String, Object> e : r.asMap().entrySet()) {
      String k = e.getKey();
      if (!SystemColumns.isReserved(k)) {
        b.set(k, e.getValue());
      } else if (SYSTEM.contains(k)) {
        checkSystemType(spec, k, e.getValue());
      } else {
        throw new MetaxyException(
            ErrorCode.RESERVED_COLUMN,
            "A row written to feature "
                + spec.key()
                + " has column \""
                + k
                + "\", a reserved metaxy_ name that is no system column: rename it.");
      }
    }
    Map<String, String> pbf = new TreeMap<>(r.getMap(SystemColumns.PROVENANCE_BY_FIELD));
    String provenance =
        r.get(SystemColumns.PROVENANCE) != null
            ? r.getString(SystemColumns.PROVENANCE)
            : ctx.engine().combine(pbf);
    Map<String, String> dvbf = new TreeMap<>(pbf);
    r.getMap(SystemColumns.DATA_VERSION_BY_FIELD)
        .forEach(
            (k, v) -> {
              if (v != null) {
                dvbf.put(k, v);
              }
            });
    b.set(SystemColumns.PROVENANCE_BY_FIELD, pbf);
    b.set(SystemColumns.PROVENANCE, provenance);
    b.set(SystemColumns.DATA_VERSION_BY_FIELD, dvbf);
    b.set(SystemColumns.DATA_VERSION, ctx.engine().combine(dvbf));
    b.set(SystemColumns.FEATURE_VERSION, ctx.versions().featureVersion(spec.key()));
    b.set(SystemColumns.SNAPSHOT_VERSION, ctx.versions().snapshotVersion());
    b.set(SystemColumns.CREATED_AT, Values.instant(r.get(SystemColumns.CREATED_AT)));
    b.set(SystemColumns.UPDATED_AT, now);
    b.set(SystemColumns.DELETED_AT, null);
    b.set(
        SystemColumns.MATERIALIZATION_ID,
        o.materializationId() != null
            ? o.materializationId()
            : r.getString(SystemColumns.MATERIALIZATION_ID));
    return b.build();
  }

  /**
   * Fills {@code metaxy_created_at} where the caller gave none: the sample's first stored creation
   * time, else the first one in this batch, else now.
   */
  private List<Row> withCreatedAt(FeatureSpec spec, List<Row> rows, Instant now) {
    if (rows.stream().allMatch(r -> r.get(SystemColumns.CREATED_AT) != null)) {
      return rows;
    }
    Map<IdKey, Instant> created = new HashMap<>();
    String table = ctx.tableOf(spec.key());
    Map<String, Integer> cols = ctx.columns(table);
    if (cols != null) {
      Dialect d = ctx.dialect();
      List<String> idCols = spec.idColumns();
      String ids = String.join(", ", idCols.stream().map(d::id).toList());
      List<Row> wanted =
          rows.stream().filter(r -> r.get(SystemColumns.CREATED_AT) == null).toList();
      String tuple =
          idCols.size() == 1
              ? "?"
              : "(" + String.join(", ", idCols.stream().map(x -> "?").toList()) + ")";
      for (int from = 0; from < wanted.size(); from += BATCH) {
        List<Row> chunk = wanted.subList(from, Math.min(wanted.size(), from + BATCH));
        String sql =
            "select "
                + ids
                + ", min("
                + d.id(SystemColumns.CREATED_AT)
                + ") as "
                + SystemColumns.CREATED_AT
                + " from "
                + table
                + " where "
                + (idCols.size() == 1 ? ids : "(" + ids + ")")
                + " in ("
                + String.join(", ", Collections.nCopies(chunk.size(), tuple))
                + ") group by "
                + ids;
        try (Stream<Row> s =
            RowCursor.stream(
                ctx.dataSource(),
                c -> {
                  PreparedStatement ps = c.prepareStatement(sql);
                  int i = 1;
                  for (Row r : chunk) {
                    for (String id : idCols) {
                      JdbcValues.bind(ps, i++, r.get(id), cols.getOrDefault(id, Types.VARCHAR));
                    }
                  }
                  return ps;
                },
                false)) {
          s.forEach(
              r ->
                  created.put(
                      IdKey.of(r, spec.idColumns()),
                      Values.instant(r.get(SystemColumns.CREATED_AT))));
        }
      }
    }
    List<Row> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      if (r.get(SystemColumns.CREATED_AT) != null) {
        out.add(r);
        continue;
      }
      IdKey id = IdKey.of(r, spec.idColumns());
      Instant c = created.computeIfAbsent(id, k -> now);
      out.add(r.with(SystemColumns.CREATED_AT, c));
    }
    return out;
  }

  private static void checkSystemType(FeatureSpec spec, String column, Object v) {
    if (v == null) {
      return;
    }
    boolean ok;
    String expected;
    if (column.endsWith("_by_field")) {
      ok = v instanceof Map<?, ?>;
      expected = "a map (field struct key → hash)";
    } else if (column.endsWith("_at")) {
      expected = "a timestamp (java.time.Instant)";
      try {
        ok = Values.instant(v) != null;
      } catch (RuntimeException e) {
        ok = false;
      }
    } else {
      ok = v instanceof CharSequence;
      expected = "a string";
    }
    if (!ok) {
      throw new MetaxyException(
          ErrorCode.INVALID_ROW,
          "A row written to feature "
              + spec.key()
              + " has a "
              + v.getClass().getSimpleName()
              + " in system column \""
              + column
              + "\", which holds "
              + expected
              + ". Nothing was written.");
    }
  }

  private void insertEntities(EntityFeature e, List<Row> rows) {
    EntityMapping m = ctx.mapping(e);
    List<EbeanFeature> beans = new ArrayList<>(rows.size());
    for (Row r : rows) {
      EbeanFeature bean = m.newBean();
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
        m.set(bean, p, Values.convert(c.getValue(), p.type(), e.spec().key(), c.getKey()));
      }
      m.set(bean, m.column(Jdbc.ROW_ID), RowIds.next());
      beans.add(bean);
    }
    String table = m.baseTable();
    EntityMapping.Column seqColumn = m.column(Jdbc.WRITE_SEQ);
    Database db = ctx.db();
    try (TableLocks.WriteLock lock = TableLocks.writeLock(ctx.dataSource(), ctx.dialect(), table);
        Transaction txn = db.createTransaction()) {
      long seq = lockAndMaxSeq(lock, txn, table);
      for (EbeanFeature bean : beans) {
        m.set(bean, seqColumn, ++seq);
      }
      txn.setBatchMode(true);
      txn.setBatchSize(BATCH);
      db.insertAll(beans, txn);
      txn.commit();
    } catch (RuntimeException ex) {
      throw failure(e.spec().key(), rows.size(), ex);
    }
  }

  /** Inserts filled rows with JDBC batches in one transaction (new row ids, write order). */
  private void insertRows(FeatureKey feature, String table, List<Row> rows) {
    Map<String, Integer> cols = tables.ensureTable(feature, table, rows);
    List<String> names = new ArrayList<>();
    names.add(Jdbc.ROW_ID);
    names.add(Jdbc.WRITE_SEQ);
    Set<String> seen = new LinkedHashSet<>();
    for (Row r : rows) {
      seen.addAll(r.columns());
    }
    seen.remove(Jdbc.ROW_ID);
    seen.remove(Jdbc.WRITE_SEQ);
    names.addAll(seen);
    StringBuilder sql = new StringBuilder("insert into ").append(table).append(" (");
    for (int i = 0; i < names.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(ctx.dialect().id(names.get(i)));
    }
    sql.append(") values (").append("?, ".repeat(names.size() - 1)).append("?)");
    int[] types = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      Integer t = cols.get(names.get(i));
      if (t == null) {
        t = cols.get(names.get(i).toLowerCase(Locale.ROOT));
      }
      types[i] = t == null ? Types.VARCHAR : t;
    }
    try (TableLocks.WriteLock lock = TableLocks.writeLock(ctx.dataSource(), ctx.dialect(), table);
        Transaction txn = ctx.db().createTransaction()) {
      long seq = lockAndMaxSeq(lock, txn, table);
      Connection c = txn.connection();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int n = 0;
        for (Row r : rows) {
          ps.setString(1, RowIds.next());
          ps.setLong(2, ++seq);
          for (int i = 2; i < names.size(); i++) {
            JdbcValues.bind(ps, i + 1, r.get(names.get(i)), types[i]);
          }
          ps.addBatch();
          if (++n % BATCH == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      txn.commit();
    } catch (SQLException ex) {
      throw Jdbc.failure("writing feature " + feature, ex);
    } catch (RuntimeException ex) {
      throw failure(feature, rows.size(), ex);
    }
  }

  /** Takes the table's write lock in {@code txn}; returns the largest write order stored. */
  private long lockAndMaxSeq(TableLocks.WriteLock lock, Transaction txn, String table) {
    lock.acquire(txn);
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
