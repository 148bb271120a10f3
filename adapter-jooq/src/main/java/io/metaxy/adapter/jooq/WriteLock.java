package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

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
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The write lock of one feature (or system) table, held for a whole write transaction so that
 * writes to the table commit one after another across processes, and the write order values
 * assigned under it ({@code max + 1}) follow commit order. Protocol (names from {@link
 * WriteLockKeys}; the Ebean store takes the same locks):
 *
 * <ul>
 *   <li>PostgreSQL: {@code SELECT pg_advisory_xact_lock(advisoryKey(schema, table))} as the first
 *       statement of the transaction; released by commit or rollback.
 *   <li>MariaDB: {@code SELECT GET_LOCK(lockName(schema, table), 600)} on the connection before the
 *       transaction begins, {@code RELEASE_LOCK} after commit or rollback (a closed connection
 *       releases it too).
 *   <li>H2: {@code SELECT lock_name FROM metaxy_write_locks WHERE lock_name = ? FOR UPDATE} inside
 *       the transaction (the row is merged in first; the table is created on first use).
 *   <li>DuckDB: no database lock — one process per file (DuckDB locks the file), and within the
 *       process the store's per-table monitor.
 * </ul>
 *
 * Every dialect also takes an in-JVM monitor per table first, so writers of one process queue in
 * the JVM rather than in the database. Order, everywhere: monitor, then DDL lock, then table lock
 * (a write takes no DDL lock while it holds its table lock).
 */
final class WriteLock {
  /** Seconds a MariaDB writer waits for the lock (H2: the session lock timeout). */
  static final int WAIT_SECONDS = 600;

  /** Work inside the locked transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  private WriteLock() {}

  /**
   * Runs {@code work} in one transaction on {@code c} holding the write lock of {@code table}
   * (unqualified name in the configured schema); commits, or rolls back and rethrows.
   */
  static <T> T inTransaction(StoreContext cx, Connection c, String table, Work<T> work)
      throws SQLException {
    Object monitor = cx.shared().tableLocks.computeIfAbsent(table, k -> new Object());
    synchronized (monitor) {
      String schema = cx.config().schema();
      JooqDialect d = cx.dialect();
      boolean named = d == JooqDialect.MARIADB;
      if (named) {
        getLock(c, WriteLockKeys.lockName(schema, table), table);
      }
      try {
        c.setAutoCommit(false);
        try {
          if (d == JooqDialect.POSTGRES) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
              ps.setLong(1, WriteLockKeys.advisoryKey(schema, table));
              ps.execute();
            }
          } else if (d == JooqDialect.H2) {
            lockRow(cx, c, WriteLockKeys.lockName(schema, table));
          }
          T out = work.run();
          c.commit();
          return out;
        } catch (SQLException | RuntimeException e) {
          try {
            c.rollback();
          } catch (SQLException r) {
            e.addSuppressed(r);
          }
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      } finally {
        if (named) {
          releaseLock(c, WriteLockKeys.lockName(schema, table));
        }
      }
    }
  }

  /**
   * Runs DDL of the schema (create schema, system tables) holding the schema's DDL lock on
   * PostgreSQL (session advisory lock) and MariaDB (named lock), so that processes opening a fresh
   * store at once do not race; H2 and DuckDB rely on re-checking after a failed CREATE.
   */
  static <T> T ddl(StoreContext cx, Connection c, Work<T> work) throws SQLException {
    return sessionLocked(cx, c, List.of(WriteLockKeys.DDL_TABLE), work);
  }

  /**
   * Runs DDL of one table (CREATE TABLE + its index, ADD COLUMN) holding the schema's DDL lock and
   * then the table's write lock (session-level: PostgreSQL {@code pg_advisory_lock} on the same key
   * as the writers' transaction lock, MariaDB {@code GET_LOCK}) and the in-JVM monitor, so no write
   * runs against a table whose DDL is half done (MariaDB's metadata locks would deadlock them).
   */
  static <T> T tableDdl(StoreContext cx, Connection c, String table, Work<T> work)
      throws SQLException {
    // same order as a write: the in-JVM monitor first, then the database locks
    Object monitor = cx.shared().tableLocks.computeIfAbsent(table, k -> new Object());
    synchronized (monitor) {
      return sessionLocked(cx, c, List.of(WriteLockKeys.DDL_TABLE, table), work);
    }
  }

  /** Takes the session-level locks of {@code tables} in order, runs, releases in reverse. */
  private static <T> T sessionLocked(
      StoreContext cx, Connection c, List<String> tables, Work<T> work) throws SQLException {
    String schema = cx.config().schema();
    JooqDialect d = cx.dialect();
    if (d != JooqDialect.POSTGRES && d != JooqDialect.MARIADB) {
      return work.run();
    }
    List<String> held = new ArrayList<>();
    try {
      for (String t : tables) {
        if (d == JooqDialect.POSTGRES) {
          try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, WriteLockKeys.advisoryKey(schema, t));
            ps.execute();
          }
        } else {
          getLock(c, WriteLockKeys.lockName(schema, t), t);
        }
        held.add(0, t);
      }
      return work.run();
    } finally {
      for (String t : held) {
        if (d == JooqDialect.POSTGRES) {
          try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, WriteLockKeys.advisoryKey(schema, t));
            ps.execute();
          } catch (SQLException e) {
            // the connection is closed next, which releases the lock as well
          }
        } else {
          releaseLock(c, WriteLockKeys.lockName(schema, t));
        }
      }
    }
  }

  private static void getLock(Connection c, String lockName, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
      ps.setString(1, lockName);
      ps.setInt(2, WAIT_SECONDS);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getInt(1) != 1) {
          throw new MetaxyException(
              ErrorCode.STORE_FAILURE,
              "Waited "
                  + WAIT_SECONDS
                  + " s for the write lock "
                  + lockName
                  + " of table "
                  + table
                  + ": another process is writing it; retry when it has finished.");
        }
      }
    }
  }

  private static void releaseLock(Connection c, String lockName) {
    try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
      ps.setString(1, lockName);
      ps.execute();
    } catch (SQLException e) {
      // the connection is closed next, which releases the lock as well
    }
  }

  private static void lockRow(StoreContext cx, Connection c, String lockName) throws SQLException {
    DSLContext ctx = cx.ctx(c);
    var table = DSL.table(cx.catalog().qualify(WriteLockKeys.LOCK_TABLE));
    var col = DSL.field(name(WriteLockKeys.LOCK_COLUMN), String.class);
    if (!cx.shared().lockTableReady) {
      try {
        ctx.createTableIfNotExists(table)
            .column(col, SQLDataType.VARCHAR(64).nullable(false))
            .primaryKey(col)
            .execute();
      } catch (DataAccessException e) {
        // created concurrently
      }
      cx.shared().lockTableReady = true;
    }
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCK_TIMEOUT " + WAIT_SECONDS * 1000);
    }
    ctx.mergeInto(table).columns(col).key(col).values(lockName).execute();
    ctx.select(col).from(table).where(col.eq(lockName)).forUpdate().fetch();
  }
}
