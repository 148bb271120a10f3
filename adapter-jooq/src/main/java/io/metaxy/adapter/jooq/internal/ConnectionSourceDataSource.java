package io.metaxy.adapter.jooq.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A {@link DataSource} over the store's connections (so Flyway sees an in-memory DuckDB too). */
public final class ConnectionSourceDataSource implements DataSource {
  private final ConnectionSource source;

  public ConnectionSourceDataSource(ConnectionSource source) {
    this.source = source;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return source.acquire();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return source.acquire();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
