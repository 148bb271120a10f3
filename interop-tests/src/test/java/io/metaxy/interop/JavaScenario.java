package io.metaxy.interop;

import io.metaxy.adapter.inmemory.InMemoryMetadataStore;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.Lineage;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Java half of {@code resolve_scenario.py}: the same steps on the in-memory store, the same
 * output shape. Definitions come from what Python pushes for the scenario's case, so both sides
 * resolve exactly the same graph.
 */
final class JavaScenario {
  static final String PBF = "metaxy_provenance_by_field";
  static final String PROV = "metaxy_provenance";

  private final Function<Map<String, Object>, FeatureGraph> graphs;
  private final Function<StoreSettings, MetadataStore> stores;
  private MetadataStore store;

  /** {@code graphs} turns a step's {@code args} into the graph Python defines for them. */
  JavaScenario(Function<Map<String, Object>, FeatureGraph> graphs) {
    this(graphs, InMemoryMetadataStore::new);
  }

  /** As {@link #JavaScenario(Function)}, on the (unopened) stores {@code stores} creates. */
  JavaScenario(
      Function<Map<String, Object>, FeatureGraph> graphs,
      Function<StoreSettings, MetadataStore> stores) {
    this.graphs = graphs;
    this.stores = stores;
  }

  /** A graph from the specs dumped by {@code dump_versions.py}. */
  @SuppressWarnings("unchecked")
  static FeatureGraph graphOf(Map<String, Object> dump) {
    List<FeatureSpec> specs = new ArrayList<>();
    ((Map<String, Map<String, Object>>) dump.get("features"))
        .values()
        .forEach(f -> specs.add(SpecJson.fromTree(f.get("spec"))));
    return FeatureGraph.of(specs);
  }

  MetadataStore store() {
    return store;
  }

  /**
   * Runs every step of {@code request}; returns {@code {"steps": [...]}} like the Python script.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> run(Map<String, Object> request) {
    Map<String, Map<String, List<Object>>> expand =
        (Map<String, Map<String, List<Object>>>) request.getOrDefault("expand", Map.of());
    List<Object> results = new ArrayList<>();
    for (Object o : (List<Object>) request.get("steps")) {
      Map<String, Object> step = (Map<String, Object>) o;
      FeatureGraph graph = graphs.apply((Map<String, Object>) step.getOrDefault("args", Map.of()));
      if (store == null) {
        StoreSettings settings =
            StoreSettings.builder(graph)
                .project("interop")
                .hashAlgorithm(HashAlgorithm.fromConfigName((String) request.get("hash")))
                .truncation(Truncation.of(((Number) request.get("truncation")).intValue()))
                .build();
        store = stores.apply(settings).open();
      } else {
        store = store.withGraph(graph);
      }
      ((Map<String, List<Map<String, Object>>>) step.getOrDefault("write", Map.of()))
          .forEach((k, rows) -> store.write(FeatureKey.of(k), rows(rows)));
      Map<String, Object> stepResult = new LinkedHashMap<>();
      Map<String, List<Map<String, Object>>> samples =
          (Map<String, List<Map<String, Object>>>) step.getOrDefault("samples", Map.of());
      for (Object f : (List<Object>) step.get("run")) {
        FeatureKey key = FeatureKey.of((String) f);
        FeatureSpec spec = graph.get(key);
        List<Map<String, Object>> given = samples.get(key.toString());
        Increment.Materialized inc =
            store
                .resolveUpdate(
                    key,
                    given == null
                        ? ResolveOptions.defaults()
                        : ResolveOptions.withSamples(rows(given)))
                .collect();
        List<String> idCols = sampleColumns(spec);
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("new", samples(inc.newRows(), idCols));
        parts.put("stale", samples(inc.staleRows(), idCols));
        parts.put("orphaned", samples(inc.orphanedRows(), idCols));
        stepResult.put(key.toString(), parts);
        List<Row> todo = toWrite(inc.toCompute(), spec, given, expand.get(key.toString()));
        if (!todo.isEmpty()) {
          store.write(key, todo);
        }
      }
      results.add(stepResult);
    }
    return Map.of("steps", results);
  }

  private static List<Row> rows(List<Map<String, Object>> maps) {
    return maps.stream().map(Row::of).toList();
  }

  /** The columns a sample is identified by in an increment: the parent's for expansions. */
  static List<String> sampleColumns(FeatureSpec spec) {
    for (FeatureDep d : spec.deps()) {
      if (d.lineage() instanceof Lineage.Expansion e) {
        return e.on();
      }
    }
    return spec.idColumns();
  }

  private static List<Object> samples(List<Row> rows, List<String> idCols) {
    Map<List<String>, Map<String, Object>> byId = new TreeMap<>(IDS);
    for (Row r : rows) {
      List<String> ids = idCols.stream().map(c -> String.valueOf(r.get(c))).toList();
      Map<String, Object> s = new LinkedHashMap<>();
      idCols.forEach(c -> s.put(c, r.get(c)));
      s.put("provenance_by_field", new TreeMap<>(r.getMap(PBF)));
      s.put("provenance", r.getString(PROV));
      byId.put(ids, s);
    }
    return new ArrayList<>(byId.values());
  }

  private static List<Row> toWrite(
      List<Row> todo,
      FeatureSpec spec,
      List<Map<String, Object>> given,
      Map<String, List<Object>> expand) {
    List<String> ids = spec.idColumns();
    if (given != null) {
      Map<List<String>, Row> byId = new LinkedHashMap<>();
      for (Map<String, Object> g : given) {
        byId.put(ids.stream().map(c -> String.valueOf(g.get(c))).toList(), Row.of(g));
      }
      return todo.stream()
          .map(r -> byId.get(ids.stream().map(c -> String.valueOf(r.get(c))).toList()))
          .toList();
    }
    Map<List<Object>, Row> unique = new LinkedHashMap<>();
    for (Row r : todo) {
      Map<String, Object> m = new LinkedHashMap<>();
      ids.stream().filter(r::has).forEach(c -> m.put(c, r.get(c)));
      m.put(PBF, r.getMap(PBF));
      unique.putIfAbsent(new ArrayList<>(m.values()), Row.of(m));
    }
    List<Row> out = new ArrayList<>(unique.values());
    if (expand != null) {
      for (Map.Entry<String, List<Object>> e : expand.entrySet()) {
        List<Row> children = new ArrayList<>();
        for (Row r : out) {
          for (Object v : e.getValue()) {
            children.add(r.with(e.getKey(), v));
          }
        }
        out = children;
      }
    }
    return out;
  }

  static final Comparator<List<String>> IDS =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = a.get(i).compareTo(b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };
}
