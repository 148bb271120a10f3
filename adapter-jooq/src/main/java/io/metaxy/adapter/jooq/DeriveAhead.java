package io.metaxy.adapter.jooq;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.write.WriteContract;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;

/**
 * The derived values ({@link WriteContract#derive}: the row hashes) of a write's rows, computed one
 * chunk ahead on another core while the writing thread appends the current chunk (DuckDB: the
 * appender's work is on the writing thread, so the hashing overlaps it). Rows are read in order
 * with {@link #get}; a failure of the derivation is rethrown there.
 */
final class DeriveAhead {
  /** Rows per chunk. */
  static final int CHUNK = 8192;

  private final WriteEncoder encoder;
  private final List<Row> rows;
  private WriteContract.Derived[] current;
  private int currentStart = -1;
  private CompletableFuture<WriteContract.Derived[]> next;

  DeriveAhead(WriteEncoder encoder, List<Row> rows) {
    this.encoder = encoder;
    this.rows = rows;
    this.next = chunk(0);
  }

  /**
   * Whether a write of {@code rows} rows derives ahead: DuckDB (its bulk path runs on the writing
   * thread), more than one chunk, and a second core.
   */
  static boolean worthIt(JooqDialect dialect, int rows) {
    return dialect == JooqDialect.DUCKDB
        && rows > CHUNK
        && ForkJoinPool.getCommonPoolParallelism() > 0
        && Runtime.getRuntime().availableProcessors() > 1;
  }

  /** The derived values of row {@code i}; rows must be asked for in increasing order. */
  WriteContract.Derived get(int i) {
    if (i >= currentStart + CHUNK || currentStart < 0) {
      int start = (i / CHUNK) * CHUNK;
      try {
        current = next.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
      currentStart = start;
      int following = start + CHUNK;
      next = following < rows.size() ? chunk(following) : null;
    }
    return current[i - currentStart];
  }

  private CompletableFuture<WriteContract.Derived[]> chunk(int start) {
    return CompletableFuture.supplyAsync(
        () -> {
          int end = Math.min(rows.size(), start + CHUNK);
          WriteContract.Derived[] out = new WriteContract.Derived[end - start];
          for (int i = start; i < end; i++) {
            out[i - start] = encoder.derive(rows.get(i));
          }
          return out;
        });
  }
}
