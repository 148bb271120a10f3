package io.metaxy.adapter.ebean.internal;

import io.ebean.Transaction;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.ports.store.WriteLockKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database locks that order writers across threads and processes, with the lock names every SQL
 * store derives from {@link WriteLockKeys} (so Ebean and jOOQ stores on one database exclude each
 * other). The scope of a table is its schema (empty unless the table reference is qualified: the
 * Ebean store has no schema setting) and its unquoted name.
 *
 * <ul>
 *   <li>{@link #writeLock}: first a fair in-JVM lock per database and table, so the writers of one
 *       process queue before taking pooled connections; then the per-table write lock, held for the
 *       whole write transaction — PostgreSQL {@code pg_advisory_xact_lock} (released by commit or
 *       rollback); MariaDB {@code GET_LOCK} on a session of its own, released after commit or
 *       rollback (and by the server when the process dies); H2 a {@code FOR UPDATE} lock on the
 *       table's row of {@code metaxy_write_locks}.
 *   <li>{@link #withSchemaLock}: the schema's DDL lock (a session lock on a connection of its own)
 *       around system migrations and feature-table DDL, so processes opening a fresh store at once
 *       never race on "already exists".
 * </ul>
 */
public final class TableLocks {
  private static final Logger LOG = LoggerFactory.getLogger(TableLocks.class);

  /** Seconds a writer waits for a lock. */
  public static final int TIMEOUT_SECONDS = 600;

  private static final Map<String, ReentrantLock> LOCAL = new ConcurrentHashMap<>();
  private static final Set<String> H2_LOCK_TABLES = ConcurrentHashMap.newKeySet();
  private static final Map<String, Object> H2_DDL = new ConcurrentHashMap<>();

  private TableLocks() {}

  /** The schema part of a table reference (empty when unqualified). */
  static String schemaOf(String table) {
    String t = unquoted(table);
    int dot = t.lastIndexOf('.');
    return dot < 0 ? "" : t.substring(0, dot);
  }

  /** The unqualified, unquoted name of a table reference. */
  static String nameOf(String table) {
    String t = unquoted(table);
    int dot = t.lastIndexOf('.');
    return dot < 0 ? t : t.substring(dot + 1);
  }

  private static String unquoted(String table) {
    return table.replace("\"", "").replace("`", "");
  }

  /**
   * The write lock of {@code table}, not yet taken: open it before the write transaction, {@link
   * WriteLock#acquire acquire} it inside, and close it after the transaction has ended (declare it
   * first in a try-with-resources), so it is held until commit or rollback.
   */
  public static WriteLock writeLock(DataSource ds, Dialect dialect, String database, String table) {
    return new WriteLock(ds, dialect, database, table);
  }

  /** One write lock; see {@link #writeLock}. */
  public static final class WriteLock implements AutoCloseable {
    private final DataSource ds;
    private final Dialect dialect;
    private final String table;
    private final String schema;
    private final String name;
    private final ReentrantLock local;
    private Connection session;

    private WriteLock(DataSource ds, Dialect dialect, String database, String table) {
      this.ds = ds;
      this.dialect = dialect;
      this.table = table;
      this.schema = schemaOf(table);
      this.name = nameOf(table);
      // writers of one JVM queue here, before they take connections from the pool
      this.local = LOCAL.computeIfAbsent(database + "|" + table, k -> new ReentrantLock(true));
      local.lock();
    }

    /** Takes the lock for {@code txn} (blocks while another writer of the table holds it). */
    public void acquire(Transaction txn) {
      acquire(txn.connection());
    }

    /** Takes the lock for the transaction of connection {@code c} (auto-commit off). */
    public void acquire(Connection c) {
      try {
        switch (dialect) {
          case POSTGRES -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
              ps.setLong(1, WriteLockKeys.advisoryKey(schema, name));
              ps.execute();
            }
          }
          case MARIADB -> {
            // GET_LOCK belongs to a session, not a transaction: hold it on a session of its own,
            // released after the write transaction ended (or by the server when the process dies)
            session = ds.getConnection();
            session.setAutoCommit(true);
            getLock(session, WriteLockKeys.lockName(schema, name), table);
          }
          case H2 -> lockRow(c, WriteLockKeys.lockName(schema, name));
        }
      } catch (SQLException e) {
        close();
        throw Jdbc.failure("taking the write lock of " + table, e);
      }
    }

    /** Releases the lock (PostgreSQL's and H2's end with the transaction). */
    @Override
    public void close() {
      try {
        if (session != null) {
          releaseLock(session, WriteLockKeys.lockName(schema, name));
          try {
            session.close();
          } catch (SQLException e) {
            LOG.debug("Closing the lock session failed", e);
          }
          session = null;
        }
      } finally {
        if (local.isHeldByCurrentThread()) {
          local.unlock();
        }
      }
    }
  }

  private static void lockRow(Connection c, String lockName) throws SQLException {
    String url = c.getMetaData().getURL();
    String table = WriteLockKeys.LOCK_TABLE;
    String col = WriteLockKeys.LOCK_COLUMN;
    if (!H2_LOCK_TABLES.contains(url)) {
      synchronized (H2_DDL.computeIfAbsent(url, k -> new Object())) {
        // on the transaction's connection: H2 commits DDL, and nothing is written yet
        try (Statement s = c.createStatement()) {
          s.execute(
              "create table if not exists "
                  + table
                  + " ("
                  + col
                  + " varchar(64) not null primary key)");
        } catch (SQLException e) {
          LOG.debug("Creating {} failed (created concurrently?)", table, e);
        }
      }
      H2_LOCK_TABLES.add(url);
    }
    try (Statement s = c.createStatement()) {
      s.execute("set lock_timeout " + TIMEOUT_SECONDS * 1000);
    }
    try (PreparedStatement ps =
        c.prepareStatement("merge into " + table + " (" + col + ") key (" + col + ") values (?)")) {
      ps.setString(1, lockName);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select " + col + " from " + table + " where " + col + " = ? for update")) {
      ps.setString(1, lockName);
      ps.executeQuery().close();
    }
  }

  /** Runs {@code work} holding the schema's DDL lock (a session lock; H2: a JVM monitor). */
  public static <T> T withSchemaLock(DataSource ds, Dialect dialect, Supplier<T> work) {
    return withDdlLock(ds, dialect, null, work);
  }

  /**
   * Runs DDL of {@code table} holding the schema's DDL lock and then the table's write lock (as
   * session locks), so no writer inserts into a table whose indexes are still being built (on
   * MariaDB a writer and a {@code CREATE INDEX} would otherwise deadlock on metadata locks).
   * Writers take only the table lock, so the order schema → table never cycles.
   */
  public static <T> T withDdlLock(DataSource ds, Dialect dialect, String table, Supplier<T> work) {
    if (dialect == Dialect.H2) {
      synchronized (TableLocks.class) {
        return work.get();
      }
    }
    List<String> locks = new ArrayList<>();
    locks.add(WriteLockKeys.lockName("", WriteLockKeys.DDL_TABLE));
    List<Long> keys = new ArrayList<>();
    keys.add(WriteLockKeys.advisoryKey("", WriteLockKeys.DDL_TABLE));
    if (table != null) {
      locks.add(WriteLockKeys.lockName(schemaOf(table), nameOf(table)));
      keys.add(WriteLockKeys.advisoryKey(schemaOf(table), nameOf(table)));
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(true);
      int taken = 0;
      try {
        for (int i = 0; i < keys.size(); i++) {
          if (dialect == Dialect.POSTGRES) {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_lock(?)")) {
              ps.setLong(1, keys.get(i));
              ps.execute();
            }
          } else {
            getLock(c, locks.get(i), i == 0 ? "the schema (DDL)" : table);
          }
          taken++;
        }
        return work.get();
      } finally {
        for (int i = taken - 1; i >= 0; i--) {
          if (dialect == Dialect.POSTGRES) {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
              ps.setLong(1, keys.get(i));
              ps.execute();
            }
          } else {
            releaseLock(c, locks.get(i));
          }
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failure("taking the DDL lock", e);
    }
  }

  private static void getLock(Connection c, String lockName, String what) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select get_lock(?, ?)")) {
      ps.setString(1, lockName);
      ps.setInt(2, TIMEOUT_SECONDS);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getInt(1) != 1) {
          throw new MetaxyException(
              ErrorCode.STORE_FAILURE,
              "Waited "
                  + TIMEOUT_SECONDS
                  + " s for the lock "
                  + lockName
                  + " of "
                  + what
                  + ": another writer holds it; retry when it has finished.");
        }
      }
    }
  }

  private static void releaseLock(Connection c, String lockName) {
    try (PreparedStatement ps = c.prepareStatement("select release_lock(?)")) {
      ps.setString(1, lockName);
      ps.execute();
    } catch (SQLException e) {
      LOG.warn(
          "Could not release database lock {} (the server frees it with the session)", lockName, e);
    }
  }
}
