package io.metaxy.domain.increment;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Re-streamable expected rows of a target feature: each {@link #get()} is a fresh, lazy stream.
 * {@link #keys} streams only the rows' key tuples, which an implementation may produce without
 * computing provenance (the orphan pass of {@link IncrementDiff} needs nothing else).
 */
public interface ExpectedRows extends Supplier<Stream<Row>> {
  /** The key tuples of the expected rows over {@code keyColumns}, in row order. */
  default Stream<IdKey> keys(List<String> keyColumns) {
    return get().map(r -> IdKey.of(r, keyColumns));
  }

  /**
   * The expected rows whose key over {@code keyColumns} passes {@code keep} (tested once per row,
   * in row order); an implementation may test the key before computing the row's provenance.
   */
  default Stream<Row> rowsWhere(List<String> keyColumns, Predicate<IdKey> keep) {
    return get().filter(r -> keep.test(IdKey.of(r, keyColumns)));
  }

  /**
   * Like {@link #rowsWhere(List, Predicate)}, and then keeps only the rows for which {@code
   * keepHashed} accepts (key, {@code metaxy_provenance}). An implementation may test it right after
   * hashing, before building the row, and on several threads at once: {@code keepHashed} must be
   * thread-safe and must not depend on the order of calls.
   */
  default Stream<Row> rowsWhere(
      List<String> keyColumns, Predicate<IdKey> keep, BiPredicate<IdKey, String> keepHashed) {
    return rowsWhere(keyColumns, keep)
        .filter(
            r -> keepHashed.test(IdKey.of(r, keyColumns), r.getString(SystemColumns.PROVENANCE)));
  }

  /** A test of an expected row's entry in a {@link KeyIndex} and its {@code metaxy_provenance}. */
  @FunctionalInterface
  interface EntryTest {
    boolean test(int entry, String provenance);
  }

  /**
   * The entry in {@code index} of each expected row's key over {@code keyColumns} ({@code -1} when
   * the key is absent), in row order. An implementation may find it without building key tuples.
   */
  default IntStream entriesIn(KeyIndex index, List<String> keyColumns) {
    return keys(keyColumns).mapToInt(index::find);
  }

  /**
   * The expected rows whose entry in {@code index} (as by {@link #entriesIn}) passes {@code
   * keepEntry} (tested once per row, in row order), and then, when {@code keepHashed} is given,
   * whose (entry, {@code metaxy_provenance}) it accepts. As for {@link #rowsWhere(List, Predicate,
   * BiPredicate)}, {@code keepHashed} may run before the row is built and on several threads: it
   * must be thread-safe and must not depend on the order of calls.
   */
  default Stream<Row> rowsByEntry(
      KeyIndex index, List<String> keyColumns, IntPredicate keepEntry, EntryTest keepHashed) {
    Stream<Row> rows = rowsWhere(keyColumns, k -> keepEntry.test(index.find(k)));
    return keepHashed == null
        ? rows
        : rows.filter(
            r ->
                keepHashed.test(
                    index.find(IdKey.of(r, keyColumns)), r.getString(SystemColumns.PROVENANCE)));
  }

  /**
   * True when no two expected rows share a key over the target's key columns, so a consumer need
   * not remember the keys it has seen. The default, {@code false}, is always safe.
   */
  default boolean uniqueKeys() {
    return false;
  }
}
