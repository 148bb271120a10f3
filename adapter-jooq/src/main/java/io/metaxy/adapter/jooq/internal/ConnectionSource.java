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
      JooqDialect dialect,
      String url,
      String user,
      String password,
      DataSource dataSource,
      int connectTimeoutSeconds) {
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
    // bound the wait for a server that accepts TCP but never answers (pgjdbc: connectTimeout for
    // the socket, loginTimeout for the whole start-up; MariaDB: connectTimeout covers both)
    if (dialect == JooqDialect.POSTGRES) {
      props.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
      props.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds));
    } else if (dialect == JooqDialect.MARIADB) {
      props.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds * 1000));
    }
    this.connectTimeoutSeconds = connectTimeoutSeconds;
  }

  private final int connectTimeoutSeconds;
  private boolean readOnly;

  /**
   * Connects read-only: DuckDB opens the file with {@code duckdb.read_only} (other read-only
   * processes may open it too; a process writing it still excludes every other process), PostgreSQL
   * enforces it in every statement ({@code readOnlyMode=always}), MariaDB sessions are {@code SET
   * SESSION TRANSACTION READ ONLY}, H2 connections are set read-only (a hint H2 does not enforce).
   * Returns this source.
   */
  public ConnectionSource readOnly(boolean v) {
    this.readOnly = v;
    if (v && dialect == JooqDialect.DUCKDB) {
      if (duckDbFile() != null) {
        props.setProperty("duckdb.read_only", "true");
      }
    } else if (v && dialect == JooqDialect.POSTGRES) {
      props.setProperty("readOnly", "true");
      props.setProperty("readOnlyMode", "always");
    }
    return this;
  }

  /**
   * Connects through the driver; a failure names the server (host and port from the URL), the
   * timeout and the underlying cause, which drivers often hide behind a generic message.
   */
  private Connection connect() throws SQLException {
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      if (dialect != JooqDialect.POSTGRES && dialect != JooqDialect.MARIADB) {
        throw e;
      }
      throw new SQLException(
          "cannot connect to the "
              + dialect.type()
              + " server at "
              + hostAndPort(url)
              + " (connect timeout "
              + connectTimeoutSeconds
              + " s, config key connect_timeout_seconds): "
              + causes(e),
          e.getSQLState(),
          e);
    }
  }

  /** {@code host:port} of a server JDBC URL, the default port when the URL has none. */
  static String hostAndPort(String url) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^jdbc:[a-z]+:(?:[a-z]+:)?//([^/?;]*)").matcher(url);
    String hp = m.find() ? m.group(1) : url;
    int at = hp.lastIndexOf('@');
    if (at >= 0) {
      hp = hp.substring(at + 1);
    }
    if (!hp.contains(":") || hp.endsWith("]")) {
      hp = hp + ":" + (url.startsWith("jdbc:postgresql") ? 5432 : 3306);
    }
    return hp;
  }

  /** The messages of an exception and its causes, deduplicated, joined with ": ". */
  static String causes(Throwable e) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && out.size() < 5; t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().trim();
      int nl = m.indexOf('\n');
      m = nl < 0 ? m : m.substring(0, nl);
      if (t != e && !(t instanceof SQLException)) {
        m = t.getClass().getSimpleName() + " " + m;
      }
      String head = m.length() > 60 ? m.substring(0, 60) : m;
      if (out.stream().noneMatch(x -> x.contains(head))) {
        out.add(m);
      }
    }
    return String.join(": ", out);
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
        java.nio.file.Path file = duckDbFile();
        if (readOnly && file != null && !java.nio.file.Files.exists(file)) {
          // nothing to inspect yet: read an empty in-memory database, create no file
          primary = DriverManager.getConnection("jdbc:duckdb:");
        } else if (readOnly && file != null) {
          primary = connectDuckDbReadOnly();
        } else {
          primary = connect();
          if (dialect == JooqDialect.DUCKDB && file != null) {
            deferCheckpoints(primary);
          }
        }
      }
    }
  }

  /**
   * DuckDB checkpoints after a commit once its write-ahead log exceeds {@code checkpoint_threshold}
   * (16 MB by default), and every checkpoint rewrites the feature table's whole ID index: with the
   * default, a bulk write of 100,000 rows checkpointed after nearly every commit and spent most of
   * its time there. The store raises the threshold to {@value #DUCKDB_CHECKPOINT_THRESHOLD} (the
   * log is still written and synced at every commit, and the database checkpoints when it is
   * closed); a {@code checkpoint_threshold} in the URL is kept.
   */
  private void deferCheckpoints(Connection c) throws SQLException {
    if (url.toLowerCase(java.util.Locale.ROOT).contains("checkpoint_threshold")) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("SET checkpoint_threshold = '" + DUCKDB_CHECKPOINT_THRESHOLD + "'");
    }
  }

  /** The DuckDB write-ahead log size that triggers a checkpoint on commit. */
  static final String DUCKDB_CHECKPOINT_THRESHOLD = "256MB";

  /**
   * Opens the DuckDB file read-only; when this process already has it open for writing (DuckDB
   * allows one configuration per file and process), shares that database instead: the store's
   * writes are refused by the ports ({@code ReadOnlyStore}), not by DuckDB.
   */
  private Connection connectDuckDbReadOnly() throws SQLException {
    try {
      return connect();
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("different configuration")) {
        Properties shared = new Properties();
        shared.putAll(props);
        shared.remove("duckdb.read_only");
        return DriverManager.getConnection(url, shared);
      }
      throw e;
    }
  }

  /** The file of a DuckDB URL, {@code null} for an in-memory database or another dialect. */
  private java.nio.file.Path duckDbFile() {
    if (dialect != JooqDialect.DUCKDB || url == null) {
      return null;
    }
    String p = url.substring("jdbc:duckdb:".length());
    int q = p.indexOf('?');
    p = q < 0 ? p : p.substring(0, q);
    return p.isEmpty() || p.startsWith(":memory:") ? null : java.nio.file.Path.of(p);
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
      c = connect();
    }
    c.setAutoCommit(true);
    if (readOnly && dialect != JooqDialect.DUCKDB) {
      c.setReadOnly(true);
    }
    if (dialect == JooqDialect.MARIADB) {
      try (Statement s = c.createStatement()) {
        // GROUP_CONCAT silently truncates at 1 MiB by default
        s.execute("SET SESSION group_concat_max_len = 4294967295");
        if (readOnly) {
          // setReadOnly alone is not enforced on autocommit statements
          s.execute("SET SESSION TRANSACTION READ ONLY");
        }
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
