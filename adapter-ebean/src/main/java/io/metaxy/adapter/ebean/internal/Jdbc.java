package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC plumbing shared by the store's parts: internal column names, transactions on a fresh
 * connection and error translation. Values: {@link JdbcValues}; cursors: {@link RowCursor}; table
 * metadata: {@link TableMetadata}.
 */
public final class Jdbc {
  /** The client-assigned row identity (the entity {@code @Id}); internal, never returned. */
  public static final String ROW_ID = "metaxy_row_id";

  /** The store-assigned write order (grows with commit order per table); internal. */
  public static final String WRITE_SEQ = "metaxy_write_seq";

  /** The alias of the {@code row_number()} column of merged reads. */
  public static final String RN = "mx_rn";

  private Jdbc() {}

  /** Something that prepares a statement on a connection. */
  @FunctionalInterface
  public interface Query {
    PreparedStatement prepare(Connection c) throws SQLException;
  }

  /** Work on a connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  public static MetaxyException failure(String what, SQLException e) {
    return new MetaxyException(
        ErrorCode.STORE_FAILURE, "Database error during " + what + ": " + e.getMessage(), e);
  }

  static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // closing anyway
      }
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing to do
      }
    }
  }

  /** Runs {@code work} in one transaction on a fresh connection; commits or rolls back. */
  public static <T> T inTransaction(DataSource ds, String what, SqlWork<T> work) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        T out = work.run(c);
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }
}
