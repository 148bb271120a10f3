package io.metaxy.domain.write;

import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@code metaxy_created_at} is filled ({@code docs/semantics.md §5}: "created_at only if
 * absent"): a given value is kept; otherwise the sample keeps the first {@code created_at} the
 * store holds for it (any feature version); otherwise the first value this batch gives for the
 * sample; otherwise the write time. Stores look up the stored values under the same lock or
 * transaction that appends the batch.
 */
public final class CreatedAtRule {
  private CreatedAtRule() {}

  /**
   * {@code completed} with {@code metaxy_created_at} filled.
   *
   * @param idColumns the feature's ID columns
   * @param stored the first stored {@code created_at} of a sample, or {@code null}
   * @param now the write time
   */
  public static List<Row> fill(
      List<Row> completed, List<String> idColumns, Function<IdKey, Instant> stored, Instant now) {
    Map<IdKey, Instant> firstInBatch = new HashMap<>();
    List<Row> out = new ArrayList<>(completed.size());
    for (Row r : completed) {
      IdKey id = IdKey.of(r, idColumns);
      Instant createdAt = WriteContract.toInstant(r.get(SystemColumns.CREATED_AT));
      if (createdAt == null) {
        createdAt = stored.apply(id);
      }
      if (createdAt == null) {
        createdAt = firstInBatch.getOrDefault(id, now);
      }
      firstInBatch.putIfAbsent(id, createdAt);
      out.add(r.with(SystemColumns.CREATED_AT, createdAt));
    }
    return out;
  }

  /** The ID keys of {@code rows} that carry no {@code metaxy_created_at} (what to look up). */
  public static List<IdKey> missing(List<Row> rows, List<String> idColumns) {
    List<IdKey> out = new ArrayList<>();
    for (Row r : rows) {
      if (r.get(SystemColumns.CREATED_AT) == null) {
        out.add(IdKey.of(r, idColumns));
      }
    }
    return out;
  }
}
