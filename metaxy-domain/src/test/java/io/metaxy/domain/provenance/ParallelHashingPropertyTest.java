package io.metaxy.domain.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.JdkRowHashers;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.increment.ExpectedRows;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.increment.IncrementDiff;
import io.metaxy.domain.increment.KeyIndex;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Expected rows hashed in parallel batches are exactly the rows, in the same order, that one thread
 * computes, over a required and an optional (or a second required) dependency, duplicate keys and
 * enough rows to span several batches, with the upstreams indexed on several threads; the key and
 * entry shortcuts and the diff built on them agree with the full rows; and the kernel-based hashing
 * agrees with the engine's string formula.
 */
class ParallelHashingPropertyTest {
  static final FeatureKey LEFT = FeatureKey.of("q/left");
  static final FeatureKey RIGHT = FeatureKey.of("q/right");
  static final FeatureKey LEAF = FeatureKey.of("q/leaf");
  static final FeatureGraph GRAPH =
      FeatureGraph.of(
          FeatureSpec.builder(LEFT).idColumns("id").field("a", "1").field("b", "2").build(),
          FeatureSpec.builder(RIGHT).idColumns("id").field("c", "1").build(),
          FeatureSpec.builder(LEAF)
              .idColumns("id")
              .dependsOn(FeatureDep.on(LEFT))
              .dependsOn(FeatureDep.builder(RIGHT).optional().build())
              .field("x", "3")
              .field("y", "1")
              .build());

  /** The same with both dependencies required (inner join). */
  static final FeatureGraph INNER =
      FeatureGraph.of(
          FeatureSpec.builder(LEFT).idColumns("id").field("a", "1").field("b", "2").build(),
          FeatureSpec.builder(RIGHT).idColumns("id").field("c", "1").build(),
          FeatureSpec.builder(LEAF)
              .idColumns("id")
              .dependsOn(FeatureDep.on(LEFT))
              .dependsOn(FeatureDep.on(RIGHT))
              .field("x", "3")
              .field("y", "1")
              .build());

  static final RowHasher MD5 = JdkRowHashers.forAlgorithm(HashAlgorithm.MD5).orElseThrow();

  @Property(tries = 16)
  void parallelEqualsSequential(
      @ForAll @IntRange(min = 0, max = 12_000) int n,
      @ForAll @IntRange(min = 2, max = 4) int parallelism,
      @ForAll long seed,
      @ForAll boolean distinctIds,
      @ForAll boolean innerJoin) {
    FeatureGraph graph = innerJoin ? INNER : GRAPH;
    Random rnd = new Random(seed);
    List<Row> left = new ArrayList<>();
    List<Row> right = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long id = distinctIds ? i : rnd.nextInt(Math.max(1, n));
      left.add(
          Row.of(
              "id",
              id,
              "tag",
              "t" + i,
              SystemColumns.PROVENANCE_BY_FIELD,
              Map.of("a", "a" + i, "b", rnd.nextBoolean() ? "b" : "é" + i)));
      if (rnd.nextInt(3) > 0) {
        right.add(
            Row.of("id", id, SystemColumns.PROVENANCE_BY_FIELD, Map.of("c", "c" + rnd.nextInt())));
      }
    }
    UpstreamSource source = f -> (f.equals(LEFT) ? left : right).stream();
    ExpectedRows one =
        new ProvenanceEngine(graph, MD5, Truncation.DEFAULT, 1).prepareExpected(LEAF, source);
    // upstreams read and indexed on several threads too
    ExpectedRows many =
        new ProvenanceEngine(graph, MD5, Truncation.DEFAULT, parallelism)
            .prepareExpected(LEAF, UpstreamSource.threadSafe(source));
    List<Row> expected = one.get().toList();
    assertThat(many.get().toList()).containsExactlyElementsOf(expected);
    List<String> key = List.of("id");
    List<IdKey> keys = many.keys(key).toList();
    assertThat(keys)
        .containsExactlyElementsOf(expected.stream().map(r -> IdKey.of(r, key)).toList());
    assertThat(many.rowsWhere(key, k -> ((Long) k.get(0)) % 3 == 0).toList())
        .containsExactlyElementsOf(
            expected.stream().filter(r -> ((Long) r.get("id")) % 3 == 0).toList());
    // a post-hash filter (tested on the worker threads) keeps exactly the rows it accepts, in order
    assertThat(
            many.rowsWhere(
                    key,
                    k -> ((Long) k.get(0)) % 2 == 0,
                    (k, prov) -> ((Long) k.get(0)) % 4 == 0 || prov.compareTo("8") < 0)
                .toList())
        .containsExactlyElementsOf(
            expected.stream()
                .filter(r -> ((Long) r.get("id")) % 2 == 0)
                .filter(
                    r ->
                        ((Long) r.get("id")) % 4 == 0
                            || r.getString(SystemColumns.PROVENANCE).compareTo("8") < 0)
                .toList());
    // entry paths: the entries of each row's key in another index, and the rows filtered by them
    KeyIndex index = new KeyIndex();
    for (long id = n; id >= 0; id -= 2) {
      index.add(new IdKey(List.of(id)));
    }
    assertThat(many.entriesIn(index, key).boxed().toList())
        .containsExactlyElementsOf(
            expected.stream().map(r -> index.find(IdKey.of(r, key))).toList());
    assertThat(many.rowsByEntry(index, key, en -> en >= 0, (en, prov) -> en % 3 != 0).toList())
        .containsExactlyElementsOf(
            expected.stream()
                .filter(
                    r -> {
                      int en = index.find(IdKey.of(r, key));
                      return en >= 0 && en % 3 != 0;
                    })
                .toList());
    // the diff through the engine's shortcuts equals the diff over plain rows, in order
    List<Row> stored = new ArrayList<>();
    for (int i = 0; i < expected.size(); i += 2) {
      Row r = expected.get(i);
      stored.add(i % 4 == 0 ? r : r.with(SystemColumns.PROVENANCE, "changed"));
    }
    stored.add(Row.of("id", -5L, SystemColumns.PROVENANCE, "orphan"));
    if (distinctIds) {
      assertThat(many.uniqueKeys()).isTrue(); // the diff's shortcut for unique keys is taken
    }
    IncrementDiff fast = IncrementDiff.of(key, many, stored.stream(), List.of());
    IncrementDiff plain =
        IncrementDiff.of(key, () -> expected.stream(), stored.stream(), List.of());
    assertThat(fast.newRows().toList()).containsExactlyElementsOf(plain.newRows().toList());
    assertThat(fast.staleRows().toList()).containsExactlyElementsOf(plain.staleRows().toList());
    assertThat(fast.orphanedRows().toList())
        .containsExactlyElementsOf(plain.orphanedRows().toList());
    // the kernel path computes the documented formula
    ProvenanceEngine e = new ProvenanceEngine(graph, MD5, Truncation.DEFAULT, parallelism);
    for (Row r : expected.subList(0, Math.min(50, expected.size()))) {
      Map<String, String> pbf = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
      assertThat(r.get(SystemColumns.PROVENANCE)).isEqualTo(e.combine(pbf));
    }
  }
}
