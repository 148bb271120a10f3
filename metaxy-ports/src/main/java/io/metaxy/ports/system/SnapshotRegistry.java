package io.metaxy.ports.system;

import java.util.List;

/**
 * Records graph snapshots in the {@code feature_versions} system table: one row per feature with
 * key, feature version, spec version, spec JSON, snapshot version and time; a snapshot is recorded
 * once.
 */
public interface SnapshotRegistry {
  /** Records the store's current graph unless this snapshot is already recorded. */
  PushResult push();

  /** Every recorded snapshot, oldest first. */
  List<SnapshotSummary> snapshots();

  /** The feature rows of one recorded snapshot, in key order; empty if unknown. */
  List<FeatureVersionRecord> featureVersions(String snapshotVersion);
}
