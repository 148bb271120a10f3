package io.metaxy.ports.store;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds upstream features whose stored samples sit only under older feature versions, through the
 * read port alone (so every store gets it). The typical case: a root feature's code version was
 * bumped, its rows were not re-written, and every downstream increment is empty because the current
 * root version has no samples.
 */
public final class UpstreamVersions {
  private UpstreamVersions() {}

  /**
   * An upstream feature with samples under older feature versions that are missing from the current
   * one.
   *
   * @param feature the upstream feature
   * @param root whether it is a root feature (its rows come from the caller)
   * @param olderOnly samples stored under an older version but not under the current one
   * @param current samples stored under the current version
   */
  public record Outdated(FeatureKey feature, boolean root, long olderOnly, long current) {
    /** One line saying what is wrong and what to do. */
    public String message() {
      return (root ? "root " : "upstream ")
          + feature
          + ": "
          + olderOnly
          + " sample(s) under older versions only, "
          + current
          + " under the current one — re-write them"
          + (root ? " (roots are written by your code)" : "")
          + " or rebase them (metaxy metadata rebase "
          + feature
          + " --from OLD_VERSION)";
    }
  }

  /**
   * Checks {@code feature} itself (when it is a root) and every transitive upstream of it in {@code
   * store}'s graph.
   */
  public static List<Outdated> check(MetadataStore store, FeatureKey feature) {
    FeatureGraph graph = store.graph();
    List<FeatureKey> keys = new ArrayList<>(graph.transitiveUpstream(feature));
    if (graph.get(feature).isRoot()) {
      keys.add(feature);
    }
    List<Outdated> out = new ArrayList<>();
    for (FeatureKey k : keys) {
      outdated(store, k).ifPresent(out::add);
    }
    return out;
  }

  /**
   * A cheap form of {@link #check} for every increment: only upstreams (transitive) with no sample
   * at all under their current version are counted, the case where every downstream increment is
   * silently empty.
   */
  public static List<Outdated> checkEmptyCurrent(MetadataStore store, FeatureKey feature) {
    return checkEmptyCurrent(store, feature, k -> hasCurrentVersionRows(store, k));
  }

  /**
   * Whether {@code store} holds any row of {@code feature} under its current feature version
   * (history and soft-deleted rows included), asked through the read port.
   */
  public static boolean hasCurrentVersionRows(MetadataStore store, FeatureKey feature) {
    // any stored row of the current version will do: no merge to the latest row needed
    FeatureSpec spec = store.graph().get(feature);
    try (Stream<Row> rows =
        store.read(
            feature,
            ReadOptions.defaults()
                .withSampleHistory()
                .withDeleted()
                .withColumns(spec.idColumns().toArray(String[]::new)))) {
      return rows.findAny().isPresent();
    }
  }

  /**
   * {@link #checkEmptyCurrent(MetadataStore, FeatureKey)} with the store's own test of "some row is
   * stored under the feature's current version" (e.g. one probe that stops at the first row, where
   * the read port would sort or stream the table).
   */
  public static List<Outdated> checkEmptyCurrent(
      MetadataStore store,
      FeatureKey feature,
      java.util.function.Predicate<FeatureKey> hasCurrentVersionRows) {
    List<Outdated> out = new ArrayList<>();
    for (FeatureKey k : store.graph().transitiveUpstream(feature)) {
      if (!hasCurrentVersionRows.test(k)) {
        outdated(store, k).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Whether {@code feature} has samples only under older feature versions. */
  public static java.util.Optional<Outdated> outdated(MetadataStore store, FeatureKey feature) {
    FeatureSpec spec = store.graph().get(feature);
    String currentVersion =
        store.graph().versions(store.settings().truncation()).featureVersion(feature);
    Set<List<Object>> current = new HashSet<>();
    Set<List<Object>> older = new HashSet<>();
    List<String> cols = new ArrayList<>(spec.idColumns());
    cols.add(SystemColumns.FEATURE_VERSION);
    try (Stream<Row> rows =
        store.read(
            feature,
            ReadOptions.defaults()
                .withAllFeatureVersions()
                .withColumns(cols.toArray(String[]::new)))) {
      rows.forEach(
          r -> {
            List<Object> id = new ArrayList<>(spec.idColumns().size());
            for (String c : spec.idColumns()) {
              id.add(r.get(c));
            }
            if (currentVersion.equals(r.get(SystemColumns.FEATURE_VERSION))) {
              current.add(id);
            } else {
              older.add(id);
            }
          });
    }
    older.removeAll(current);
    if (older.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Outdated(feature, spec.isRoot(), older.size(), current.size()));
  }
}
