package io.metaxy.sql.bulk;

import io.metaxy.sql.MapValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * MariaDB and H2: one prepared {@code INSERT ... VALUES (...), (...), ...} of many rows at a time
 * (at most {@value #MAX_PARAMS} parameters per statement, at most {@value #MAX_ROWS} rows), so a
 * write costs one round trip per chunk rather than per row. Map values are bound as JSON text,
 * {@code LocalDateTime} of time-zone columns at offset UTC.
 */
final class MultiRowInsertSink implements RowSink {
  static final int MAX_PARAMS = 30_000;
  static final int MAX_ROWS = 2_000;
  private final Connection c;
  private final String table;
  private final UnaryOperator<String> quote;
  private final List<BulkColumn> columns;
  private final boolean[] offsetUtc;
  private final int perStatement;
  private final Object[][] pending;
  private int count;
  private PreparedStatement full;

  MultiRowInsertSink(
      Connection c,
      String table,
      List<BulkColumn> columns,
      UnaryOperator<String> quote,
      boolean mariadb) {
    this.c = c;
    this.table = table;
    this.quote = quote;
    this.columns = columns;
    this.offsetUtc = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      offsetUtc[i] = columns.get(i).kind() == BulkColumn.Kind.TIMESTAMP_TZ;
    }
    this.perStatement =
        Math.max(1, Math.min(mariadb ? MAX_ROWS : MAX_ROWS / 4, MAX_PARAMS / columns.size()));
    this.pending = new Object[perStatement][];
  }

  private String sql(int rows) {
    String row = "(" + columns.stream().map(b -> "?").collect(Collectors.joining(", ")) + ")";
    StringBuilder sb =
        new StringBuilder("INSERT INTO ")
            .append(table)
            .append(" (")
            .append(
                columns.stream().map(b -> quote.apply(b.name())).collect(Collectors.joining(", ")))
            .append(") VALUES ");
    for (int r = 0; r < rows; r++) {
      if (r > 0) {
        sb.append(", ");
      }
      sb.append(row);
    }
    return sb.toString();
  }

  @Override
  public void add(Object[] values) throws SQLException {
    pending[count++] = values.clone();
    if (count == perStatement) {
      if (full == null) {
        full = c.prepareStatement(sql(perStatement));
      }
      execute(full);
    }
  }

  private void execute(PreparedStatement ps) throws SQLException {
    int p = 1;
    for (int r = 0; r < count; r++) {
      Object[] row = pending[r];
      for (int i = 0; i < row.length; i++) {
        bind(ps, p++, row[i], offsetUtc[i]);
      }
      pending[r] = null;
    }
    ps.executeUpdate();
    count = 0;
  }

  private static void bind(PreparedStatement ps, int i, Object v, boolean offsetUtc)
      throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.NULL);
    } else if (v instanceof String s) {
      ps.setString(i, s);
    } else if (v instanceof Long l) {
      ps.setLong(i, l);
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(k.toString(), x));
      ps.setString(i, MapValues.toJson(sorted));
    } else if (v instanceof LocalDateTime ldt && offsetUtc) {
      ps.setObject(i, ldt.atOffset(ZoneOffset.UTC));
    } else {
      ps.setObject(i, v);
    }
  }

  @Override
  public void finish() throws SQLException {
    if (count > 0) {
      try (PreparedStatement ps = c.prepareStatement(sql(count))) {
        execute(ps);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    if (full != null) {
      full.close();
    }
  }
}
