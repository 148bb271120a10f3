package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.tck.process.ChildJvm;
import io.metaxy.tck.process.StoreWriterMain;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer process killed with SIGKILL ({@link Process#destroyForcibly()}) in the middle of one
 * large write leaves all or none of that write visible, and the store then opens, writes and
 * resolves normally. PostgreSQL and MariaDB: killed once the database shows the write's rows
 * streaming (a running COPY) or the write transaction open (MariaDB: the write lock held); DuckDB:
 * killed a moment after the write call started (its appender writes nothing durable before commit).
 */
class KillDuringWriteTest {
  private static final Logger LOG = LoggerFactory.getLogger(KillDuringWriteTest.class);
  static final int ROWS = 500_000;

  @ParameterizedTest
  @EnumSource(
      value = JooqDialect.class,
      names = {"POSTGRES", "MARIADB", "DUCKDB"})
  void aKilledWriteIsAllOrNothingAndTheStoreWorksAfterwards(JooqDialect dialect) throws Exception {
    try (ProcessStores stores = new ProcessStores(dialect)) {
      JooqMetadataStore setup = stores.openInParent();
      setup.write(StoreWriterMain.FEATURE, StoreWriterMain.batch("before", 0, 10, 0));
      setup.close(); // DuckDB: one process per file
      boolean streaming;
      long t0;
      try (ChildJvm child =
          ChildJvm.start(
              StoreWriterMain.class,
              List.of("-Xmx1500m", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true"),
              stores.writerArgs(
                  "killed", "--batches", "1", "--batch-rows", "" + ROWS, "--shared", "0"))) {
        child.awaitLine(l -> l.startsWith("WRITING"), Duration.ofMinutes(3));
        t0 = System.nanoTime();
        streaming = awaitStreaming(dialect, stores, child);
        assertThat(child.isAlive()).as("the write is still running: " + child.output()).isTrue();
        child.kill();
        assertThat(child.linesStartingWith("WROTE"))
            .as("killed before the write returned")
            .isEmpty();
      }
      long killedAfterMs = (System.nanoTime() - t0) / 1_000_000;

      JooqMetadataStore store = stores.openInParent();
      long killedRows;
      try (Stream<Row> s =
          store.read(
              StoreWriterMain.FEATURE,
              ReadOptions.defaults().withSampleHistory().withFilters("writer = 'killed'"))) {
        killedRows = s.count();
      }
      LOG.info(
          "{}: killed {} ms after the {}-row write started (inside the write seen in the database: {});"
              + " {} of its rows"
              + " visible",
          dialect,
          killedAfterMs,
          ROWS,
          streaming,
          killedRows);
      assertThat(killedRows).as("all or nothing of the killed write").isIn(0L, (long) ROWS);

      store.write(StoreWriterMain.FEATURE, StoreWriterMain.batch("after", 0, 100, 0));
      try (Stream<Row> s = store.read(StoreWriterMain.FEATURE, ReadOptions.defaults())) {
        assertThat(s.count()).isEqualTo(10 + 100 + killedRows);
      }
      try (Increment inc =
              store.resolveUpdate(
                  StoreWriterMain.FEATURE,
                  ResolveOptions.withSamples(StoreWriterMain.batch("after", 0, 100, 0)));
          Stream<Row> fresh = inc.newRows()) {
        assertThat(fresh.count()).as("the rows written after the crash are current").isZero();
      }
    }
  }

  /**
   * Waits until the database shows the child's rows streaming (PostgreSQL: an active COPY into the
   * schema; MariaDB: the transaction of the connection holding the table's write lock has modified
   * rows); DuckDB: 1.5 s. Returns whether streaming was seen.
   */
  private static boolean awaitStreaming(JooqDialect dialect, ProcessStores stores, ChildJvm child)
      throws Exception {
    if (dialect == JooqDialect.DUCKDB) {
      Thread.sleep(1500);
      return false;
    }
    String schema = stores.config().get("schema").toString();
    String url = dialect == JooqDialect.POSTGRES ? TestDatabases.PG_URL : TestDatabases.MARIADB_URL;
    String user =
        dialect == JooqDialect.POSTGRES ? TestDatabases.PG_USER : TestDatabases.MARIADB_USER;
    String probe =
        dialect == JooqDialect.POSTGRES
            ? "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'COPY \""
                + schema
                + "\".%'"
            // the writer holds the table's named write lock (README, lock protocol) from before
            // its transaction begins until after it commits: holding it = inside the write
            : "SELECT IS_USED_LOCK('"
                + io.metaxy.ports.store.WriteLockKeys.lockName(schema, "process__rows")
                + "') IS NOT NULL";
    long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      while (System.nanoTime() < end && child.isAlive()) {
        try (ResultSet rs = s.executeQuery(probe)) {
          rs.next();
          if (rs.getLong(1) > 0) {
            Thread.sleep(dialect == JooqDialect.POSTGRES ? 300 : 100); // inside the write
            return true;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError(
        "the write never showed up streaming; child output:\n" + child.output());
  }
}
