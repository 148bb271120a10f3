package io.metaxy.adapter.jooq;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.domain.write.RebaseRules;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.system.RebaseResult;
import io.metaxy.ports.system.ResumableRebase;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** The data-migration port of the jOOQ store: rebase rows of an old feature version. */
final class Rebaser {
  private final StoreContext cx;
  private final StoreSettings settings;
  private final JooqStoreConfig config;
  private final DialectSql sql;
  private final Catalog catalog;
  private final GraphVersions versions;
  private final JooqMetadataStore store;

  Rebaser(StoreContext cx, JooqMetadataStore store) {
    this.cx = cx;
    this.settings = cx.settings();
    this.config = cx.config();
    this.sql = cx.sql();
    this.catalog = cx.catalog();
    this.versions = cx.versions();
    this.store = store;
  }

  public RebaseResult rebase(
      FeatureKey feature, String fromFeatureVersion, String toFeatureVersion, String migrationId) {
    cx.requireOpen();
    Objects.requireNonNull(migrationId, "migrationId");
    return ResumableRebase.recordingTo(store, settings.project(), settings.clock())
        .run(
            feature,
            fromFeatureVersion,
            migrationId,
            () -> carry(feature, fromFeatureVersion, toFeatureVersion));
  }

  /**
   * Carries the latest rows of {@code from} to the current feature version: user columns and
   * created_at kept; provenance recomputed from the current upstream for non-root features (in SQL,
   * via the increment), kept for roots; user data-version overrides kept.
   */
  private long carry(FeatureKey feature, String from, String to) {
    FeatureSpec spec = settings.graph().get(feature);
    String target = RebaseRules.check(spec, from, to, versions.featureVersion(feature));
    List<Row> old;
    try (Stream<Row> s = store.read(feature, ReadOptions.defaults().withFeatureVersion(from))) {
      old = s.toList();
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
    // the provenance the current upstream expects, for every sample (RebaseRules: also samples
    // that already have rows of the target version): new and stale samples from the increment; a
    // sample with neither already has a current row of the target version with that provenance
    Map<IdKey, Map<String, String>> expected = new HashMap<>();
    List<String> key = keyOf(spec);
    try (Increment inc = store.resolveUpdate(feature)) {
      try (Stream<Row> s = inc.newRows()) {
        s.forEach(r -> expected.put(IdKey.of(r, key), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
      }
      try (Stream<Row> s = inc.staleRows()) {
        s.forEach(r -> expected.put(IdKey.of(r, key), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
      }
    }
    try (Stream<Row> s = store.read(feature, ReadOptions.defaults())) {
      s.forEach(
          r -> expected.putIfAbsent(IdKey.of(r, key), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
    }
    Instant now = settings.clock().instant();
    List<Row> out = new ArrayList<>(old.size());
    for (Row r : old) {
      out.add(
          RebaseRules.rebased(
              r,
              expected.get(IdKey.of(r, key)),
              target,
              versions.projectVersion(),
              now,
              cx::combine));
    }
    return store.write(feature, out);
  }

  private static List<String> keyOf(FeatureSpec spec) {
    for (io.metaxy.domain.spec.FeatureDep d : spec.deps()) {
      if (d.lineage() instanceof io.metaxy.domain.spec.Lineage.Expansion e) {
        return e.on();
      }
    }
    return spec.idColumns();
  }
}
