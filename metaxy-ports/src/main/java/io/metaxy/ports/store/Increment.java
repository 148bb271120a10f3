package io.metaxy.ports.store;

import io.metaxy.domain.row.Row;
import java.util.List;
import java.util.stream.Stream;

/**
 * The result of resolving a feature: samples that are new, stale or orphaned. Each stream can be
 * consumed once and may be backed by a database cursor; close the increment when done. New and
 * stale rows carry the ID columns plus the expected {@code metaxy_provenance_by_field} and {@code
 * metaxy_provenance}; orphaned rows carry the ID columns of the stored sample.
 */
public interface Increment extends AutoCloseable {
  Stream<Row> newRows();

  Stream<Row> staleRows();

  Stream<Row> orphanedRows();

  @Override
  void close();

  /** Reads all three streams into memory (small increments, tests) and closes this increment. */
  default Materialized collect() {
    try (this) {
      List<Row> n;
      List<Row> s;
      List<Row> o;
      try (Stream<Row> x = newRows()) {
        n = x.toList();
      }
      try (Stream<Row> x = staleRows()) {
        s = x.toList();
      }
      try (Stream<Row> x = orphanedRows()) {
        o = x.toList();
      }
      return new Materialized(n, s, o);
    }
  }

  /** An increment held in memory. */
  record Materialized(List<Row> newRows, List<Row> staleRows, List<Row> orphanedRows) {
    public Materialized {
      newRows = List.copyOf(newRows);
      staleRows = List.copyOf(staleRows);
      orphanedRows = List.copyOf(orphanedRows);
    }

    public boolean isEmpty() {
      return newRows.isEmpty() && staleRows.isEmpty() && orphanedRows.isEmpty();
    }

    /** Rows to (re)compute: new followed by stale. */
    public List<Row> toCompute() {
      return Stream.concat(newRows.stream(), staleRows.stream()).toList();
    }
  }

  /**
   * An increment whose streams are opened on demand by the given suppliers; {@code onClose} runs
   * once when the increment is closed.
   */
  static Increment lazy(
      java.util.function.Supplier<Stream<Row>> newRows,
      java.util.function.Supplier<Stream<Row>> staleRows,
      java.util.function.Supplier<Stream<Row>> orphanedRows,
      Runnable onClose) {
    return new Increment() {
      private boolean closed;

      @Override
      public Stream<Row> newRows() {
        return newRows.get();
      }

      @Override
      public Stream<Row> staleRows() {
        return staleRows.get();
      }

      @Override
      public Stream<Row> orphanedRows() {
        return orphanedRows.get();
      }

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          onClose.run();
        }
      }
    };
  }

  /** An increment over in-memory lists. */
  static Increment of(List<Row> newRows, List<Row> staleRows, List<Row> orphanedRows) {
    return new Increment() {
      @Override
      public Stream<Row> newRows() {
        return newRows.stream();
      }

      @Override
      public Stream<Row> staleRows() {
        return staleRows.stream();
      }

      @Override
      public Stream<Row> orphanedRows() {
        return orphanedRows.stream();
      }

      @Override
      public void close() {}
    };
  }
}
