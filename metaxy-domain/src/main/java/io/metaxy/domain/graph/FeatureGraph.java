package io.metaxy.domain.graph;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.FeatureNotFoundException;
import io.metaxy.domain.error.GraphCycleException;
import io.metaxy.domain.error.InvalidSpecException;
import io.metaxy.domain.error.Problem;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldDep;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.FieldsMapping;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable, validated DAG of feature specs. Features come out in a deterministic topological
 * order (ties broken by key string); upstream/downstream queries and parent-field resolution are
 * precomputed; versions are computed once per truncation setting.
 */
public final class FeatureGraph {
  private static final FeatureGraph EMPTY = new FeatureGraph(Map.of(), List.of(), Map.of());

  private final Map<FeatureKey, FeatureSpec> specs;
  private final List<FeatureKey> topologicalOrder;
  private final Map<FieldRef, List<FieldRef>> parents;
  private final Map<FeatureKey, List<FeatureKey>> downstream;
  private final Map<Truncation, GraphVersions> versions = new ConcurrentHashMap<>();
  private final FieldTable fieldTable;

  private FeatureGraph(
      Map<FeatureKey, FeatureSpec> specs,
      List<FeatureKey> order,
      Map<FieldRef, List<FieldRef>> parents) {
    this.specs = specs;
    this.topologicalOrder = order;
    this.parents = parents;
    Map<FeatureKey, List<FeatureKey>> down = new HashMap<>();
    for (FeatureKey k : order) {
      down.put(k, new ArrayList<>());
    }
    for (FeatureKey k : order) {
      for (FeatureDep d : specs.get(k).deps()) {
        down.get(d.feature()).add(k);
      }
    }
    down.replaceAll((k, v) -> List.copyOf(v));
    this.downstream = Collections.unmodifiableMap(down);
    this.fieldTable = new FieldTable(order, specs, parents);
  }

  FieldTable fieldTable() {
    return fieldTable;
  }

  public static FeatureGraph empty() {
    return EMPTY;
  }

  public static FeatureGraph of(FeatureSpec... specs) {
    return of(List.of(specs));
  }

  /**
   * Builds and validates a graph. Every problem (duplicate keys, missing deps, bad field deps) is
   * reported together in one {@link InvalidSpecException}; a cycle alone raises {@link
   * GraphCycleException} naming it.
   */
  public static FeatureGraph of(Collection<FeatureSpec> specs) {
    List<Problem> problems = new ArrayList<>();
    Map<FeatureKey, FeatureSpec> byKey = new LinkedHashMap<>();
    for (FeatureSpec s : specs) {
      if (byKey.putIfAbsent(s.key(), s) != null) {
        problems.add(
            new Problem(
                ErrorCode.DUPLICATE_FEATURE,
                s.key().toString(),
                null,
                "Feature "
                    + s.key()
                    + " is defined more than once: give each feature a unique key."));
      }
    }
    for (FeatureSpec s : byKey.values()) {
      for (FeatureDep d : s.deps()) {
        if (!byKey.containsKey(d.feature())) {
          problems.add(
              new Problem(
                  ErrorCode.MISSING_DEPENDENCY,
                  s.key().toString(),
                  null,
                  "Feature "
                      + s.key()
                      + " depends on "
                      + d.feature()
                      + ", which is not in the graph: define "
                      + d.feature()
                      + " or remove the dependency."));
        }
      }
    }
    int fieldCount = 0;
    for (FeatureSpec s : byKey.values()) {
      fieldCount += s.fields().size();
    }
    Map<FieldRef, List<FieldRef>> parents = new HashMap<>(Math.max(16, fieldCount * 2));
    for (FeatureSpec s : byKey.values()) {
      for (FieldSpec f : s.fields()) {
        parents.put(new FieldRef(s.key(), f.key()), resolveParents(s, f, byKey, problems));
      }
    }
    List<String> cycle = findCycle(byKey);
    if (cycle != null) {
      if (problems.isEmpty()) {
        throw new GraphCycleException(cycle);
      }
      problems.add(
          new Problem(
              ErrorCode.GRAPH_CYCLE,
              cycle.get(0),
              null,
              "Feature dependencies form a cycle: "
                  + String.join(" -> ", cycle)
                  + ". Remove one of these dependencies."));
    }
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
    if (byKey.isEmpty()) {
      return EMPTY;
    }
    return new FeatureGraph(
        Collections.unmodifiableMap(byKey),
        topologicalOrder(byKey),
        Collections.unmodifiableMap(parents));
  }

  private static List<FieldRef> resolveParents(
      FeatureSpec s, FieldSpec f, Map<FeatureKey, FeatureSpec> byKey, List<Problem> problems) {
    if (s.deps().isEmpty()) {
      if (!f.deps().isEmpty()) {
        problems.add(
            new Problem(
                ErrorCode.FIELD_DEPENDENCY_NOT_A_DEPENDENCY,
                s.key().toString(),
                f.key().toString(),
                "Field "
                    + s.key()
                    + "."
                    + f.key()
                    + " declares field deps but the feature has no dependencies: add the"
                    + " upstream feature to its deps or remove the field deps."));
      }
      return List.of();
    }
    Set<FieldRef> out = new TreeSet<>();
    if (f.dependsOnAll()) {
      for (FeatureDep d : s.deps()) {
        allFields(d.feature(), byKey, out);
      }
    } else if (!f.deps().isEmpty()) {
      for (FieldDep fd : f.deps()) {
        if (s.dep(fd.feature()).isEmpty()) {
          problems.add(
              new Problem(
                  ErrorCode.FIELD_DEPENDENCY_NOT_A_DEPENDENCY,
                  s.key().toString(),
                  f.key().toString(),
                  "Field "
                      + s.key()
                      + "."
                      + f.key()
                      + " depends on "
                      + fd.feature()
                      + ", which is not a dependency of "
                      + s.key()
                      + ": add it to the feature's deps or fix the field dep."));
          continue;
        }
        FeatureSpec up = byKey.get(fd.feature());
        if (up == null) {
          continue; // reported as a missing dependency
        }
        if (fd.allFields()) {
          allFields(fd.feature(), byKey, out);
        } else {
          for (FieldKey fk : fd.fields()) {
            if (up.field(fk).isEmpty()) {
              problems.add(unknownField(s, f, up, fk));
            } else {
              out.add(new FieldRef(fd.feature(), fk));
            }
          }
        }
      }
    } else {
      for (FeatureDep d : s.deps()) {
        FeatureSpec up = byKey.get(d.feature());
        if (up == null) {
          continue;
        }
        FieldsMapping m = d.fieldsMapping();
        if (m instanceof FieldsMapping.All) {
          allFields(d.feature(), byKey, out);
        } else if (m instanceof FieldsMapping.Specific sp) {
          for (FieldKey fk : sp.mapping().getOrDefault(f.key(), List.of())) {
            if (up.field(fk).isEmpty()) {
              problems.add(unknownField(s, f, up, fk));
            } else {
              out.add(new FieldRef(d.feature(), fk));
            }
          }
        } else if (m instanceof FieldsMapping.Default dm) {
          defaultMapped(dm, f.key(), up, out);
        }
      }
    }
    return List.copyOf(out);
  }

  private static Problem unknownField(
      FeatureSpec s, FieldSpec f, FeatureSpec upstream, FieldKey fk) {
    FeatureKey up = upstream.key();
    return new Problem(
        ErrorCode.UNKNOWN_FIELD_DEPENDENCY,
        s.key().toString(),
        f.key().toString(),
        "Field "
            + s.key()
            + "."
            + f.key()
            + " depends on "
            + up
            + "."
            + fk
            + ", but "
            + up
            + " has no field \""
            + fk
            + "\": use one of "
            + upstream.fields().stream().map(x -> x.key().toString()).toList()
            + ".");
  }

  /** Matching upstream fields (none excluded); when none matches, every non-excluded field. */
  private static void defaultMapped(
      FieldsMapping.Default m, FieldKey field, FeatureSpec up, Set<FieldRef> out) {
    List<FieldRef> matched = new ArrayList<>();
    List<FieldRef> candidates = new ArrayList<>();
    for (FieldSpec uf : up.fields()) {
      if (m.excludeFields().contains(uf.key())) {
        continue;
      }
      FieldRef ref = new FieldRef(up.key(), uf.key());
      candidates.add(ref);
      if (m.matches(field, uf.key())) {
        matched.add(ref);
      }
    }
    out.addAll(matched.isEmpty() ? candidates : matched);
  }

  private static void allFields(
      FeatureKey upstream, Map<FeatureKey, FeatureSpec> byKey, Set<FieldRef> out) {
    FeatureSpec up = byKey.get(upstream);
    if (up != null) {
      for (FieldSpec uf : up.fields()) {
        out.add(new FieldRef(upstream, uf.key()));
      }
    }
  }

  /** Returns one cycle (first key repeated at the end) or {@code null}; deterministic. */
  private static List<String> findCycle(Map<FeatureKey, FeatureSpec> byKey) {
    Map<FeatureKey, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
    List<FeatureKey> sorted = new ArrayList<>(byKey.keySet());
    Collections.sort(sorted);
    for (FeatureKey start : sorted) {
      if (state.containsKey(start)) {
        continue;
      }
      Deque<FeatureKey> path = new ArrayDeque<>();
      Deque<java.util.Iterator<FeatureKey>> iters = new ArrayDeque<>();
      path.push(start);
      state.put(start, 1);
      iters.push(depKeys(byKey.get(start), byKey).iterator());
      while (!iters.isEmpty()) {
        java.util.Iterator<FeatureKey> it = iters.peek();
        if (it.hasNext()) {
          FeatureKey next = it.next();
          Integer st = state.get(next);
          if (st == null) {
            state.put(next, 1);
            path.push(next);
            iters.push(depKeys(byKey.get(next), byKey).iterator());
          } else if (st == 1) {
            List<String> cycle = new ArrayList<>();
            List<FeatureKey> stack = new ArrayList<>(path);
            Collections.reverse(stack);
            int from = stack.indexOf(next);
            for (FeatureKey k : stack.subList(from, stack.size())) {
              cycle.add(k.toString());
            }
            cycle.add(next.toString());
            return cycle;
          }
        } else {
          iters.pop();
          state.put(path.pop(), 2);
        }
      }
    }
    return null;
  }

  private static List<FeatureKey> depKeys(FeatureSpec s, Map<FeatureKey, FeatureSpec> byKey) {
    List<FeatureKey> keys = new ArrayList<>();
    for (FeatureDep d : s.deps()) {
      if (byKey.containsKey(d.feature())) {
        keys.add(d.feature());
      }
    }
    Collections.sort(keys);
    return keys;
  }

  private static List<FeatureKey> topologicalOrder(Map<FeatureKey, FeatureSpec> byKey) {
    Map<FeatureKey, Integer> indegree = new HashMap<>();
    Map<FeatureKey, List<FeatureKey>> children = new HashMap<>();
    for (FeatureSpec s : byKey.values()) {
      indegree.put(s.key(), s.deps().size());
      for (FeatureDep d : s.deps()) {
        children.computeIfAbsent(d.feature(), k -> new ArrayList<>()).add(s.key());
      }
    }
    PriorityQueue<FeatureKey> ready = new PriorityQueue<>();
    indegree.forEach(
        (k, v) -> {
          if (v == 0) {
            ready.add(k);
          }
        });
    List<FeatureKey> order = new ArrayList<>(byKey.size());
    while (!ready.isEmpty()) {
      FeatureKey k = ready.poll();
      order.add(k);
      for (FeatureKey c : children.getOrDefault(k, List.of())) {
        if (indegree.merge(c, -1, Integer::sum) == 0) {
          ready.add(c);
        }
      }
    }
    return List.copyOf(order);
  }

  /** Features in deterministic topological order (upstream first, ties by key string). */
  public List<FeatureKey> topologicalOrder() {
    return topologicalOrder;
  }

  /** Specs in topological order. */
  public List<FeatureSpec> features() {
    return topologicalOrder.stream().map(specs::get).toList();
  }

  public boolean isEmpty() {
    return specs.isEmpty();
  }

  public int size() {
    return specs.size();
  }

  public boolean contains(FeatureKey key) {
    return specs.containsKey(key);
  }

  public Optional<FeatureSpec> find(FeatureKey key) {
    return Optional.ofNullable(specs.get(key));
  }

  /** The spec of {@code key}; throws {@link FeatureNotFoundException} naming it if absent. */
  public FeatureSpec get(FeatureKey key) {
    FeatureSpec s = specs.get(key);
    if (s == null) {
      throw new FeatureNotFoundException(
          String.valueOf(key),
          "Feature "
              + key
              + " is not in the feature graph: check the key or register the feature (known: "
              + (specs.size() <= 20 ? topologicalOrder.toString() : specs.size() + " features")
              + ").");
    }
    return s;
  }

  public FeatureSpec get(String key) {
    return get(FeatureKey.of(key));
  }

  /** Direct upstream features, in declaration order. */
  public List<FeatureKey> upstream(FeatureKey key) {
    return get(key).deps().stream().map(FeatureDep::feature).toList();
  }

  /** Direct downstream features, in topological order. */
  public List<FeatureKey> downstream(FeatureKey key) {
    get(key);
    return downstream.get(key);
  }

  /** Every feature {@code key} depends on, transitively, in topological order. */
  public List<FeatureKey> transitiveUpstream(FeatureKey key) {
    Set<FeatureKey> seen = new LinkedHashSet<>();
    Deque<FeatureKey> todo = new ArrayDeque<>(upstream(key));
    while (!todo.isEmpty()) {
      FeatureKey k = todo.pop();
      if (seen.add(k)) {
        todo.addAll(upstream(k));
      }
    }
    return topologicalOrder.stream().filter(seen::contains).toList();
  }

  /** Every feature depending on {@code key}, transitively, in topological order. */
  public List<FeatureKey> transitiveDownstream(FeatureKey key) {
    Set<FeatureKey> seen = new LinkedHashSet<>();
    Deque<FeatureKey> todo = new ArrayDeque<>(downstream(key));
    while (!todo.isEmpty()) {
      FeatureKey k = todo.pop();
      if (seen.add(k)) {
        todo.addAll(downstream.get(k));
      }
    }
    return topologicalOrder.stream().filter(seen::contains).toList();
  }

  /** Parent fields of {@code feature.field}, sorted by {@code "feature.field"} (rules of §1). */
  public List<FieldRef> parentFields(FieldRef field) {
    List<FieldRef> p = parents.get(field);
    if (p == null) {
      get(field.feature());
      throw new FeatureNotFoundException(
          field.feature().toString(),
          "Feature " + field.feature() + " has no field \"" + field.field() + "\".");
    }
    return p;
  }

  public List<FieldRef> parentFields(FeatureKey feature, FieldKey field) {
    return parentFields(new FieldRef(feature, field));
  }

  /** Graph-level versions under the given truncation, computed once and cached. */
  public GraphVersions versions(Truncation truncation) {
    return versions.computeIfAbsent(truncation, t -> new GraphVersions(this, t));
  }

  /** Graph-level versions under the default truncation (8). */
  public GraphVersions versions() {
    return versions(Truncation.DEFAULT);
  }

  /** A new graph with {@code spec} added or replaced; validated again. */
  public FeatureGraph with(FeatureSpec spec) {
    Map<FeatureKey, FeatureSpec> copy = new LinkedHashMap<>(specs);
    copy.put(spec.key(), spec);
    return of(copy.values());
  }
}
