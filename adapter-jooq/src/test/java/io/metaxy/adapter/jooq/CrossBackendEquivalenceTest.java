package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.adapter.inmemory.InMemoryMetadataStore;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.Lineage;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance 2: for the video pipeline and for random graphs and data, every database returns the
 * same provenance columns and increments (new, stale, orphaned) as the in-memory store. Each
 * scenario runs two rounds (initial data, then random changes, additions and removals) and resolves
 * and computes every feature in topological order.
 */
class CrossBackendEquivalenceTest {

  /** Runs a scenario and returns, per round and feature, the increment as sorted strings. */
  private static List<String> run(MetadataStore store, FeatureGraph graph, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      for (FeatureKey f : graph.topologicalOrder()) {
        FeatureSpec spec = graph.get(f);
        Increment.Materialized inc;
        if (spec.isRoot()) {
          inc = store.resolveUpdate(f, ResolveOptions.withSamples(samples(spec, r))).collect();
        } else {
          inc = store.resolveUpdate(f).collect();
        }
        out.add(round + " " + f + " new " + describe(spec, inc.newRows()));
        out.add(round + " " + f + " stale " + describe(spec, inc.staleRows()));
        out.add(round + " " + f + " orphaned " + describe(spec, inc.orphanedRows()));
        List<Row> compute = new ArrayList<>();
        boolean expansion =
            spec.deps().stream().anyMatch(d -> d.lineage() instanceof Lineage.Expansion);
        for (Row row : inc.toCompute()) {
          if (expansion) {
            for (int c = 0; c < 2; c++) {
              Row.Builder b = row.toBuilder();
              for (String id : spec.idColumns()) {
                if (!row.has(id)) {
                  b.set(id, "c" + c);
                }
              }
              compute.add(b.build());
            }
          } else {
            compute.add(row);
          }
        }
        if (!compute.isEmpty()) {
          store.write(f, compute);
        }
      }
    }
    return out;
  }

  private static List<Row> samples(FeatureSpec spec, Random r) {
    List<Row> rows = new ArrayList<>();
    int n = spec.idColumns().size() == 1 ? 6 : 3;
    List<Map<String, Object>> ids = new ArrayList<>();
    ids.add(new LinkedHashMap<>());
    for (String id : spec.idColumns()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> m : ids) {
        for (int i = 0; i < n; i++) {
          Map<String, Object> c = new LinkedHashMap<>(m);
          c.put(id, id.substring(0, 1) + i);
          next.add(c);
        }
      }
      ids = next;
    }
    for (Map<String, Object> m : ids) {
      if (r.nextInt(4) == 0) {
        continue; // absent this round
      }
      Map<String, String> pbf = new TreeMap<>();
      spec.fields().forEach(fs -> pbf.put(fs.key().structKey(), "h" + r.nextInt(3)));
      Row.Builder b = Row.builder();
      m.forEach(b::set);
      b.set(SystemColumns.PROVENANCE_BY_FIELD, pbf);
      rows.add(b.build());
    }
    return rows;
  }

  private static List<String> describe(FeatureSpec spec, List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row row : rows) {
      StringBuilder sb = new StringBuilder();
      for (String id : spec.idColumns()) {
        if (row.has(id)) {
          sb.append(id).append('=').append(row.get(id)).append(' ');
        }
      }
      sb.append(new TreeMap<>(row.getMap(SystemColumns.PROVENANCE_BY_FIELD)))
          .append(' ')
          .append(row.get(SystemColumns.PROVENANCE));
      out.add(sb.toString());
    }
    out.sort(null);
    return out;
  }

  private static StoreSettings settings(FeatureGraph g) {
    return StoreSettings.builder(g)
        .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
        .build();
  }

  private static void assertEquivalent(FeatureGraph graph, long seed) {
    List<String> expected;
    try (InMemoryMetadataStore mem = new InMemoryMetadataStore(settings(graph))) {
      mem.open();
      expected = run(mem, graph, seed);
    }
    for (JooqDialect d : JooqDialect.values()) {
      try (TestStores stores = new TestStores()) {
        JooqMetadataStore s = stores.open(d, settings(graph));
        assertThat(run(s, graph, seed)).as("%s, seed %d", d, seed).isEqualTo(expected);
      }
    }
  }

  private static List<FeatureGraph> shapes() {
    return List.of(
        Vectors.videoGraph(), KitGraphs.aggregation(), KitGraphs.expansion(), KitGraphs.optional());
  }

  /** The video pipeline and the kit's lineage shapes (aggregation, expansion, optional deps). */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void videoPipelineAndLineageShapesMatchTheInMemoryStore(int shape) {
    assertEquivalent(shapes().get(shape), 42 + shape);
  }

  @Property(tries = 2)
  void kitShapesWithRandomDataMatchTheInMemoryStore(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    assertEquivalent(shapes().get((int) (seed % 4)), seed);
  }

  @Property(tries = 2)
  void randomGraphsMatchTheInMemoryStore(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    assertEquivalent(randomGraph(new Random(seed)), seed);
  }

  /** A random DAG of 2–5 features keyed by sample_id, random fields and (optional) deps. */
  static FeatureGraph randomGraph(Random r) {
    int n = 2 + r.nextInt(4);
    List<FeatureSpec> specs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      FeatureSpec.Builder b = FeatureSpec.builder("rg/f" + i).idColumns("sample_id");
      if (i > 0) {
        List<Integer> ups = new ArrayList<>();
        for (int j = 0; j < i; j++) {
          if (r.nextInt(2) == 0 || (j == i - 1 && ups.isEmpty())) {
            ups.add(j);
          }
        }
        for (int j : ups) {
          FeatureDep.Builder d = FeatureDep.builder("rg/f" + j);
          if (r.nextInt(3) == 0) {
            d.optional();
          }
          b.dependsOn(d.build());
        }
      }
      b.field("a", String.valueOf(r.nextInt(3)));
      if (r.nextBoolean()) {
        b.field("b", "1");
      }
      specs.add(b.build());
    }
    return FeatureGraph.of(specs);
  }
}
