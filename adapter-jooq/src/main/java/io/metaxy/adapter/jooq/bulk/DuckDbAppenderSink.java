package io.metaxy.adapter.jooq.bulk;

import io.metaxy.sql.MapValues;
import io.metaxy.sql.bulk.BulkColumn;
import io.metaxy.sql.bulk.RowSink;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jooq.Name;

/**
 * DuckDB: the connection's appender on the table, inside the caller's transaction (rows appended
 * are part of it and go with its rollback). Map columns are STRUCTs (members in table order) or,
 * without members, JSON text.
 */
final class DuckDbAppenderSink implements RowSink {
  private final DuckDBAppender ap;
  private final BulkColumn[] cols;

  DuckDbAppenderSink(Connection c, String schema, Name table, List<BulkColumn> columns)
      throws SQLException {
    DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
    this.ap = dc.createAppender(schema == null ? "main" : schema, table.last());
    this.cols = columns.toArray(new BulkColumn[0]);
  }

  @Override
  public void add(Object[] row) throws SQLException {
    ap.beginRow();
    for (int i = 0; i < cols.length; i++) {
      append(cols[i], row[i]);
    }
    ap.endRow();
  }

  private void append(BulkColumn col, Object v) throws SQLException {
    if (v == null) {
      ap.appendNull();
      return;
    }
    if (v instanceof String s) {
      ap.append(s);
      return;
    }
    switch (col.kind()) {
      case INTEGER -> ap.append(((Number) v).longValue());
      case FLOAT -> ap.append(((Number) v).doubleValue());
      case DECIMAL -> ap.append(v instanceof BigDecimal b ? b : new BigDecimal(v.toString()));
      case TIMESTAMP_TZ -> {
        if (v instanceof LocalDateTime ldt) {
          ap.append(ldt.atOffset(ZoneOffset.UTC));
        } else {
          other(v);
        }
      }
      default -> {
        if (v instanceof Map<?, ?> m) {
          map(col, m);
        } else {
          other(v);
        }
      }
    }
  }

  private void map(BulkColumn col, Map<?, ?> m) throws SQLException {
    if (col.members().isEmpty()) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(k.toString(), x));
      ap.append(MapValues.toJson(sorted));
      return;
    }
    ap.beginStruct();
    for (String k : col.members()) {
      Object x = m.get(k);
      if (x == null) {
        ap.appendNull();
      } else {
        ap.append(x.toString());
      }
    }
    ap.endStruct();
  }

  private void other(Object v) throws SQLException {
    if (v instanceof Boolean b) {
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

  @Override
  public void finish() throws SQLException {
    ap.flush();
  }

  @Override
  public void close() throws SQLException {
    ap.close();
  }
}
