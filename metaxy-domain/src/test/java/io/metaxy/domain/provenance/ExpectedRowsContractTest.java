package io.metaxy.domain.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.increment.ExpectedRows;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The engine's {@link ExpectedRows} shortcuts agree with its full rows: {@code keys} are the keys
 * of {@code get()}, {@code rowsWhere} is {@code get()} filtered by key, and {@code uniqueKeys} is
 * only claimed when no key repeats — for an inner join and for an all-optional full outer join,
 * over random upstream rows (duplicate IDs included).
 */
class ExpectedRowsContractTest {
  static final FeatureGraph GRAPH =
      FeatureGraph.of(
          FeatureSpec.builder("c/a").idColumns("id").field("audio", "1").build(),
          FeatureSpec.builder("c/b").idColumns("id").field("frames", "1").build(),
          FeatureSpec.builder("c/inner")
              .idColumns("id")
              .field("x", "1")
              .dependsOn(FeatureDep.on("c/a"))
              .dependsOn(FeatureDep.builder("c/b").optional(true).build())
              .build(),
          FeatureSpec.builder("c/outer")
              .idColumns("id")
              .field("x", "1")
              .dependsOn(FeatureDep.builder("c/a").optional(true).build())
              .dependsOn(FeatureDep.builder("c/b").optional(true).build())
              .build());
  static final List<String> KEY = List.of("id");

  @Property(tries = 150)
  void shortcutsAgreeWithFullRows(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 25) int rowsA,
      @ForAll @IntRange(min = 0, max = 25) int rowsB,
      @ForAll boolean outer) {
    Random random = new Random(seed);
    Map<String, List<Row>> data =
        Map.of("c/a", rows(random, rowsA, "audio"), "c/b", rows(random, rowsB, "frames"));
    ProvenanceEngine engine =
        new ProvenanceEngine(GRAPH, ProvenanceEngineTest.MD5, Truncation.DEFAULT);
    ExpectedRows expected =
        engine.prepareExpected(
            FeatureKey.of(outer ? "c/outer" : "c/inner"),
            f -> data.getOrDefault(f.toString(), List.of()).stream());
    List<Row> all = expected.get().toList();
    List<IdKey> keys = all.stream().map(r -> IdKey.of(r, KEY)).toList();
    assertThat(expected.keys(KEY).toList()).isEqualTo(keys);
    Predicate<IdKey> even = k -> ((Number) k.get(0)).longValue() % 2 == 0;
    assertThat(expected.rowsWhere(KEY, even).toList())
        .isEqualTo(all.stream().filter(r -> even.test(IdKey.of(r, KEY))).toList());
    if (expected.uniqueKeys()) {
      assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
    }
    boolean duplicateUpstream =
        data.values().stream()
            .anyMatch(l -> l.stream().map(r -> r.get("id")).distinct().count() != l.size());
    if (!duplicateUpstream) {
      assertThat(expected.uniqueKeys()).isTrue();
    }
    for (Row r : all) {
      assertThat(r.getString(SystemColumns.PROVENANCE))
          .isEqualTo(engine.combine(r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
    }
  }

  private static List<Row> rows(Random random, int n, String field) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long id = random.nextInt(20);
      out.add(
          Row.of(
              "id", id, SystemColumns.PROVENANCE_BY_FIELD, Map.of(field, "v" + random.nextInt(3))));
    }
    return out;
  }
}
