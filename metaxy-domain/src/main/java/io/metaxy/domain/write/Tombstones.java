package io.metaxy.domain.write;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.time.Instant;
import java.util.List;

/**
 * Soft deletes: the tombstone of a sample is its latest row with {@code metaxy_deleted_at} set to
 * the delete time. Every other column is kept, {@code metaxy_updated_at} included (it says when the
 * data last changed, as in Python Metaxy), and so is {@code metaxy_created_at}. A sample held only
 * in a fallback store is tombstoned locally from the fallback's row.
 */
public final class Tombstones {
  private Tombstones() {}

  /** The tombstone of {@code latest}, deleted at {@code now}. */
  public static Row of(Row latest, Instant now) {
    return latest.with(SystemColumns.DELETED_AT, now);
  }

  /** Tombstones of every row of {@code latest}. */
  public static List<Row> of(List<Row> latest, Instant now) {
    return latest.stream().map(r -> of(r, now)).toList();
  }
}
