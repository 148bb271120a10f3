package io.metaxy.domain.increment;

import io.metaxy.domain.filter.FilterEvaluator;
import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The diff of semantics §4: expected rows against stored rows, by key, into new, stale and orphaned
 * samples.
 *
 * <ul>
 *   <li><b>stored</b>: the target's rows of its current feature version, latest per sample,
 *       soft-deleted excluded. They are indexed by key columns (one hash map entry per key). For an
 *       expanding feature (key = the parent's {@code on} columns) several stored child rows
 *       collapse into their parent: the parent counts as up to date only if every child carries the
 *       same {@code metaxy_provenance}, and matches a staleness predicate if any child does.
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
 * one pass to collect the expected keys), so only the stored index and a key set live in memory.
 */
public final class IncrementDiff {
  private static final Object MIXED = new Object();

  private final List<String> keyColumns;
  private final Supplier<Stream<Row>> expected;
  private final Map<IdKey, Stored> stored = new LinkedHashMap<>();

  private static final class Stored {
    final Row row;
    Object provenance;
    boolean predicateMatch;

    Stored(Row row, Object provenance, boolean predicateMatch) {
      this.row = row;
      this.provenance = provenance;
      this.predicateMatch = predicateMatch;
    }
  }

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
    IncrementDiff d = new IncrementDiff(keyColumns, Objects.requireNonNull(expected));
    try (storedRows) {
      storedRows.forEach(
          r -> {
            boolean match = false;
            for (FilterExpression p : stalenessPredicates) {
              if (FilterEvaluator.test(p, r::get)) {
                match = true;
                break;
              }
            }
            Object prov = r.get(SystemColumns.PROVENANCE);
            Stored prev = d.stored.get(IdKey.of(r, d.keyColumns));
            if (prev == null) {
              d.stored.put(IdKey.of(r, d.keyColumns), new Stored(r, prov, match));
            } else {
              if (!Objects.equals(prev.provenance, prov)) {
                prev.provenance = MIXED;
              }
              prev.predicateMatch |= match;
            }
          });
    }
    return d;
  }

  /** Number of stored keys (parents, for an expanding feature). */
  public int storedKeys() {
    return stored.size();
  }

  /** Expected rows whose key is not stored. */
  public Stream<Row> newRows() {
    Set<IdKey> seen = new HashSet<>();
    return expected
        .get()
        .filter(
            r -> {
              IdKey k = IdKey.of(r, keyColumns);
              return !stored.containsKey(k) && seen.add(k);
            });
  }

  /** Expected rows whose stored provenance differs or whose stored row matches a predicate. */
  public Stream<Row> staleRows() {
    Set<IdKey> seen = new HashSet<>();
    return expected
        .get()
        .filter(
            r -> {
              IdKey k = IdKey.of(r, keyColumns);
              Stored s = stored.get(k);
              if (s == null) {
                return false;
              }
              boolean stale =
                  s.predicateMatch
                      || !Objects.equals(s.provenance, r.get(SystemColumns.PROVENANCE));
              return stale && seen.add(k);
            });
  }

  /** Stored keys absent from the expected rows. */
  public Stream<Row> orphanedRows() {
    Set<IdKey> expectedKeys = new HashSet<>();
    try (Stream<Row> s = expected.get()) {
      s.forEach(r -> expectedKeys.add(IdKey.of(r, keyColumns)));
    }
    return stored.entrySet().stream()
        .filter(e -> !expectedKeys.contains(e.getKey()))
        .map(e -> orphan(e.getValue()));
  }

  private Row orphan(Stored s) {
    Row.Builder b = Row.builder();
    for (String k : keyColumns) {
      b.set(k, s.row.get(k));
    }
    b.set(SystemColumns.PROVENANCE_BY_FIELD, s.row.getMap(SystemColumns.PROVENANCE_BY_FIELD));
    b.set(SystemColumns.PROVENANCE, s.row.get(SystemColumns.PROVENANCE));
    return b.build();
  }
}
