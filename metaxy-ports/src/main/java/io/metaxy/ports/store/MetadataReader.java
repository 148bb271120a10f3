package io.metaxy.ports.store;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import java.util.stream.Stream;

/**
 * Reads feature metadata with merge-on-read: by default the latest row per sample of the current
 * feature version, soft-deleted rows hidden. The returned stream may hold a database cursor: close
 * it (try-with-resources).
 */
public interface MetadataReader {
  Stream<Row> read(FeatureKey feature, ReadOptions options);

  default Stream<Row> read(FeatureKey feature) {
    return read(feature, ReadOptions.defaults());
  }

  /** True when this store (not its fallbacks) holds any row of the feature. */
  boolean hasFeature(FeatureKey feature);
}
