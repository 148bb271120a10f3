package io.metaxy.domain.increment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.filter.FilterParser;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The new/stale/orphaned diff of docs/semantics.md §4. */
class IncrementDiffTest {
  static Row row(Object id, String provenance) {
    return Row.of(
        "id",
        id,
        SystemColumns.PROVENANCE,
        provenance,
        SystemColumns.PROVENANCE_BY_FIELD,
        Map.of("f", provenance));
  }

  static Set<Object> ids(java.util.stream.Stream<Row> rows, String col) {
    return rows.map(r -> r.get(col)).collect(Collectors.toSet());
  }

  @Test
  void newStaleOrphaned() {
    List<Row> expected = List.of(row("1", "p1"), row("2", "p2"), row("4", "p4"));
    List<Row> stored = List.of(row("1", "p1"), row("2", "OLD"), row("3", "p3").with("extra", 1));
    IncrementDiff d = IncrementDiff.of(List.of("id"), expected::stream, stored.stream(), List.of());
    assertThat(ids(d.newRows(), "id")).containsExactly("4");
    assertThat(ids(d.staleRows(), "id")).containsExactly("2");
    List<Row> orphans = d.orphanedRows().toList();
    assertThat(orphans).extracting(r -> r.get("id")).containsExactly("3");
    assertThat(orphans.get(0).columns())
        .containsExactly("id", SystemColumns.PROVENANCE_BY_FIELD, SystemColumns.PROVENANCE);
  }

  @Test
  void storedRowsIndexedFirstDiffAgainstExpectedRowsGivenLater() {
    List<Row> expected = List.of(row("1", "p1"), row("2", "p2"), row("4", "p4"));
    IncrementDiff.Stored stored =
        IncrementDiff.indexStored(
            List.of("id"),
            List.of(row("1", "p1"), row("2", "OLD"), row("3", "p3")).stream(),
            List.of());
    IncrementDiff d = stored.against(expected::stream);
    assertThat(ids(d.newRows(), "id")).containsExactly("4");
    assertThat(ids(d.staleRows(), "id")).containsExactly("2");
    assertThat(ids(d.orphanedRows(), "id")).containsExactly("3");
    assertThatThrownBy(() -> stored.against(expected::stream))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already");
  }

  @Test
  void integralIdsOfDifferentTypesAreTheSameSample() {
    IncrementDiff d =
        IncrementDiff.of(
            List.of("id"),
            () -> java.util.stream.Stream.of(row(1, "p")),
            java.util.stream.Stream.of(row(1L, "p")),
            List.of());
    assertThat(d.newRows()).isEmpty();
    assertThat(d.orphanedRows()).isEmpty();
  }

  @Test
  void predicatesAreOredOnStoredRowsAndNeverMarkNewSamples() {
    List<Row> expected = List.of(row("1", "p1"), row("2", "p2"), row("3", "p3"), row("9", "p9"));
    List<Row> stored =
        List.of(
            row("1", "p1").with("q", 0.2),
            row("2", "p2").with("q", 0.9).with("status", "redo"),
            row("3", "p3").with("q", 0.9));
    IncrementDiff d =
        IncrementDiff.of(
            List.of("id"),
            expected::stream,
            stored.stream(),
            List.of(
                FilterParser.parse("q < 0.5"), FilterParser.parse("status = 'redo' OR id = '9'")));
    assertThat(ids(d.staleRows(), "id")).containsExactlyInAnyOrder("1", "2");
    assertThat(ids(d.newRows(), "id")).containsExactly("9");
  }

  @Test
  void expansionChildrenCollapseToTheirParent() {
    List<Row> expected =
        List.of(
            Row.of("vid", "v1", SystemColumns.PROVENANCE, "p1"),
            Row.of("vid", "v2", SystemColumns.PROVENANCE, "p2"));
    List<Row> stored =
        List.of(
            Row.of("vid", "v1", "frame", 1, SystemColumns.PROVENANCE, "p1"),
            Row.of("vid", "v1", "frame", 2, SystemColumns.PROVENANCE, "p1"),
            Row.of("vid", "v2", "frame", 1, SystemColumns.PROVENANCE, "p2"),
            Row.of("vid", "v2", "frame", 2, SystemColumns.PROVENANCE, "OLD"),
            Row.of("vid", "v3", "frame", 1, SystemColumns.PROVENANCE, "p3"),
            Row.of("vid", "v3", "frame", 2, SystemColumns.PROVENANCE, "p3"));
    IncrementDiff d =
        IncrementDiff.of(List.of("vid"), expected::stream, stored.stream(), List.of());
    assertThat(d.storedKeys()).isEqualTo(3);
    assertThat(ids(d.staleRows(), "vid")).containsExactly("v2");
    assertThat(d.orphanedRows().toList()).extracting(r -> r.get("vid")).containsExactly("v3");
    assertThat(d.newRows()).isEmpty();
  }

  @Test
  void expectedRowsAreConsumedLazily() {
    java.util.concurrent.atomic.AtomicInteger pulled =
        new java.util.concurrent.atomic.AtomicInteger();
    IncrementDiff d =
        IncrementDiff.of(
            List.of("id"),
            () ->
                java.util.stream.IntStream.range(0, 1_000_000)
                    .mapToObj(i -> row(i, "p" + i))
                    .peek(r -> pulled.incrementAndGet()),
            java.util.stream.Stream.of(row(0, "p0")),
            List.of());
    assertThat(d.newRows().findFirst()).map(r -> r.get("id")).contains(1);
    assertThat(pulled.get()).isEqualTo(2);
  }

  /** Two orphan streams opened before either is read see the same orphans. */
  @Test
  void orphanStreamsOpenedTogetherAreIndependent() {
    List<Row> stored = List.of(row(1, "p1"), row(2, "p2"), row(3, "p3"));
    IncrementDiff d =
        IncrementDiff.of(
            List.of("id"),
            () -> java.util.stream.Stream.of(row(2, "p2")),
            stored.stream(),
            List.of());
    java.util.stream.Stream<Row> first = d.orphanedRows();
    java.util.stream.Stream<Row> second = d.orphanedRows();
    assertThat(ids(second, "id")).containsExactlyInAnyOrder(1, 3);
    assertThat(ids(first, "id")).containsExactlyInAnyOrder(1, 3);
  }

  /**
   * An {@link ExpectedRows} supplier is used through its key paths: the orphan pass reads only
   * keys, the new pass tests keys before rows are built; repeated keys are yielded once unless the
   * supplier declares them unique.
   */
  @Test
  void expectedRowsAreUsedThroughTheirKeyPaths() {
    java.util.concurrent.atomic.AtomicInteger built =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Integer> ids = List.of(1, 2, 2, 4);
    ExpectedRows expected =
        new ExpectedRows() {
          @Override
          public java.util.stream.Stream<Row> get() {
            return ids.stream().map(i -> row(i, "p" + i)).peek(r -> built.incrementAndGet());
          }

          @Override
          public java.util.stream.Stream<IdKey> keys(List<String> keyColumns) {
            return ids.stream().map(i -> new IdKey(List.of(i)));
          }

          @Override
          public java.util.stream.Stream<Row> rowsWhere(
              List<String> keyColumns, java.util.function.Predicate<IdKey> keep) {
            return ids.stream()
                .filter(i -> keep.test(new IdKey(List.of(i))))
                .map(i -> row(i, "p" + i))
                .peek(r -> built.incrementAndGet());
          }
        };
    IncrementDiff d =
        IncrementDiff.of(
            List.of("id"),
            expected,
            java.util.stream.Stream.of(row(1, "p1"), row(9, "p9")),
            List.of());
    assertThat(ids(d.orphanedRows(), "id")).containsExactly(9);
    assertThat(built.get()).isZero();
    assertThat(d.newRows().map(r -> r.get("id")).toList()).containsExactly(2, 4);
    assertThat(built.get()).isEqualTo(2); // 2 and 4: the stored 1 and the repeated 2 never built
    assertThat(d.staleRows().toList()).isEmpty();
  }

  /**
   * For any expected and stored id sets and provenances: new, stale and orphaned are disjoint by
   * key, new = expected − stored, orphaned = stored − expected, stale ⊆ expected ∩ stored with a
   * differing provenance.
   */
  @Property(tries = 200)
  void partitionInvariants(
      @ForAll @Size(max = 30) List<@IntRange(max = 40) Integer> expectedIds,
      @ForAll @Size(max = 30) List<@IntRange(max = 40) Integer> storedIds,
      @ForAll @IntRange(min = 1, max = 5) int modulus) {
    List<Row> expected = expectedIds.stream().distinct().map(i -> row(i, "p" + i)).toList();
    List<Row> stored =
        storedIds.stream().distinct().map(i -> row(i, i % modulus == 0 ? "old" : "p" + i)).toList();
    IncrementDiff d = IncrementDiff.of(List.of("id"), expected::stream, stored.stream(), List.of());
    Set<Object> e = new HashSet<>(ids(expected.stream(), "id"));
    Set<Object> s = new HashSet<>(ids(stored.stream(), "id"));
    Set<Object> n = ids(d.newRows(), "id");
    Set<Object> st = ids(d.staleRows(), "id");
    Set<Object> o = ids(d.orphanedRows(), "id");
    Set<Object> expectedNew = new HashSet<>(e);
    expectedNew.removeAll(s);
    Set<Object> expectedOrphans = new HashSet<>(s);
    expectedOrphans.removeAll(e);
    Set<Object> expectedStale = new HashSet<>(e);
    expectedStale.retainAll(s);
    expectedStale.removeIf(i -> ((Number) i).intValue() % modulus != 0);
    assertThat(n).isEqualTo(expectedNew);
    assertThat(o).isEqualTo(expectedOrphans);
    assertThat(st).isEqualTo(expectedStale);
  }
}
