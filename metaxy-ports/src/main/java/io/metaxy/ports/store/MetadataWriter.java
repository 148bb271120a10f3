package io.metaxy.ports.store;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import java.util.List;

/**
 * Appends rows to a feature's metadata under the write contract of {@link
 * io.metaxy.domain.write.WriteContract} (ADR-0004): the store validates every row and fills the
 * system columns it is not given (feature and snapshot version, provenance, data versions,
 * timestamps, materialization id). A write is atomic: on error nothing is written and the exception
 * names the feature and column.
 */
public interface MetadataWriter {
  /** Appends {@code rows}; returns the number written. */
  long write(FeatureKey feature, List<Row> rows, WriteOptions options);

  default long write(FeatureKey feature, List<Row> rows) {
    return write(feature, rows, WriteOptions.defaults());
  }
}
