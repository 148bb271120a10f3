package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

import io.metaxy.adapter.jooq.internal.SqlTypes;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.sql.BulkWriter;
import io.metaxy.sql.FeatureTable;
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
 * inserted ({@link #fill}: for a few samples indexed lookups of at most {@value #CHUNK} samples
 * each, no UPDATE of the table — a whole-table UPDATE deadlocked concurrent MariaDB writers). Many
 * samples are put in a temporary table (DuckDB: a plain one, dropped before commit) and joined in
 * one query.
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
   * Sets created_at of every prepared row that has none: the earliest stored created_at of its
   * sample, else {@code now}; {@code stored}: whether the table has rows at all (none: no lookup).
   */
  void fill(
      DSLContext ctx,
      FeatureTable ft,
      FeatureSpec spec,
      List<Map<String, Object>> prepared,
      LocalDateTime now,
      boolean stored,
      Connection c) {
    List<String> ids = spec.idColumns();
    Map<List<String>, List<Object>> wanted = new LinkedHashMap<>();
    for (Map<String, Object> p : prepared) {
      if (p.get(SystemColumns.CREATED_AT) == null) {
        List<Object> key = key(p, ids);
        wanted.putIfAbsent(text(key), key);
      }
    }
    Map<List<String>, LocalDateTime> earliest = new HashMap<>();
    Field<LocalDateTime> created = DSL.field(name(SystemColumns.CREATED_AT), LocalDateTime.class);
    List<Field<?>> idFields = new ArrayList<>();
    for (String id : ids) {
      idFields.add(ft.col(id));
    }
    List<List<Object>> keys = new ArrayList<>(wanted.values());
    if (stored && !keys.isEmpty()) {
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
            List<RowN> rows = new ArrayList<>();
            for (List<Object> k : chunk) {
              rows.add(DSL.row(k.toArray()));
            }
            in = DSL.row(idFields).in(rows);
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
    }
    // CreatedAtRule: given, else the first stored, else the batch's first for the sample, else now
    Map<List<String>, Object> firstInBatch = new HashMap<>();
    for (Map<String, Object> p : prepared) {
      List<String> k = text(key(p, ids));
      Object at = p.get(SystemColumns.CREATED_AT);
      if (at == null) {
        at = earliest.get(k);
      }
      if (at == null) {
        at = firstInBatch.getOrDefault(k, now);
      }
      p.put(SystemColumns.CREATED_AT, at);
      firstInBatch.putIfAbsent(k, at);
    }
  }

  private static void collect(
      List<? extends Record> found, int idCount, Map<List<String>, LocalDateTime> earliest) {
    for (Record r : found) {
      List<Object> key = new ArrayList<>(idCount);
      for (int i = 0; i < idCount; i++) {
        key.add(r.get(i));
      }
      earliest.put(text(key), r.get(idCount, LocalDateTime.class));
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
      Map<List<String>, LocalDateTime> earliest) {
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
      List<Map<String, Object>> rows = new ArrayList<>(keys.size());
      for (List<Object> k : keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
          m.put(ids.get(i), k.get(i));
        }
        rows.add(m);
      }
      BulkWriter.write(SqlTypes.of(dialect), ctx, c, schema, tmp, cols, rows);
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

  private static List<Object> key(Map<String, Object> p, List<String> ids) {
    List<Object> key = new ArrayList<>(ids.size());
    for (String id : ids) {
      key.add(p.get(id));
    }
    return key;
  }

  /** A sample key compared as text (the database may hand back another numeric type). */
  private static List<String> text(List<Object> key) {
    List<String> out = new ArrayList<>(key.size());
    for (Object v : key) {
      out.add(
          v instanceof Number n && !(v instanceof Double || v instanceof Float)
              ? Long.toString(n.longValue())
              : String.valueOf(v));
    }
    return out;
  }
}
