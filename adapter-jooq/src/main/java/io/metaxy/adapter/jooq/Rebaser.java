package io.metaxy.adapter.jooq;

import io.metaxy.adapter.jooq.internal.Catalog;
import io.metaxy.adapter.jooq.internal.DialectSql;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.system.RebaseResult;
import io.metaxy.ports.system.ResumableRebase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
    if (from == null || from.isBlank()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "No source feature version given for rebasing " + feature + ": name the old version.");
    }
    String current = versions.featureVersion(feature);
    if (to != null && !to.equals(current)) {
      throw new MetaxyException(
          ErrorCode.MIGRATION_FAILED,
          "Rebase of feature "
              + feature
              + " targets feature version "
              + to
              + ", but the store's graph is at "
              + current
              + ": open the store with the graph of the target version (withGraph).");
    }
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
    Map<IdKey, Map<String, String>> expected = new HashMap<>();
    List<String> key = keyOf(spec);
    if (!spec.isRoot()) {
      // the provenance the current upstream expects, for every sample: new and stale samples from
      // the increment; a sample with neither already has a row of the target version whose
      // provenance is the expected one
      try (Increment inc = store.resolveUpdate(feature)) {
        try (Stream<Row> s = inc.newRows()) {
          s.forEach(
              r -> expected.put(IdKey.of(r, key), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
        }
        try (Stream<Row> s = inc.staleRows()) {
          s.forEach(
              r -> expected.put(IdKey.of(r, key), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
        }
      }
      try (Stream<Row> s = store.read(feature, ReadOptions.defaults())) {
        s.forEach(
            r ->
                expected.putIfAbsent(
                    IdKey.of(r, key), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
      }
    }
    List<Row> out = new ArrayList<>();
    for (Row r : old) {
      Map<String, String> pbf = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
      Map<String, String> dvbf = r.getMap(SystemColumns.DATA_VERSION_BY_FIELD);
      Map<String, String> newPbf = expected.getOrDefault(IdKey.of(r, key), pbf);
      Map<String, String> newDv = new TreeMap<>(newPbf);
      for (Map.Entry<String, String> d : dvbf.entrySet()) {
        if (d.getValue() != null
            && !Objects.equals(d.getValue(), pbf.get(d.getKey()))
            && newDv.containsKey(d.getKey())) {
          newDv.put(d.getKey(), d.getValue()); // a user override survives
        }
      }
      Row.Builder b = Row.builder();
      for (String col : r.columns()) {
        if (!SystemColumns.isReserved(col)) {
          b.set(col, r.get(col));
        }
      }
      b.set(SystemColumns.PROVENANCE_BY_FIELD, newPbf);
      b.set(SystemColumns.DATA_VERSION_BY_FIELD, newDv);
      b.set(SystemColumns.CREATED_AT, r.get(SystemColumns.CREATED_AT));
      b.set(SystemColumns.MATERIALIZATION_ID, r.get(SystemColumns.MATERIALIZATION_ID));
      out.add(b.build());
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
