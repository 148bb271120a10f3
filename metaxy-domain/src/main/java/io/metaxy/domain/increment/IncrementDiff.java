package io.metaxy.domain.increment;

import io.metaxy.domain.filter.FilterEvaluator;
import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The diff of docs/semantics.md §4: expected rows against stored rows, by key, into new, stale and
 * orphaned samples.
 *
 * <ul>
 *   <li><b>stored</b>: the target's rows of its current feature version, latest per sample,
 *       soft-deleted excluded. They are indexed by key columns (one {@link KeyIndex} entry per key,
 *       its data in arrays). For an expanding feature (key = the parent's {@code on} columns)
 *       several stored child rows collapse into their parent: the parent counts as up to date only
 *       if every child carries the same {@code metaxy_provenance}, and matches a staleness
 *       predicate if any child does.
 *   <li><b>new</b>: expected rows whose key is not stored.
 *   <li><b>stale</b>: expected rows whose key is stored and whose {@code metaxy_provenance} differs
 *       from the stored one, or whose stored row matches any staleness predicate (OR-ed). A key is
 *       never both new and stale.
 *   <li><b>orphaned</b>: stored keys that are not expected; each is the stored row's key columns
 *       plus its stored {@code metaxy_provenance_by_field} and {@code metaxy_provenance}.
 * </ul>
 *
 * Only {@code metaxy_provenance} is compared. Each stream yields a key at most once. The expected
 * rows come from a supplier and are consumed lazily, once per stream ({@link #orphanedRows()} needs
 * one pass over the expected keys). When the supplier is an {@link ExpectedRows}, every stream
 * works with the stored index's entries ({@link ExpectedRows#entriesIn}, {@link
 * ExpectedRows#rowsByEntry}), so no key tuple is built per expected row. Only the stored index
 * lives in memory (plus the keys a stream has yielded, unless {@link ExpectedRows#uniqueKeys} says
 * they cannot repeat). Not thread-safe: take one diff's streams from one thread at a time (the
 * orphan pass marks the stored entries).
 */
public final class IncrementDiff {
  private static final Object MIXED = new Object();

  private final List<String> keyColumns;
  private Supplier<Stream<Row>> expected; // set once, before any stream is taken
  // The stored index: one entry per stored key, its data in arrays indexed by entry.
  private final KeyIndex stored = new KeyIndex(1024);
  private Row[] storedRows = new Row[1024]; // the first stored row of each key
  private Object[] provenance = new Object[1024]; // its metaxy_provenance, or MIXED
  private final BitSet predicateMatch = new BitSet();
  private int[] expectedPass = new int[0]; // the orphan pass that last saw each key expected
  private int orphanPasses;

  private IncrementDiff(List<String> keyColumns, Supplier<Stream<Row>> expected) {
    this.keyColumns = List.copyOf(keyColumns);
    this.expected = expected;
  }

  /**
   * Indexes {@code storedRows} and prepares the diff.
   *
   * @param keyColumns the target's key columns (ID columns, or the parent's {@code on} columns of
   *     an expanding feature)
   * @param expected supplies the expected rows (each call a fresh stream)
   * @param storedRows the stored rows (latest per sample, current feature version, not deleted)
   * @param stalenessPredicates parsed predicates evaluated on the stored rows, OR-ed
   */
  public static IncrementDiff of(
      List<String> keyColumns,
      Supplier<Stream<Row>> expected,
      Stream<Row> storedRows,
      List<FilterExpression> stalenessPredicates) {
    Objects.requireNonNull(expected, "expected");
    return indexStored(keyColumns, storedRows, stalenessPredicates).against(expected);
  }

  /**
   * Indexes {@code storedRows} alone (parameters as for {@link #of}); {@link Stored#against} then
   * gives the diff. Lets a store index its stored rows while the expected rows are being prepared,
   * e.g. on another thread.
   */
  public static Stored indexStored(
      List<String> keyColumns, Stream<Row> storedRows, List<FilterExpression> stalenessPredicates) {
    IncrementDiff d = new IncrementDiff(keyColumns, null);
    try (storedRows) {
      storedRows.forEach(r -> d.index(r, stalenessPredicates));
    }
    return new Stored(d);
  }

  /** Indexed stored rows awaiting their expected rows (see {@link #indexStored}). */
  public static final class Stored {
    private IncrementDiff diff;

    private Stored(IncrementDiff diff) {
      this.diff = diff;
    }

    /**
     * The diff of these stored rows against {@code expected} (each call a fresh stream). Call once.
     */
    public synchronized IncrementDiff against(Supplier<Stream<Row>> expected) {
      if (diff == null) {
        throw new IllegalStateException("Stored.against was already called: index the rows anew");
      }
      IncrementDiff d = diff;
      diff = null;
      d.expected = Objects.requireNonNull(expected, "expected");
      return d;
    }
  }

  private void index(Row r, List<FilterExpression> stalenessPredicates) {
    boolean match = false;
    for (FilterExpression p : stalenessPredicates) {
      if (FilterEvaluator.test(p, r::get)) {
        match = true;
        break;
      }
    }
    Object prov = r.get(SystemColumns.PROVENANCE);
    int e = stored.addRow(r, keyColumns);
    if (e >= 0) {
      if (e == storedRows.length) {
        storedRows = Arrays.copyOf(storedRows, e * 2);
        provenance = Arrays.copyOf(provenance, e * 2);
      }
      storedRows[e] = r;
      provenance[e] = prov;
    } else {
      e = -e - 1;
      if (!Objects.equals(provenance[e], prov)) {
        provenance[e] = MIXED;
      }
    }
    if (match) {
      predicateMatch.set(e);
    }
  }

  /** Number of stored keys (parents, for an expanding feature). */
  public int storedKeys() {
    return stored.size();
  }

  /** Expected rows whose key is not stored. */
  public Stream<Row> newRows() {
    if (uniqueExpectedKeys()) {
      return ((ExpectedRows) expected).rowsByEntry(stored, keyColumns, e -> e < 0, null);
    }
    Set<IdKey> seen = new HashSet<>();
    return rowsWhere(k -> stored.find(k) < 0 && seen.add(k));
  }

  /** Expected rows whose key passes {@code keep}, the key tested before hashing where possible. */
  private Stream<Row> rowsWhere(java.util.function.Predicate<IdKey> keep) {
    return expected instanceof ExpectedRows e
        ? e.rowsWhere(keyColumns, keep)
        : expected.get().filter(r -> keep.test(IdKey.of(r, keyColumns)));
  }

  private boolean uniqueExpectedKeys() {
    return expected instanceof ExpectedRows e && e.uniqueKeys();
  }

  /**
   * Expected rows whose stored provenance differs or whose stored row matches a predicate. The test
   * needs only the key and the computed provenance, so an {@link ExpectedRows} may apply it before
   * building the row (most expected rows are usually up to date).
   */
  public Stream<Row> staleRows() {
    if (stored.isEmpty()) {
      return Stream.empty();
    }
    ExpectedRows.EntryTest stale = // read-only: safe on any thread
        (e, prov) -> e >= 0 && (predicateMatch.get(e) || !Objects.equals(provenance[e], prov));
    Stream<Row> rows =
        expected instanceof ExpectedRows x
            ? x.rowsByEntry(stored, keyColumns, e -> e >= 0, stale)
            : expected
                .get()
                .filter(
                    r ->
                        stale.test(
                            stored.findRow(r, keyColumns), r.getString(SystemColumns.PROVENANCE)));
    if (uniqueExpectedKeys()) {
      return rows;
    }
    BitSet seen = new BitSet();
    return rows.filter(
        r -> {
          int e = stored.findRow(r, keyColumns);
          if (seen.get(e)) {
            return false;
          }
          seen.set(e);
          return true;
        });
  }

  /**
   * Stored keys absent from the expected rows. One pass over the expected keys marks the stored
   * entries it finds (no key set is built); the unmarked ones are orphaned.
   */
  public Stream<Row> orphanedRows() {
    if (stored.isEmpty()) {
      return Stream.empty();
    }
    int pass = ++orphanPasses;
    if (expectedPass.length < stored.size()) {
      expectedPass = new int[stored.size()];
    }
    int[] marks = expectedPass;
    try (java.util.stream.IntStream s =
        expected instanceof ExpectedRows e
            ? e.entriesIn(stored, keyColumns)
            : expected.get().mapToInt(r -> stored.findRow(r, keyColumns))) {
      s.forEach(
          hit -> {
            if (hit >= 0) {
              marks[hit] = pass;
            }
          });
    }
    List<Row> orphans = new java.util.ArrayList<>();
    for (int e = 0; e < stored.size(); e++) {
      if (marks[e] != pass) {
        orphans.add(orphan(storedRows[e]));
      }
    }
    return orphans.stream();
  }

  private Row orphan(Row row) {
    Row.Builder b = Row.builder();
    for (String k : keyColumns) {
      b.set(k, row.get(k));
    }
    b.set(SystemColumns.PROVENANCE_BY_FIELD, row.getMap(SystemColumns.PROVENANCE_BY_FIELD));
    b.set(SystemColumns.PROVENANCE, row.get(SystemColumns.PROVENANCE));
    return b.build();
  }
}
