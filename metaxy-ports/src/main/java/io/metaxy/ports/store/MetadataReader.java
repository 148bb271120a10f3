package io.metaxy.ports.store;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import java.util.stream.Stream;

/**
 * Reads feature metadata with merge-on-read: by default the latest row per sample of the current
 * feature version, soft-deleted rows hidden. The returned stream may hold a database cursor: close
 * it (try-with-resources).
 *
 * <p>The latest row of a sample is the row of the write that <em>committed</em> last (ADR-0004):
 * stores serialise writes of one feature and give each committed row an increasing order (the SQL
 * stores a database-assigned {@code metaxy_write_seq} under a database lock, the in-memory store
 * its append sequence). Several store instances on one storage follow the same rule.
 *
 * <p>A feature this store does not hold is read from its fallback chain ({@link FallbackChain}).
 * Filters naming a column the feature does not have are an error (see {@link
 * io.metaxy.domain.filter.FilterColumns}).
 */
public interface MetadataReader {
  Stream<Row> read(FeatureKey feature, ReadOptions options);

  default Stream<Row> read(FeatureKey feature) {
    return read(feature, ReadOptions.defaults());
  }

  /** True when this store (not its fallbacks) holds any row of the feature. */
  boolean hasFeature(FeatureKey feature);
}
