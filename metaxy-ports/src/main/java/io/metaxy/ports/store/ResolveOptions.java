package io.metaxy.ports.store;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inputs of {@link IncrementResolver#resolveUpdate}.
 *
 * @param samples for a root feature: ID columns plus {@code metaxy_provenance_by_field}; required
 *     for roots, ignored otherwise
 * @param stalenessPredicates rows of the target matching any of these (OR-ed) are stale too
 * @param featureFilters filters applied when reading a given feature (upstream or target)
 * @param globalFilters filters applied when reading every feature involved
 * @param targetFilters filters applied to the target's expected and stored rows only
 */
public record ResolveOptions(
    List<Row> samples,
    List<String> stalenessPredicates,
    Map<FeatureKey, List<String>> featureFilters,
    List<String> globalFilters,
    List<String> targetFilters) {

  public ResolveOptions {
    samples = samples == null ? null : List.copyOf(samples);
    stalenessPredicates =
        stalenessPredicates == null ? List.of() : List.copyOf(stalenessPredicates);
    Map<FeatureKey, List<String>> ff = new LinkedHashMap<>();
    if (featureFilters != null) {
      featureFilters.forEach((k, v) -> ff.put(k, List.copyOf(v)));
    }
    featureFilters = java.util.Collections.unmodifiableMap(ff);
    globalFilters = globalFilters == null ? List.of() : List.copyOf(globalFilters);
    targetFilters = targetFilters == null ? List.of() : List.copyOf(targetFilters);
  }

  public static ResolveOptions defaults() {
    return new ResolveOptions(null, List.of(), Map.of(), List.of(), List.of());
  }

  /** Options for a root feature with the given samples. */
  public static ResolveOptions withSamples(List<Row> samples) {
    return defaults().samples(samples);
  }

  public ResolveOptions samples(List<Row> rows) {
    return new ResolveOptions(
        rows, stalenessPredicates, featureFilters, globalFilters, targetFilters);
  }

  public ResolveOptions staleWhen(String... predicates) {
    List<String> p = new ArrayList<>(stalenessPredicates);
    p.addAll(List.of(predicates));
    return new ResolveOptions(samples, p, featureFilters, globalFilters, targetFilters);
  }

  public ResolveOptions filter(FeatureKey feature, String... predicates) {
    Map<FeatureKey, List<String>> ff = new LinkedHashMap<>(featureFilters);
    List<String> l = new ArrayList<>(ff.getOrDefault(feature, List.of()));
    l.addAll(List.of(predicates));
    ff.put(feature, l);
    return new ResolveOptions(samples, stalenessPredicates, ff, globalFilters, targetFilters);
  }

  public ResolveOptions globalFilter(String... predicates) {
    List<String> p = new ArrayList<>(globalFilters);
    p.addAll(List.of(predicates));
    return new ResolveOptions(samples, stalenessPredicates, featureFilters, p, targetFilters);
  }

  public ResolveOptions targetFilter(String... predicates) {
    List<String> p = new ArrayList<>(targetFilters);
    p.addAll(List.of(predicates));
    return new ResolveOptions(samples, stalenessPredicates, featureFilters, globalFilters, p);
  }
}
