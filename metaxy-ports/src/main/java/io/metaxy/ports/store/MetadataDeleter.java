package io.metaxy.ports.store;

import io.metaxy.domain.key.FeatureKey;

/**
 * Deletes samples of a feature: soft (appends tombstone rows with {@code metaxy_deleted_at}; a
 * later write revives the sample) or hard (physically removes every matching row).
 */
public interface MetadataDeleter {
  /** Returns the number of samples (soft) or rows (hard) affected. */
  long delete(FeatureKey feature, DeleteOptions options);
}
