package io.metaxy.ports.system;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
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
   * snapshot keeps the tags of its first push. Stores implement this method; the default serves
   * stores written before tags, which override {@link #push()} instead: it refuses tags.
   */
  default PushResult push(SnapshotTags tags) {
    if (!tags.isEmpty()) {
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE,
          getClass().getSimpleName()
              + " does not record snapshot tags: push without --tag, or use a store that keeps"
              + " the tags column (memory, jOOQ, Ebean).");
    }
    return push();
  }

  /**
   * Records the store's current graph without user tags (see {@link #push(SnapshotTags)}; a store
   * implements one of the two).
   */
  default PushResult push() {
    return push(SnapshotTags.none());
  }

  /** Every recorded snapshot, oldest first. */
  List<SnapshotSummary> snapshots();

  /** The feature rows of one recorded snapshot, in key order; empty if unknown. */
  List<FeatureVersionRecord> featureVersions(String snapshotVersion);

  /**
   * The tags of every recorded snapshot of the project, by snapshot version; a snapshot recorded
   * without a {@code tags} value is absent. The default (stores written before tags) has none.
   */
  default Map<String, SnapshotTags> snapshotTags() {
    return Map.of();
  }

  /** The tags of one snapshot; {@link SnapshotTags#none()} if unknown or recorded without. */
  default SnapshotTags snapshotTags(String snapshotVersion) {
    return snapshotTags().getOrDefault(snapshotVersion, SnapshotTags.none());
  }
}
