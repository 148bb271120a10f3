package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.ReadOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Rebase (data migration): carries the latest live rows of an old feature version to a new one,
 * keeping user columns, {@code metaxy_created_at} and user data-version overrides, with provenance
 * recomputed from the current upstream. The rows are appended in one write.
 */
public final class Rebaser {
  private final StoreContext ctx;
  private final FeatureReader reader;
  private final FeatureWriter writer;

  public Rebaser(StoreContext ctx, FeatureReader reader, FeatureWriter writer) {
    this.ctx = ctx;
    this.reader = reader;
    this.writer = writer;
  }

  /** Copies the rows of version {@code from} to {@code to} (default: current); the row count. */
  public long copyVersion(FeatureSpec spec, String from, String to) {
    FeatureKey feature = spec.key();
    if (from == null || from.isBlank()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "No source feature version given for rebasing " + feature + ": name the old version.");
    }
    String target = to != null ? to : ctx.versions().featureVersion(feature);
    List<Row> old = List.of();
    if (ctx.columns(ctx.tableOf(feature)) != null) {
      try (Stream<Row> s = reader.select(spec, from, false, false, false, List.of())) {
        old = s.toList();
      }
    }
    if (old.isEmpty()) {
      throw new MetaxyException(
          ErrorCode.MIGRATION_FAILED,
          "Feature "
              + feature
              + " has no rows of feature version "
              + from
              + " to rebase: check the version (see the feature_versions snapshots).");
    }
    List<String> keyColumns = ctx.engine().keyColumns(feature);
    Map<IdKey, Map<String, String>> expected = new HashMap<>();
    if (!spec.isRoot()) {
      try (Stream<Row> s =
          ctx.engine().expectedRows(feature, up -> reader.read(up, ReadOptions.defaults()))) {
        s.forEach(
            r ->
                expected.putIfAbsent(
                    IdKey.of(r, keyColumns), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
      }
    }
    Instant now = ctx.settings().clock().instant();
    String snapshot = ctx.versions().snapshotVersion();
    List<Row> out = new ArrayList<>(old.size());
    for (Row r : old) {
      Map<String, String> oldPbf = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
      Map<String, String> oldDv = r.getMap(SystemColumns.DATA_VERSION_BY_FIELD);
      Map<String, String> pbf =
          new TreeMap<>(expected.getOrDefault(IdKey.of(r, keyColumns), oldPbf));
      Map<String, String> dv = new TreeMap<>(pbf);
      oldDv.forEach(
          (f, v) -> {
            if (v != null && !v.equals(oldPbf.get(f))) {
              dv.put(f, v);
            }
          });
      out.add(
          r.with(SystemColumns.PROVENANCE_BY_FIELD, pbf)
              .with(SystemColumns.PROVENANCE, ctx.engine().combine(pbf))
              .with(SystemColumns.DATA_VERSION_BY_FIELD, dv)
              .with(SystemColumns.DATA_VERSION, ctx.engine().combine(dv))
              .with(SystemColumns.FEATURE_VERSION, target)
              .with(SystemColumns.SNAPSHOT_VERSION, snapshot)
              .with(SystemColumns.UPDATED_AT, now)
              .with(SystemColumns.DELETED_AT, null));
    }
    writer.append(feature, out);
    return out.size();
  }
}
