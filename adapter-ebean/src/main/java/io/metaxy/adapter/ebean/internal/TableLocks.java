package io.metaxy.adapter.ebean.internal;

import io.ebean.Transaction;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database locks that order writers across threads and processes (keys: {@link LockKeys}).
 *
 * <ul>
 *   <li>{@link #writeLock}: the per-table write lock, held until the write transaction ends —
 *       PostgreSQL {@code pg_advisory_xact_lock}; MariaDB {@code GET_LOCK} on a session of its own,
 *       released after commit or rollback (and by the server when the process dies); H2 a JVM-wide
 *       semaphore per database URL and table (H2 runs embedded, in one process).
 *   <li>{@link #withSchemaLock}: a session lock on a connection of its own around DDL and system
 *       migrations, so several processes opening a fresh store never race on "already exists".
 * </ul>
 */
public final class TableLocks {
  private static final Logger LOG = LoggerFactory.getLogger(TableLocks.class);
  private static final int TIMEOUT_SECONDS = 600;
  private static final Map<String, Semaphore> LOCAL = new ConcurrentHashMap<>();

  private TableLocks() {}

  /**
   * The write lock of {@code table}, not yet taken: open it before the write transaction, {@link
   * WriteLock#acquire acquire} it inside, and close it after the transaction has ended (declare it
   * first in a try-with-resources), so it is held until commit or rollback.
   */
  public static WriteLock writeLock(DataSource ds, Dialect dialect, String table) {
    return new WriteLock(ds, dialect, table);
  }

  /** One write lock; see {@link #writeLock}. */
  public static final class WriteLock implements AutoCloseable {
    private final DataSource ds;
    private final Dialect dialect;
    private final String table;
    private final long key;
    private Connection session;
    private Semaphore local;

    private WriteLock(DataSource ds, Dialect dialect, String table) {
      this.ds = ds;
      this.dialect = dialect;
      this.table = table;
      this.key = LockKeys.writeKey(table);
    }

    /** Takes the lock for {@code txn} (blocks while another writer of the table holds it). */
    public void acquire(Transaction txn) {
      Connection c = txn.connection();
      try {
        switch (dialect) {
          case POSTGRES -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
              ps.setLong(1, key);
              ps.execute();
            }
          }
          case MARIADB -> {
            // GET_LOCK belongs to a session, not a transaction: hold it on a session of its own,
            // released after the write transaction ended (or by the server when the process dies)
            session = ds.getConnection();
            session.setAutoCommit(true);
            getLock(session, LockKeys.lockName(key), table);
          }
          case H2 -> {
            Semaphore s =
                LOCAL.computeIfAbsent(
                    c.getMetaData().getURL() + "|" + key, k -> new Semaphore(1, true));
            if (!s.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
              throw timeout(table);
            }
            local = s;
          }
        }
      } catch (SQLException e) {
        close();
        throw Jdbc.failure("taking the write lock of " + table, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MetaxyException(
            ErrorCode.STORE_FAILURE, "Interrupted waiting for the write lock of " + table + ".", e);
      }
    }

    /** Releases the lock (PostgreSQL's ended with the transaction). */
    @Override
    public void close() {
      if (local != null) {
        local.release();
        local = null;
      }
      if (session != null) {
        releaseLock(session, LockKeys.lockName(key));
        try {
          session.close();
        } catch (SQLException e) {
          LOG.debug("Closing the lock session failed", e);
        }
        session = null;
      }
    }
  }

  /** Runs {@code work} holding the schema lock of the database (a session lock). */
  public static <T> T withSchemaLock(DataSource ds, Dialect dialect, Supplier<T> work) {
    if (dialect == Dialect.H2) {
      synchronized (TableLocks.class) {
        return work.get();
      }
    }
    long key = LockKeys.schemaKey();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(true);
      if (dialect == Dialect.POSTGRES) {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_lock(?)")) {
          ps.setLong(1, key);
          ps.execute();
        }
      } else {
        getLock(c, LockKeys.lockName(key), "the schema");
      }
      try {
        return work.get();
      } finally {
        if (dialect == Dialect.POSTGRES) {
          try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
          }
        } else {
          releaseLock(c, LockKeys.lockName(key));
        }
      }
    } catch (SQLException e) {
      throw Jdbc.failure("taking the schema lock", e);
    }
  }

  private static void getLock(Connection c, String name, String what) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select get_lock(?, ?)")) {
      ps.setString(1, name);
      ps.setInt(2, TIMEOUT_SECONDS);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getInt(1) != 1) {
          throw timeout(what);
        }
      }
    }
  }

  private static void releaseLock(Connection c, String name) {
    try (PreparedStatement ps = c.prepareStatement("select release_lock(?)")) {
      ps.setString(1, name);
      ps.execute();
    } catch (SQLException e) {
      LOG.warn("Could not release database lock {} (the server frees it with the session)", name, e);
    }
  }

  private static MetaxyException timeout(String what) {
    return new MetaxyException(
        ErrorCode.STORE_FAILURE,
        "Waited "
            + TIMEOUT_SECONDS
            + " s for the write lock of "
            + what
            + ": another writer holds it; retry when it has finished.");
  }
}
