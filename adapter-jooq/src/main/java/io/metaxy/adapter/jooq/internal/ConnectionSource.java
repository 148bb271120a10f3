package io.metaxy.adapter.jooq.internal;

import io.metaxy.adapter.jooq.JooqDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Hands out one JDBC connection per store operation. DuckDB connections are duplicates of one
 * primary connection (so an in-memory database is shared); H2 keeps a primary connection open for
 * the store's lifetime (so a {@code mem:} database survives); PostgreSQL and MariaDB connect per
 * operation, or borrow from a caller's {@link DataSource}.
 */
public final class ConnectionSource implements AutoCloseable {
  private final JooqDialect dialect;
  private final String url;
  private final Properties props;
  private final DataSource dataSource;
  private Connection primary;

  public ConnectionSource(
      JooqDialect dialect, String url, String user, String password, DataSource dataSource) {
    this.dialect = dialect;
    this.url = url == null ? null : adjustUrl(dialect, url);
    this.props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    this.dataSource = dataSource;
  }

  private static String adjustUrl(JooqDialect dialect, String url) {
    if (dialect == JooqDialect.H2 && !url.toUpperCase().contains("LAZY_QUERY_EXECUTION")) {
      return url + ";LAZY_QUERY_EXECUTION=TRUE";
    }
    if (dialect == JooqDialect.MARIADB && !url.contains("rewriteBatchedStatements")) {
      return url + (url.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
    }
    return url;
  }

  public String url() {
    return url;
  }

  public synchronized void open() throws SQLException {
    if (dataSource == null && (dialect == JooqDialect.DUCKDB || dialect == JooqDialect.H2)) {
      if (primary == null || primary.isClosed()) {
        primary = DriverManager.getConnection(url, props);
      }
    }
  }

  /** A new connection in autocommit mode; the caller closes it. */
  public Connection acquire() throws SQLException {
    Connection c;
    if (dataSource != null) {
      c = dataSource.getConnection();
    } else if (dialect == JooqDialect.DUCKDB) {
      synchronized (this) {
        if (primary == null) {
          throw new SQLException("store is closed");
        }
        c = primary.unwrap(org.duckdb.DuckDBConnection.class).duplicate();
      }
    } else {
      c = DriverManager.getConnection(url, props);
    }
    c.setAutoCommit(true);
    if (dialect == JooqDialect.MARIADB) {
      try (Statement s = c.createStatement()) {
        // GROUP_CONCAT silently truncates at 1 MiB by default
        s.execute("SET SESSION group_concat_max_len = 4294967295");
      }
    }
    return c;
  }

  @Override
  public synchronized void close() {
    if (primary != null) {
      try {
        primary.close();
      } catch (SQLException e) {
        // closing: nothing to recover
      }
      primary = null;
    }
  }
}
