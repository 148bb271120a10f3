package io.metaxy.ports.system;

import java.util.List;
import java.util.Map;

/**
 * Records graph snapshots in the {@code feature_versions} system table: one row per feature with
 * key, feature version, spec version, spec JSON, snapshot version, time and the snapshot's tags
 * (the {@code tags} column); a snapshot is recorded once.
 */
public interface SnapshotRegistry {
  /**
   * Records the store's current graph with {@code tags} (stored as {@link
   * SnapshotTags#toColumnJson()}) unless this snapshot is already recorded; an already recorded
   * snapshot keeps the tags of its first push.
   */
  PushResult push(SnapshotTags tags);

  /** Records the store's current graph without user tags (see {@link #push(SnapshotTags)}). */
  default PushResult push() {
    return push(SnapshotTags.none());
  }

  /** Every recorded snapshot, oldest first. */
  List<SnapshotSummary> snapshots();

  /** The feature rows of one recorded snapshot, in key order; empty if unknown. */
  List<FeatureVersionRecord> featureVersions(String snapshotVersion);

  /**
   * The tags of every recorded snapshot of the project, by snapshot version; a snapshot recorded
   * without a {@code tags} value is absent.
   */
  Map<String, SnapshotTags> snapshotTags();

  /** The tags of one snapshot; {@link SnapshotTags#none()} if unknown or recorded without. */
  default SnapshotTags snapshotTags(String snapshotVersion) {
    return snapshotTags().getOrDefault(snapshotVersion, SnapshotTags.none());
  }
}
