package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.tck.process.ChildJvm;
import io.metaxy.tck.process.StoreWriterMain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Four writer processes (child JVMs) write 25,000 rows each to one PostgreSQL or MariaDB feature
 * table, in 10 write calls of 2,500 rows that all contain the same 1,000 shared samples. Checks:
 * every row present, write order values unique, the order of write calls consistent with real time
 * (a call that returned before another started has smaller order values), the latest row of every
 * shared sample is the one of the write call that committed last, and created_at is the first
 * write's.
 */
class ConcurrentWritersTest {
  private static final Logger LOG = LoggerFactory.getLogger(ConcurrentWritersTest.class);
  static final int PROCESSES = 4;
  static final int BATCHES = 10;
  static final int BATCH_ROWS = 2_500;
  static final int SHARED = 1_000;

  /** One write call of one child: its real-time interval (CLOCK_MONOTONIC nanos). */
  record Call(String writer, long batch, long start, long end) {}

  @ParameterizedTest
  @EnumSource(
      value = JooqDialect.class,
      names = {"POSTGRES", "MARIADB"})
  void concurrentWriterProcessesKeepEveryRowAndCommitOrder(JooqDialect dialect) throws Exception {
    try (ProcessStores stores = new ProcessStores(dialect)) {
      stores.openInParent().close(); // system and feature tables exist before the writers start
      long t0 = System.nanoTime();
      List<ChildJvm> children = new ArrayList<>();
      for (int p = 0; p < PROCESSES; p++) {
        children.add(
            ChildJvm.writer(
                stores.writerArgs(
                    "w" + p,
                    "--batches",
                    "" + BATCHES,
                    "--batch-rows",
                    "" + BATCH_ROWS,
                    "--shared",
                    "" + SHARED)));
      }
      List<Call> calls = new ArrayList<>();
      for (ChildJvm c : children) {
        try (c) {
          assertThat(c.awaitExit(Duration.ofMinutes(10))).as(c.output()).isZero();
          String writer = "w" + children.indexOf(c);
          for (String l : c.linesStartingWith("WROTE ")) {
            String[] p = l.split(" ");
            calls.add(
                new Call(writer, Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3])));
          }
        }
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      LOG.info(
          "{}: {} processes x {} rows ({} calls) written in {} ms",
          dialect,
          PROCESSES,
          BATCHES * BATCH_ROWS,
          calls.size(),
          ms);
      assertThat(calls).hasSize(PROCESSES * BATCHES);

      JooqMetadataStore store = stores.openInParent();
      // the order of rows: the write order column of the seed layout, else (python layout) the
      // updated_at stamps, strictly increasing from call to call under the table's lock
      boolean seq = store.config().layout() == StoreLayout.SEED;
      String order = seq ? "metaxy_write_seq" : SystemColumns.UPDATED_AT;
      Result<? extends Record> all =
          store.withDsl(
              ctx ->
                  ctx.select(
                          field(name("writer")),
                          field(name("batch")),
                          field(name("sample_uid")),
                          field(name(order)))
                      .from(store.table(StoreWriterMain.FEATURE))
                      .fetch());
      assertThat(all).hasSize(PROCESSES * BATCHES * BATCH_ROWS);
      java.util.function.Function<Record, Long> orderOf =
          r ->
              seq
                  ? r.get(3, Long.class)
                  : java.time.temporal.ChronoUnit.MICROS.between(
                      java.time.Instant.EPOCH,
                      (java.time.Instant) io.metaxy.sql.RowMapper.normaliseTime(r.get(3)));
      assertThat(all.stream().map(orderOf).distinct().count())
          .as("distinct write order values")
          .isEqualTo(seq ? all.size() : calls.size());

      // per call: the range of its order values
      Map<String, long[]> range = new HashMap<>();
      for (Record r : all) {
        String k = r.get(0, String.class) + "/" + r.get(1, Long.class);
        long s = orderOf.apply(r);
        range.merge(
            k,
            new long[] {s, s},
            (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
      }
      for (Call a : calls) {
        for (Call b : calls) {
          if (a.end() < b.start()) {
            assertThat(range.get(key(a))[1])
                .as("%s returned before %s started, so it is ordered before it", key(a), key(b))
                .isLessThan(range.get(key(b))[0]);
          }
        }
      }

      // the latest row of every shared sample comes from the call that committed last: no call
      // started after it returned (a later start means a later commit)
      Map<String, Row> latest = new HashMap<>();
      try (Stream<Row> s = store.read(StoreWriterMain.FEATURE, ReadOptions.defaults())) {
        s.filter(r -> r.get("sample_uid").toString().startsWith("shared-"))
            .forEach(r -> latest.put(r.get("sample_uid").toString(), r));
      }
      assertThat(latest).hasSize(SHARED);
      Call last = null;
      for (Row r : latest.values()) {
        Call c = call(calls, r.get("writer").toString(), ((Number) r.get("batch")).longValue());
        if (last == null) {
          last = c;
        }
        assertThat(c).as("every shared sample's latest row is from the same call").isEqualTo(last);
        assertThat(r.getMap(SystemColumns.PROVENANCE_BY_FIELD))
            .containsEntry("value", StoreWriterMain.provenance(c.writer(), c.batch()));
      }
      for (Call c : calls) {
        assertThat(c.start())
            .as("%s started after the latest row's call %s returned", key(c), key(last))
            .isLessThan(last.end());
      }

      // created_at: the first write's, kept by every later write of the sample
      Map<String, Object> first = new HashMap<>();
      try (Stream<Row> s =
          store.read(StoreWriterMain.FEATURE, ReadOptions.defaults().withSampleHistory())) {
        s.filter(r -> r.get("sample_uid").toString().startsWith("shared-"))
            .forEach(
                r ->
                    first.merge(
                        r.get("sample_uid").toString(),
                        r.get(SystemColumns.CREATED_AT),
                        (a, b) -> ((Comparable<Object>) a).compareTo(b) <= 0 ? a : b));
      }
      for (Row r : latest.values()) {
        assertThat(r.get(SystemColumns.CREATED_AT))
            .as("created_at of %s", r.get("sample_uid"))
            .isEqualTo(first.get(r.get("sample_uid").toString()));
      }
      LOG.info("{}: verified {} rows; latest call {}", dialect, all.size(), key(last));
    }
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
