package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.tck.process.ChildJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * DuckDB allows one process per database file: a second writer process gets a clear error naming
 * the file, the process holding it and what to do, and exits without writing.
 */
class DuckDbSingleWriterTest {
  @Test
  void aSecondProcessOnTheSameFileIsToldWhoHoldsIt() throws Exception {
    try (ProcessStores stores = new ProcessStores(JooqDialect.DUCKDB);
        ChildJvm first =
            ChildJvm.writer(
                stores.writerArgs(
                    "first", "--batches", "1", "--batch-rows", "10", "--hold-ms", "60000"))) {
      first.awaitLine(l -> l.startsWith("WROTE 0"), Duration.ofMinutes(2));
      try (ChildJvm second =
          ChildJvm.writer(stores.writerArgs("second", "--batches", "1", "--batch-rows", "10"))) {
        assertThat(second.awaitExit(Duration.ofMinutes(2))).as(second.output()).isEqualTo(2);
        String error = second.awaitLine(l -> l.startsWith("ERROR"), Duration.ofSeconds(5));
        assertThat(error)
            .contains(stores.file().toString())
            .contains("PID " + first.pid())
            .contains("one process at a time")
            .doesNotContain("\n");
      }
      assertThat(first.isAlive()).as("the first writer is unaffected").isTrue();
    }
  }
}
