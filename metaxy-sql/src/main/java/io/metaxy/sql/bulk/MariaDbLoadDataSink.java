package io.metaxy.sql.bulk;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * MariaDB: {@code LOAD DATA LOCAL INFILE} fed from memory (Connector/J's local-infile stream), one
 * statement per {@value #CHUNK} bytes of rows encoded by {@link CopyTextEncoder} (MariaDB's default
 * field format: tabs, newlines, backslash escapes, {@code \N}), inside the caller's transaction.
 * {@code LOCAL} turns data errors (a value too long, a bad number) into warnings, so any warning
 * fails the write and the caller's rollback discards it: bad values never land truncated.
 */
final class MariaDbLoadDataSink implements RowSink {
  static final int CHUNK = 8 << 20;
  private final Statement st;
  private final String sql;
  private final CopyTextEncoder enc = new CopyTextEncoder(CHUNK + (CHUNK >> 3), true);

  MariaDbLoadDataSink(
      Connection c, String table, List<BulkColumn> columns, UnaryOperator<String> quote)
      throws SQLException {
    this.sql =
        "LOAD DATA LOCAL INFILE 'metaxy-rows.tsv' INTO TABLE "
            + table
            + " CHARACTER SET utf8mb4 ("
            + columns.stream().map(b -> quote.apply(b.name())).collect(Collectors.joining(", "))
            + ")";
    this.st = c.createStatement();
  }

  @Override
  public void add(Object[] values) throws SQLException {
    enc.row(values, null);
    if (enc.length() >= CHUNK) {
      send();
    }
  }

  private void send() throws SQLException {
    st.unwrap(org.mariadb.jdbc.Statement.class)
        .setLocalInfileInputStream(new ByteArrayInputStream(enc.buffer(), 0, enc.length()));
    st.clearWarnings();
    st.executeUpdate(sql);
    SQLWarning w = st.getWarnings();
    if (w != null) {
      throw new SQLException(
          "MariaDB refused a value while loading the rows: "
              + w.getMessage()
              + " (nothing was written)",
          w.getSQLState(),
          w);
    }
    enc.clear();
  }

  @Override
  public void finish() throws SQLException {
    if (enc.length() > 0) {
      send();
    }
  }

  @Override
  public void close() throws SQLException {
    st.close();
  }
}
