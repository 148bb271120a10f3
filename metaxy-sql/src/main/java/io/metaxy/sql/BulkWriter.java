package io.metaxy.sql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Name;
import org.jooq.impl.DSL;

/**
 * Appends rows through each database's bulk path: the DuckDB appender, PostgreSQL {@code COPY ...
 * FROM STDIN (FORMAT csv)}, and JDBC batches on MariaDB ({@code rewriteBatchedStatements}) and H2.
 * Runs on the caller's connection and transaction.
 */
public final class BulkWriter {
  private static final int BATCH = 2000;
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private BulkWriter() {}

  /**
   * Writes {@code rows} (column → value; values already converted to JDBC-friendly types) into the
   * table whose existing columns are {@code tableColumns}.
   */
  public static void write(
      SqlDialect dialect,
      DSLContext ctx,
      Connection c,
      String schema,
      Name table,
      Map<String, DataType<?>> tableColumns,
      List<Map<String, Object>> rows)
      throws SQLException {
    write(dialect, ctx, c, schema, table, tableColumns, Map.of(), rows);
  }

  /**
   * As {@link #write(SqlDialect, DSLContext, Connection, String, Name, Map, List)}; per-field map
   * values ({@link Map}) go to DuckDB struct columns with {@code structMembers} (member order of
   * each struct column) and to the other databases as compact sorted JSON text ({@link
   * MapValues#toJson}); {@code LocalDateTime} values (UTC) of time-zone columns are written at
   * offset UTC.
   */
  public static void write(
      SqlDialect dialect,
      DSLContext ctx,
      Connection c,
      String schema,
      Name table,
      Map<String, DataType<?>> tableColumns,
      Map<String, List<String>> structMembers,
      List<Map<String, Object>> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    switch (dialect) {
      case DUCKDB -> duckdb(c, schema, table, tableColumns, structMembers, rows);
      case POSTGRES -> copy(ctx, c, table, tableColumns, rows);
      default -> batch(ctx, c, table, tableColumns, rows);
    }
  }

  private static boolean withZone(DataType<?> t) {
    return t != null && t.getType() == java.time.OffsetDateTime.class;
  }

  private static void duckdb(
      Connection c,
      String schema,
      Name table,
      Map<String, DataType<?>> cols,
      Map<String, List<String>> structMembers,
      List<Map<String, Object>> rows)
      throws SQLException {
    org.duckdb.DuckDBConnection dc = c.unwrap(org.duckdb.DuckDBConnection.class);
    try (org.duckdb.DuckDBAppender ap =
        dc.createAppender(schema == null ? "main" : schema, table.last())) {
      for (Map<String, Object> r : rows) {
        ap.beginRow();
        for (Map.Entry<String, DataType<?>> col : cols.entrySet()) {
          Object v = r.get(col.getKey());
          DataType<?> t = col.getValue();
          if (v == null) {
            ap.appendNull();
          } else if (v instanceof Map<?, ?> m) {
            List<String> members = structMembers.get(col.getKey());
            if (members == null || members.isEmpty()) {
              ap.append(MapValues.toJson(stringMap(m)));
            } else {
              ap.beginStruct();
              for (String k : members) {
                Object x = m.get(k);
                if (x == null) {
                  ap.appendNull();
                } else {
                  ap.append(x.toString());
                }
              }
              ap.endStruct();
            }
          } else if (v instanceof LocalDateTime ldt && withZone(t)) {
            ap.append(ldt.atOffset(ZoneOffset.UTC));
          } else if (t.isInteger()) {
            ap.append(((Number) v).longValue());
          } else if (t.isNumeric() && !t.isDecimal()) {
            ap.append(((Number) v).doubleValue());
          } else if (t.isDecimal()) {
            ap.append(v instanceof BigDecimal b ? b : new BigDecimal(v.toString()));
          } else if (v instanceof Boolean b) {
            ap.append(b.booleanValue());
          } else if (v instanceof LocalDateTime ldt) {
            ap.append(ldt);
          } else if (v instanceof LocalDate d) {
            ap.append(d);
          } else if (v instanceof byte[] b) {
            ap.append(b);
          } else {
            ap.append(v.toString());
          }
        }
        ap.endRow();
      }
    }
  }

  private static void copy(
      DSLContext ctx,
      Connection c,
      Name table,
      Map<String, DataType<?>> cols,
      List<Map<String, Object>> rows)
      throws SQLException {
    List<String> names = new ArrayList<>(cols.keySet());
    String sql =
        "COPY "
            + ctx.render(table)
            + " ("
            + String.join(", ", names.stream().map(n -> ctx.render(DSL.name(n))).toList())
            + ") FROM STDIN (FORMAT csv)";
    org.postgresql.copy.CopyIn in =
        c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      StringBuilder sb = new StringBuilder(1 << 16);
      for (Map<String, Object> r : rows) {
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          Object v = r.get(names.get(i));
          if (v == null) {
            continue;
          }
          String s =
              v instanceof LocalDateTime ldt
                  ? TS.format(ldt) + (withZone(cols.get(names.get(i))) ? "+00" : "")
                  : v instanceof BigDecimal b
                      ? b.toPlainString()
                      : v instanceof Map<?, ?> m ? MapValues.toJson(stringMap(m)) : v.toString();
          sb.append('"').append(s.replace("\"", "\"\"")).append('"');
        }
        sb.append('\n');
        if (sb.length() > 1 << 20) {
          flush(in, sb);
        }
      }
      flush(in, sb);
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  private static Map<String, Object> stringMap(Map<?, ?> m) {
    Map<String, Object> out = new java.util.TreeMap<>();
    m.forEach((k, v) -> out.put(k.toString(), v));
    return out;
  }

  private static void flush(org.postgresql.copy.CopyIn in, StringBuilder sb) throws SQLException {
    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
    in.writeToCopy(b, 0, b.length);
    sb.setLength(0);
  }

  private static void batch(
      DSLContext ctx,
      Connection c,
      Name table,
      Map<String, DataType<?>> cols,
      List<Map<String, Object>> rows)
      throws SQLException {
    List<String> names = new ArrayList<>(cols.keySet());
    String sql =
        "INSERT INTO "
            + ctx.render(table)
            + " ("
            + String.join(", ", names.stream().map(n -> ctx.render(DSL.name(n))).toList())
            + ") VALUES ("
            + String.join(", ", names.stream().map(n -> "?").toList())
            + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int n = 0;
      for (Map<String, Object> r : rows) {
        for (int i = 0; i < names.size(); i++) {
          Object v = r.get(names.get(i));
          if (v == null) {
            ps.setNull(i + 1, java.sql.Types.NULL);
          } else if (v instanceof Map<?, ?> m) {
            ps.setString(i + 1, MapValues.toJson(stringMap(m)));
          } else if (v instanceof LocalDateTime ldt && withZone(cols.get(names.get(i)))) {
            ps.setObject(i + 1, ldt.atOffset(ZoneOffset.UTC));
          } else {
            ps.setObject(i + 1, v);
          }
        }
        ps.addBatch();
        if (++n % BATCH == 0) {
          ps.executeBatch();
        }
      }
      if (n % BATCH != 0) {
        ps.executeBatch();
      }
    } catch (SQLException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SQLException(e);
    }
  }
}
