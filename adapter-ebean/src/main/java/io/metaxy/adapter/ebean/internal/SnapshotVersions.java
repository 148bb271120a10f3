package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.hash.Sha256;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import java.util.Map;
import java.util.TreeMap;

/**
 * The snapshot version of a recorded push from its feature versions alone, hashed like {@code
 * GraphVersions.snapshotVersion}: sha256 over the feature keys in key-part order, each followed by
 * its feature version, truncated; {@code empty} without features. Python Metaxy records no snapshot
 * version, so Java derives it for the pushes Python made.
 */
public final class SnapshotVersions {
  private SnapshotVersions() {}

  /** The snapshot version of {@code featureVersions} (feature key → feature version). */
  public static String of(Map<FeatureKey, String> featureVersions, Truncation truncation) {
    if (featureVersions.isEmpty()) {
      return "empty";
    }
    Map<FeatureKey, String> sorted = new TreeMap<>(FeatureKey.BY_PARTS);
    sorted.putAll(featureVersions);
    Sha256 h = Sha256.start();
    sorted.forEach((k, v) -> h.update(k.toString()).update(v));
    return truncation.apply(h.hex());
  }
}
