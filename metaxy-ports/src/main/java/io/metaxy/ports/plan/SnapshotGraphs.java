package io.metaxy.ports.plan;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.SnapshotRegistry;
import io.metaxy.ports.system.SnapshotSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rebuilds the feature graph of a pushed snapshot from its {@code feature_versions} rows. The spec
 * text is parsed by the caller's parser (the ports have no JSON reader; pass e.g. {@code
 * DefinitionsCodec::readSpec}).
 */
public final class SnapshotGraphs {
  private SnapshotGraphs() {}

  /**
   * The graph of {@code snapshotVersion} (a unique prefix of a recorded version is accepted); error
   * naming the version and the recorded ones when it is unknown.
   */
  public static FeatureGraph graphOf(
      SnapshotRegistry registry, String snapshotVersion, Function<String, FeatureSpec> parser) {
    String version = resolve(registry, snapshotVersion);
    List<FeatureSpec> specs = new ArrayList<>();
    for (FeatureVersionRecord r : registry.featureVersions(version)) {
      specs.add(parser.apply(r.featureSpec()));
    }
    return FeatureGraph.of(specs);
  }

  /** The full recorded version matching {@code versionOrPrefix}. */
  public static String resolve(SnapshotRegistry registry, String versionOrPrefix) {
    List<String> all = registry.snapshots().stream().map(SnapshotSummary::snapshotVersion).toList();
    if (all.contains(versionOrPrefix)) {
      return versionOrPrefix;
    }
    List<String> matches = all.stream().filter(v -> v.startsWith(versionOrPrefix)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new IllegalArgumentException(
        (matches.isEmpty() ? "Unknown snapshot " : "Ambiguous snapshot ")
            + versionOrPrefix
            + ": recorded snapshots are "
            + (all.isEmpty() ? "none (run `metaxy push`)" : String.join(", ", all))
            + ".");
  }
}
