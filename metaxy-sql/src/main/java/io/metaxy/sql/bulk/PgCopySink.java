package io.metaxy.sql.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL: {@code COPY table (columns) FROM STDIN} in text format, rows encoded by {@link
 * CopyTextEncoder} and sent in chunks of {@value #CHUNK} bytes while the caller keeps adding rows.
 * A failure cancels the copy; the caller's rollback discards what was sent.
 */
final class PgCopySink implements RowSink {
  static final int CHUNK = 1 << 20;
  private final CopyIn in;
  private final CopyTextEncoder enc = new CopyTextEncoder(CHUNK + (CHUNK >> 2), false);
  private final boolean[] offsetUtc;

  PgCopySink(Connection c, String table, List<BulkColumn> columns, UnaryOperator<String> quote)
      throws SQLException {
    String sql =
        "COPY "
            + table
            + " ("
            + columns.stream().map(b -> quote.apply(b.name())).collect(Collectors.joining(", "))
            + ") FROM STDIN";
    this.in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    this.offsetUtc = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      offsetUtc[i] = columns.get(i).kind() == BulkColumn.Kind.TIMESTAMP_TZ;
    }
  }

  @Override
  public void add(Object[] values) throws SQLException {
    enc.row(values, offsetUtc);
    if (enc.length() >= CHUNK) {
      send();
    }
  }

  private void send() throws SQLException {
    in.writeToCopy(enc.buffer(), 0, enc.length());
    enc.clear();
  }

  @Override
  public void finish() throws SQLException {
    if (enc.length() > 0) {
      send();
    }
    in.endCopy();
  }

  @Override
  public void close() throws SQLException {
    if (in.isActive()) {
      in.cancelCopy();
    }
  }
}
