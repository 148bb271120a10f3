package io.metaxy.ports.store;

import java.util.List;

/**
 * How to read a feature. Defaults: current feature version, latest row per sample, soft-deleted
 * rows hidden, all columns, no filters.
 *
 * @param featureVersion a specific feature version, or {@code null} for the current one
 * @param allFeatureVersions read every feature version (latest row per sample and version)
 * @param sampleHistory return every stored row, no merge to the latest
 * @param includeDeleted include soft-deleted samples (their tombstone rows)
 * @param filters filter predicates applied after the merge
 * @param columns columns to return, or {@code null} for all
 */
public record ReadOptions(
    String featureVersion,
    boolean allFeatureVersions,
    boolean sampleHistory,
    boolean includeDeleted,
    List<String> filters,
    List<String> columns) {

  public ReadOptions {
    filters = filters == null ? List.of() : List.copyOf(filters);
    columns = columns == null ? null : List.copyOf(columns);
  }

  public static ReadOptions defaults() {
    return new ReadOptions(null, false, false, false, List.of(), null);
  }

  public ReadOptions withFeatureVersion(String version) {
    return new ReadOptions(
        version, allFeatureVersions, sampleHistory, includeDeleted, filters, columns);
  }

  public ReadOptions withAllFeatureVersions() {
    return new ReadOptions(featureVersion, true, sampleHistory, includeDeleted, filters, columns);
  }

  public ReadOptions withSampleHistory() {
    return new ReadOptions(
        featureVersion, allFeatureVersions, true, includeDeleted, filters, columns);
  }

  public ReadOptions withDeleted() {
    return new ReadOptions(
        featureVersion, allFeatureVersions, sampleHistory, true, filters, columns);
  }

  public ReadOptions withFilters(String... predicates) {
    return new ReadOptions(
        featureVersion,
        allFeatureVersions,
        sampleHistory,
        includeDeleted,
        List.of(predicates),
        columns);
  }

  public ReadOptions withColumns(String... names) {
    return new ReadOptions(
        featureVersion, allFeatureVersions, sampleHistory, includeDeleted, filters, List.of(names));
  }
}
