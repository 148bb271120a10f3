package io.metaxy.domain.provenance;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import java.util.stream.Stream;

/**
 * Supplies the rows of one upstream feature to the {@link ProvenanceEngine}: already merged (the
 * latest row per sample, soft-deleted rows excluded) under the upstream's current feature version,
 * with any per-feature and global filters of the caller applied. The engine closes the stream.
 */
@FunctionalInterface
public interface UpstreamSource {
  Stream<Row> rows(FeatureKey upstream);
}
