package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

import io.metaxy.adapter.jooq.bulk.JooqSinks;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.sql.FeatureTable;
import io.metaxy.sql.bulk.BulkColumn;
import io.metaxy.sql.bulk.RowSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.RowN;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * created_at of written rows: a sample keeps the created_at of its first row. On PostgreSQL,
 * MariaDB and H2 it is looked up for the written samples, under the write lock, before the rows are
 * inserted ({@link #earliest}: for a few samples indexed lookups of at most {@value #CHUNK} samples
 * each, no UPDATE of the table — a whole-table UPDATE deadlocked concurrent MariaDB writers). Many
 * samples with one integer or text ID column are one array parameter on PostgreSQL and DuckDB;
 * otherwise they are put in a temporary table (DuckDB: a plain one, dropped before commit) and
 * joined in one query.
 */
final class CreatedAt {
  static final int CHUNK = 500;
  private final JooqDialect dialect;
  private final String schema;

  CreatedAt(JooqDialect dialect, String schema) {
    this.dialect = dialect;
    this.schema = schema;
  }

  /**
   * The earliest stored created_at of each written sample that has one (key: {@link
   * WriteBatch#key}); samples without a stored row are absent. Call under the write lock.
   */
  Map<Object, LocalDateTime> earliest(
      DSLContext ctx,
      FeatureTable ft,
      FeatureSpec spec,
      WriteBatch batch,
      List<Row> rows,
      Connection c) {
    List<String> ids = spec.idColumns();
    Map<Object, LocalDateTime> earliest = new HashMap<>();
    Field<LocalDateTime> created = DSL.field(name(SystemColumns.CREATED_AT), LocalDateTime.class);
    List<Field<?>> idFields = new ArrayList<>();
    for (String id : ids) {
      idFields.add(ft.col(id));
    }
    List<List<Object>> keys = new ArrayList<>(batch.samples().size());
    for (int first : batch.samples().values()) {
      Row r = rows.get(first);
      List<Object> k = new ArrayList<>(ids.size());
      for (String id : ids) {
        k.add(StoreContext.toJdbc(r.get(id)));
      }
      keys.add(k);
    }
    if (keys.isEmpty()) {
      return earliest;
    }
    DataType<?> idType = ids.size() == 1 ? ft.columns().get(ids.get(0)) : null;
    if ((dialect == JooqDialect.POSTGRES || dialect == JooqDialect.DUCKDB)
        && keys.size() > CHUNK
        && idType != null
        && (idType.isInteger() || idType.isString())) {
      // PostgreSQL and DuckDB, one ID column: the keys as one array parameter, joined in one
      // query (no temporary table to create and fill; on DuckDB a table created and dropped in
      // the write's transaction also made its commit several times slower)
      boolean whole = idType.isInteger();
      Object[] arr = whole ? new Long[keys.size()] : new String[keys.size()];
      for (int i = 0; i < arr.length; i++) {
        Object v = keys.get(i).get(0);
        arr[i] = whole ? (Object) ((Number) v).longValue() : String.valueOf(v);
      }
      String id = ctx.render(name("t", ids.get(0)));
      String at = ctx.render(name("t", SystemColumns.CREATED_AT));
      String q =
          dialect == JooqDialect.DUCKDB
              ? "SELECT "
                  + id
                  + ", min("
                  + at
                  + ") FROM "
                  + ctx.render(ft.name())
                  + " t JOIN (SELECT unnest(?) AS id) AS k ON "
                  + id
                  + " = k.id WHERE "
                  + at
                  + " IS NOT NULL GROUP BY "
                  + id
              // PostgreSQL: one index probe per key, whatever the table's statistics say (a
              // join planned on stale statistics sorted and scanned the whole table per write)
              : "SELECT k.id, s.first FROM unnest(?) AS k(id), LATERAL (SELECT min("
                  + at
                  + ") AS first FROM "
                  + ctx.render(ft.name())
                  + " t WHERE "
                  + id
                  + " = k.id) AS s WHERE s.first IS NOT NULL";
      try (java.sql.PreparedStatement ps = c.prepareStatement(q)) {
        if (dialect == JooqDialect.POSTGRES) {
          // many cheap probes look expensive to the planner: compiling them (JIT) costs more than
          // running them; off for the rest of this write's transaction only
          try (java.sql.Statement st = c.createStatement()) {
            st.execute("SET LOCAL jit = off");
          }
        }
        String element = dialect == JooqDialect.DUCKDB ? (whole ? "BIGINT" : "VARCHAR") : null;
        ps.setArray(
            1, c.createArrayOf(element != null ? element : whole ? "int8" : "varchar", arr));
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          String type = rs.getMetaData().getColumnTypeName(2).toLowerCase(java.util.Locale.ROOT);
          boolean zoned = type.contains("tz") || type.contains("time zone");
          while (rs.next()) {
            LocalDateTime first =
                zoned
                    ? LocalDateTime.ofInstant(
                        rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        java.time.ZoneOffset.UTC)
                    : rs.getObject(2, LocalDateTime.class);
            earliest.put(WriteBatch.key(List.of(rs.getObject(1))), first);
          }
        }
      } catch (SQLException e) {
        throw new DataAccessException("looking up created_at failed: " + e.getMessage(), e);
      }
      return earliest;
    }
    if (dialect == JooqDialect.H2 || keys.size() <= CHUNK) {
      // a few samples (H2 always: its temporary tables commit): indexed IN lookups
      for (int from = 0; from < keys.size(); from += CHUNK) {
        List<List<Object>> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
        Condition in;
        if (ids.size() == 1) {
          @SuppressWarnings("unchecked")
          Field<Object> f = (Field<Object>) idFields.get(0);
          in = f.in(chunk.stream().map(k -> k.get(0)).toList());
        } else {
          List<RowN> rowsIn = new ArrayList<>();
          for (List<Object> k : chunk) {
            rowsIn.add(DSL.row(k.toArray()));
          }
          in = DSL.row(idFields).in(rowsIn);
        }
        List<SelectField<?>> sel = new ArrayList<>(idFields);
        sel.add(DSL.min(created));
        collect(
            ctx.select(sel)
                .from(ft.table())
                .where(in)
                .and(created.isNotNull())
                .groupBy(idFields)
                .fetch(),
            ids.size(),
            earliest);
      }
    } else {
      joinStagedKeys(ctx, c, ft, ids, keys, earliest);
    }
    return earliest;
  }

  private static void collect(
      List<? extends Record> found, int idCount, Map<Object, LocalDateTime> earliest) {
    for (Record r : found) {
      List<Object> key = new ArrayList<>(idCount);
      for (int i = 0; i < idCount; i++) {
        key.add(r.get(i));
      }
      earliest.put(WriteBatch.key(key), r.get(idCount, LocalDateTime.class));
    }
  }

  /**
   * PostgreSQL, MariaDB and DuckDB, more than {@value #CHUNK} samples: the written keys go to a
   * temporary table (the bulk path), joined with the feature table in one query.
   */
  private void joinStagedKeys(
      DSLContext ctx,
      Connection c,
      FeatureTable ft,
      List<String> ids,
      List<List<Object>> keys,
      Map<Object, LocalDateTime> earliest) {
    Name tmp =
        name("metaxy_keys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    Map<String, DataType<?>> cols = new LinkedHashMap<>();
    List<Field<?>> fields = new ArrayList<>();
    for (String id : ids) {
      DataType<?> t = ft.columns().get(id);
      cols.put(id, t);
      fields.add(DSL.field(name(id), t));
    }
    if (dialect == JooqDialect.DUCKDB) {
      // DuckDB's appender writes to schema tables: a plain table, dropped before commit
      tmp = ft.name().qualified() ? DSL.name(ft.name().qualifier(), tmp) : tmp;
      ctx.createTable(tmp).columns(fields).execute();
    } else {
      var create = ctx.createTemporaryTable(tmp).columns(fields);
      if (dialect == JooqDialect.MARIADB) {
        create.storage("DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin").execute();
      } else {
        create.onCommitDrop().execute();
      }
    }
    try {
      try (RowSink sink =
          JooqSinks.open(dialect, ctx, c, schema, tmp, BulkColumn.of(cols, Map.of()))) {
        for (List<Object> k : keys) {
          sink.add(k.toArray());
        }
        sink.finish();
      }
      Table<Record> t = ft.table().as("t");
      Table<Record> k = DSL.table(tmp).as("k");
      List<Condition> on = new ArrayList<>();
      List<Field<?>> group = new ArrayList<>();
      for (String id : ids) {
        on.add(DSL.field(name("t", id)).eq(DSL.field(name("k", id))));
        group.add(DSL.field(name("k", id)));
      }
      Field<LocalDateTime> created =
          DSL.field(name("t", SystemColumns.CREATED_AT), LocalDateTime.class);
      List<SelectField<?>> sel = new ArrayList<>(group);
      sel.add(DSL.min(created));
      collect(
          ctx.select(sel)
              .from(t)
              .join(k)
              .on(DSL.and(on))
              .where(created.isNotNull())
              .groupBy(group)
              .fetch(),
          ids.size(),
          earliest);
    } catch (SQLException e) {
      throw new DataAccessException("staging the written keys failed: " + e.getMessage(), e);
    } finally {
      if (dialect == JooqDialect.MARIADB) {
        ctx.execute("DROP TEMPORARY TABLE IF EXISTS " + ctx.render(tmp));
      } else if (dialect == JooqDialect.DUCKDB) {
        ctx.dropTableIfExists(tmp).execute();
      }
    }
  }
}
