package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.WriteLockKeys;
import io.metaxy.tck.process.ChildJvm;
import io.metaxy.tck.process.StoreWriterMain;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writer processes (child JVMs) on one PostgreSQL or MariaDB database. Four processes open a
 * <em>fresh</em> store at once (system and feature tables created concurrently) and write 25,000
 * rows each, in 10 calls of 2,500 rows that all contain the same 1,000 shared samples. Checks:
 * every process opened, every row present, one distinct {@code metaxy_updated_at} stamp per call
 * (the python layout has no write order column), calls that did not overlap in real time ordered as
 * they happened, the latest row of every shared sample from the call that committed last, and
 * created_at the sample's first. A second test kills a writer (SIGKILL) in the middle of one large
 * write call: none of its rows are visible and the store takes further writes.
 */
class EbeanWriterProcessesTest {
  private static final Logger LOG = LoggerFactory.getLogger(EbeanWriterProcessesTest.class);
  static final int PROCESSES = 4;
  static final int BATCHES = 10;
  static final int BATCH_ROWS = 2_500;
  static final int SHARED = 1_000;
  static final String TABLE = "process__rows";

  /** One write call of one child: its real-time interval (CLOCK_MONOTONIC nanos). */
  record Call(String writer, long batch, long start, long end) {}

  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.Kind.class,
      names = {"POSTGRES", "MARIADB"})
  void fourProcessesOnAFreshStoreKeepEveryRowAndCommitOrder(TestDatabases.Kind kind)
      throws Exception {
    try (ProcessStorage storage = new ProcessStorage(kind)) {
      long t0 = System.nanoTime();
      List<ChildJvm> children = new ArrayList<>();
      for (int p = 0; p < PROCESSES; p++) {
        children.add(
            ChildJvm.writer(
                storage.writerArgs(
                    "w" + p,
                    "--batches",
                    "" + BATCHES,
                    "--batch-rows",
                    "" + BATCH_ROWS,
                    "--shared",
                    "" + SHARED)));
      }
      List<Call> calls = new ArrayList<>();
      for (int p = 0; p < PROCESSES; p++) {
        try (ChildJvm c = children.get(p)) {
          assertThat(c.awaitExit(Duration.ofMinutes(10))).as(c.output()).isZero();
          for (String l : c.linesStartingWith("WROTE ")) {
            String[] f = l.split(" ");
            calls.add(
                new Call(
                    "w" + p, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
          }
        }
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      LOG.warn(
          "{}: {} processes x {} rows ({} calls) opened a fresh store and wrote in {} ms",
          kind,
          PROCESSES,
          BATCHES * BATCH_ROWS,
          calls.size(),
          ms);
      assertThat(calls).hasSize(PROCESSES * BATCHES);

      // every row; the python layout has no write order column: each call is stamped under the
      // table's lock strictly after every stored row, so its rows share one metaxy_updated_at
      // (its samples are distinct) and the stamps of the calls are distinct and in commit order
      Map<String, long[]> range = new HashMap<>();
      Set<Long> stamps = new HashSet<>();
      long rows = 0;
      try (Connection c = storage.connect();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select * from " + TABLE)) {
        assertThat(columnsOf(rs)).doesNotContain("metaxy_write_seq");
        java.util.Calendar utc =
            java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
        while (rs.next()) {
          rows++;
          java.sql.Timestamp t = rs.getTimestamp(SystemColumns.UPDATED_AT, utc);
          assertThat(t).as("every row has an update time").isNotNull();
          long s =
              java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, t.toInstant());
          stamps.add(s);
          range.merge(
              rs.getString("writer") + "/" + rs.getLong("batch"),
              new long[] {s, s},
              (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
      }
      assertThat(rows).isEqualTo((long) PROCESSES * BATCHES * BATCH_ROWS);
      assertThat(stamps).as("one distinct update time per call").hasSize(calls.size());
      for (Call a : calls) {
        long[] ra = range.get(key(a));
        assertThat(ra[1]).as("the rows of one call share its stamp").isEqualTo(ra[0]);
        for (Call b : calls) {
          if (a.end() < b.start()) {
            assertThat(ra[1])
                .as("%s returned before %s started, so it is ordered before it", key(a), key(b))
                .isLessThan(range.get(key(b))[0]);
          }
        }
      }

      // the latest row of every shared sample is from the call that committed last
      EbeanMetadataStore store = storage.openInParent();
      Map<String, Row> latest = new HashMap<>();
      try (Stream<Row> s = store.read(StoreWriterMain.FEATURE, ReadOptions.defaults())) {
        s.filter(r -> r.getString("sample_uid").startsWith("shared-"))
            .forEach(r -> latest.put(r.getString("sample_uid"), r));
      }
      assertThat(latest).hasSize(SHARED);
      Call last = null;
      long lastMax = -1;
      for (Call c : calls) {
        if (range.get(key(c))[1] > lastMax) {
          lastMax = range.get(key(c))[1];
          last = c;
        }
      }
      for (Row r : latest.values()) {
        Call c = call(calls, r.getString("writer"), ((Number) r.get("batch")).longValue());
        assertThat(c).as("the latest row of %s", r.get("sample_uid")).isEqualTo(last);
        assertThat(r.getMap(SystemColumns.PROVENANCE_BY_FIELD))
            .containsEntry("value", StoreWriterMain.provenance(c.writer(), c.batch()));
      }
      for (Call c : calls) {
        assertThat(c.start())
            .as("%s started after the latest call %s returned", key(c), key(last))
            .isLessThan(last.end());
      }

      // created_at: the sample's first, kept by every later write
      Map<String, Object> first = new HashMap<>();
      try (Stream<Row> s =
          store.read(StoreWriterMain.FEATURE, ReadOptions.defaults().withSampleHistory())) {
        s.filter(r -> r.getString("sample_uid").startsWith("shared-"))
            .forEach(
                r -> {
                  Object at = r.get(SystemColumns.CREATED_AT);
                  Object prev = first.putIfAbsent(r.getString("sample_uid"), at);
                  assertThat(prev == null || prev.equals(at))
                      .as("every row of %s has the same created_at", r.get("sample_uid"))
                      .isTrue();
                });
      }
      LOG.warn("{}: verified {} rows; latest call {}", kind, rows, key(last));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.Kind.class,
      names = {"POSTGRES", "MARIADB"})
  void aWriterKilledMidWriteLeavesNothingAndTheStoreGoesOn(TestDatabases.Kind kind)
      throws Exception {
    int big = 400_000;
    try (ProcessStorage storage = new ProcessStorage(kind)) {
      EbeanMetadataStore store = storage.openInParent();
      store.write(StoreWriterMain.FEATURE, StoreWriterMain.batch("seed", 0, 10, 0));
      boolean killedMidWrite;
      try (ChildJvm child =
          ChildJvm.writer(
              storage.writerArgs(
                  "victim", "--batches", "1", "--batch-rows", "" + big, "--shared", "0"))) {
        child.awaitLine(l -> l.startsWith("WRITING 0"), Duration.ofMinutes(2));
        // let the insert run for a while (the rows are being sent), then SIGKILL the JVM
        waitForOpenTransaction(storage, kind, Duration.ofSeconds(60), child);
        child.kill();
        killedMidWrite = child.linesStartingWith("WROTE").isEmpty();
        LOG.warn("{}: killed the writer of {} rows, mid-write: {}", kind, big, killedMidWrite);
      }
      assertThat(killedMidWrite)
          .as("the kill must land inside the write call (the write was too fast)")
          .isTrue();
      long victims;
      try (Connection c = storage.connect();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery("select count(*) from " + TABLE + " where writer = 'victim'")) {
        rs.next();
        victims = rs.getLong(1);
      }
      assertThat(victims).as("rows of the killed write call that are visible").isZero();
      // the lock died with the process: another write goes through, and reads see it
      store.write(StoreWriterMain.FEATURE, StoreWriterMain.batch("after", 0, 10, 0));
      try (Stream<Row> s = store.read(StoreWriterMain.FEATURE, ReadOptions.defaults())) {
        assertThat(s.map(r -> r.getString("writer")).distinct().sorted().toList())
            .containsExactly("after", "seed");
      }
    }
  }

  /**
   * Waits until the writer is inside its insert: on PostgreSQL a backend holds the table's advisory
   * write lock and runs an insert or a {@code COPY} (the bulk path of python-layout tables); on
   * MariaDB rows of the victim are visible to a dirty read.
   */
  private static void waitForOpenTransaction(
      ProcessStorage storage, TestDatabases.Kind kind, Duration timeout, ChildJvm child)
      throws Exception {
    long key = WriteLockKeys.advisoryKey("", TABLE);
    String probe =
        kind == TestDatabases.Kind.POSTGRES
            ? "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and l.classid = "
                + (key >>> 32)
                + " and l.objid = "
                + (key & 0xffffffffL)
                + " and (lower(a.query) like 'insert%' or lower(a.query) like 'copy%')"
            : "select count(*) from " + TABLE + " where writer = 'victim'";
    long end = System.nanoTime() + timeout.toNanos();
    try (Connection c = storage.connect();
        Statement st = c.createStatement()) {
      if (kind == TestDatabases.Kind.MARIADB) {
        st.execute("set session transaction isolation level read uncommitted");
      }
      while (System.nanoTime() < end) {
        try (ResultSet rs = st.executeQuery(probe)) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError(
        "the writer never started inserting within "
            + timeout
            + "; its output:\n"
            + child.output());
  }

  private static List<String> columnsOf(ResultSet rs) throws java.sql.SQLException {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
      out.add(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  private static String key(Call c) {
    return c.writer() + "/" + c.batch();
  }

  private static Call call(List<Call> calls, String writer, long batch) {
    return calls.stream()
        .filter(c -> c.writer().equals(writer) && c.batch() == batch)
        .findFirst()
        .orElseThrow();
  }
}
