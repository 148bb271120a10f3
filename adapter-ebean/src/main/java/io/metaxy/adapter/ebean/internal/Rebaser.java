package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.domain.write.RebaseRules;
import io.metaxy.ports.store.ReadOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Rebase (data migration) under the shared {@link RebaseRules}: a root feature and a target other
 * than the current version are refused; every latest live row of the source version — also of
 * samples that already have rows under the target version — is appended under the current version
 * with provenance recomputed from the current upstream, keeping user columns, {@code
 * metaxy_created_at} and user data-version overrides. The rows are appended in one write.
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

  /** Copies the rows of version {@code from} to the current version; the row count. */
  public long copyVersion(FeatureSpec spec, String from, String to) {
    FeatureKey feature = spec.key();
    String target = RebaseRules.check(spec, from, to, ctx.versions().featureVersion(feature));
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
    try (Stream<Row> s =
        ctx.engine().expectedRows(feature, up -> reader.read(up, ReadOptions.defaults()))) {
      s.forEach(
          r ->
              expected.putIfAbsent(
                  IdKey.of(r, keyColumns), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
    }
    Instant now = ctx.settings().clock().instant();
    String snapshot = ctx.versions().projectVersion();
    List<Row> out = new ArrayList<>(old.size());
    for (Row r : old) {
      out.add(
          RebaseRules.rebased(
              r,
              expected.get(IdKey.of(r, keyColumns)),
              target,
              snapshot,
              now,
              ctx.engine()::combine));
    }
    writer.append(feature, out);
    return out.size();
  }
}
