package io.metaxy.adapter.inmemory.internal;

import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.row.Row;
import java.time.Instant;
import java.util.List;

/**
 * One physical row of a feature table with what merge-on-read needs precomputed.
 *
 * @param sequence global commit order: the latest row of a sample is the one with the highest
 *     sequence (the write that committed last, ADR-0004)
 * @param row the full row, every system column filled
 * @param idColumns the feature's ID columns (shared by every row: the key is read from the row on
 *     demand rather than kept per row)
 * @param featureVersion {@code metaxy_feature_version}
 * @param order {@code coalesce(metaxy_deleted_at, metaxy_updated_at)}
 * @param deleted true for a tombstone
 */
public record StoredRow(
    long sequence,
    Row row,
    List<String> idColumns,
    String featureVersion,
    Instant order,
    boolean deleted) {

  /** The values of the feature's ID columns (a new key each call). */
  public IdKey id() {
    return IdKey.of(row, idColumns);
  }

  /** True when this row supersedes {@code other} of the same sample: it committed later. */
  public boolean newerThan(StoredRow other) {
    return sequence > other.sequence;
  }
}
