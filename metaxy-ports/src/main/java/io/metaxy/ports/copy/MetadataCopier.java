package io.metaxy.ports.copy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.plan.SnapshotGraphs;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.SnapshotSummary;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Copies feature metadata from one store to another through the ports. Rows keep their feature
 * version (old versions are written through a view of the target bound to the graph of a source
 * snapshot holding that version), provenance, data versions, {@code metaxy_created_at} and
 * deletions (a source tombstone becomes a soft delete of the sample in the target, through the
 * delete port); {@code metaxy_updated_at} becomes the copy time (the write contract sets it).
 *
 * <p>Resumable: before writing a feature version the copier reads what the target already holds of
 * it and writes only the rows missing there (compared by ID values, provenance, data version and
 * deletion), so re-running an interrupted copy copies only what is missing. Each write is atomic.
 * With sample history the rows of a sample are written in their original order (one row per sample
 * per write), so the target's latest row per sample is the source's.
 */
public final class MetadataCopier {
  private final MetadataStore source;
  private final MetadataStore target;
  private final CopyOptions options;
  private final List<MetadataStore> views = new ArrayList<>();

  private MetadataCopier(MetadataStore source, MetadataStore target, CopyOptions options) {
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Copies from {@code source} to {@code target} (both open); {@code progress} receives each
   * feature version's result as it completes. Returns every result, upstream features first.
   */
  public static List<CopyResult> copy(
      MetadataStore source,
      MetadataStore target,
      CopyOptions options,
      Consumer<CopyResult> progress) {
    // Views of the target are not closed: they share the target's connections.
    return new MetadataCopier(source, target, options).run(progress);
  }

  private List<CopyResult> run(Consumer<CopyResult> progress) {
    FeatureGraph graph = source.graph();
    List<FeatureKey> keys = new ArrayList<>();
    if (options.features().isEmpty()) {
      for (FeatureKey k : graph.topologicalOrder()) {
        if (source.hasFeature(k)) {
          keys.add(k);
        }
      }
    } else {
      for (FeatureKey k : graph.topologicalOrder()) {
        if (options.features().contains(k)) {
          keys.add(k);
        }
      }
      for (FeatureKey k : options.features()) {
        graph.get(k);
      }
    }
    List<CopyResult> results = new ArrayList<>();
    for (FeatureKey k : keys) {
      for (CopyResult r : copyFeature(k)) {
        results.add(r);
        progress.accept(r);
      }
    }
    return results;
  }

  private List<CopyResult> copyFeature(FeatureKey feature) {
    ReadOptions ro = ReadOptions.defaults();
    if (options.featureHistory()) {
      ro = ro.withAllFeatureVersions();
    }
    if (options.sampleHistory()) {
      ro = ro.withSampleHistory().withDeleted();
    }
    if (!options.filters().isEmpty()) {
      ro = ro.withFilters(options.filters().toArray(String[]::new));
    }
    Map<String, List<Row>> byVersion = new LinkedHashMap<>();
    try (Stream<Row> rows = source.read(feature, ro)) {
      rows.forEach(
          r ->
              byVersion
                  .computeIfAbsent(
                      r.getString(SystemColumns.FEATURE_VERSION), v -> new ArrayList<>())
                  .add(r));
    }
    List<CopyResult> out = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : byVersion.entrySet()) {
      out.add(copyVersion(feature, e.getKey(), e.getValue()));
    }
    return out;
  }

  private CopyResult copyVersion(FeatureKey feature, String version, List<Row> rows) {
    MetadataStore dest = targetFor(feature, version);
    FeatureSpec spec = dest.graph().get(feature);
    Map<String, Integer> present = new HashMap<>();
    if (dest.hasFeature(feature)) {
      try (Stream<Row> existing =
          dest.read(feature, ReadOptions.defaults().withSampleHistory().withDeleted())) {
        existing.forEach(r -> present.merge(identity(spec, r), 1, Integer::sum));
      }
    }
    rows = new ArrayList<>(rows);
    rows.sort(Comparator.comparing(r -> orderOf(r.get(SystemColumns.UPDATED_AT))));
    List<Row> missing = new ArrayList<>();
    long skipped = 0;
    for (Row r : rows) {
      String id = identity(spec, r);
      Integer n = present.get(id);
      if (n != null && n > 0) {
        present.put(id, n - 1);
        skipped++;
      } else {
        missing.add(strip(r));
      }
    }
    long written = 0;
    for (List<Row> batch : batches(spec, missing)) {
      List<Row> live = new ArrayList<>();
      List<Row> tombstones = new ArrayList<>();
      for (Row r : batch) {
        (r.get(SystemColumns.DELETED_AT) == null ? live : tombstones).add(r);
      }
      if (!live.isEmpty()) {
        written += dest.write(feature, live);
      }
      // tombstones through the delete port: every store can soft-delete a sample
      for (Row t : tombstones) {
        written += dest.delete(feature, DeleteOptions.soft(idFilters(spec, t)));
      }
    }
    return new CopyResult(feature, version, rows.size(), written, skipped);
  }

  /** Write batches: at most batchSize rows and (for history) one row per sample per batch. */
  private List<List<Row>> batches(FeatureSpec spec, List<Row> rows) {
    List<List<Row>> out = new ArrayList<>();
    List<Row> current = new ArrayList<>();
    java.util.Set<String> samples = new java.util.HashSet<>();
    for (Row r : rows) {
      String s = idKey(spec, r);
      if (current.size() >= options.batchSize() || !samples.add(s)) {
        out.add(current);
        current = new ArrayList<>();
        samples.clear();
        samples.add(s);
      }
      current.add(r);
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private MetadataStore targetFor(FeatureKey feature, String version) {
    if (version.equals(featureVersion(target, feature))) {
      return target;
    }
    for (MetadataStore v : views) {
      if (v.graph().contains(feature) && version.equals(featureVersion(v, feature))) {
        return v;
      }
    }
    if (options.specParser() == null) {
      throw new MetaxyException(
          ErrorCode.FEATURE_NOT_FOUND,
          "Feature "
              + feature
              + " version "
              + version
              + " is not the target store's current version; copying it needs the spec of a"
              + " pushed snapshot (give a spec parser) or bind the target to the same graph.");
    }
    for (SnapshotSummary s : source.snapshots()) {
      for (FeatureVersionRecord r : source.featureVersions(s.snapshotVersion())) {
        if (r.featureKey().equals(feature.toString()) && version.equals(r.featureVersion())) {
          FeatureGraph g =
              SnapshotGraphs.graphOf(source, s.snapshotVersion(), options.specParser());
          MetadataStore v = target.withGraph(g);
          v.open();
          if (v != target) {
            views.add(v);
          }
          if (!version.equals(featureVersion(v, feature))) {
            break;
          }
          return v;
        }
      }
    }
    throw new MetaxyException(
        ErrorCode.FEATURE_NOT_FOUND,
        "Feature "
            + feature
            + " version "
            + version
            + " is in the source store but no pushed snapshot of the source has it; push the"
            + " graph of that version to the source (metaxy push) or copy without feature"
            + " history.");
  }

  private static String featureVersion(MetadataStore s, FeatureKey feature) {
    if (!s.graph().contains(feature)) {
      return null;
    }
    return s.graph().versions(s.settings().truncation()).featureVersion(feature);
  }

  private static Row strip(Row r) {
    return r.without(SystemColumns.FEATURE_VERSION)
        .without(SystemColumns.PROJECT_VERSION)
        .without(SystemColumns.UPDATED_AT);
  }

  /** Filters selecting exactly the sample of {@code r} by its ID values. */
  private static String[] idFilters(FeatureSpec spec, Row r) {
    List<String> out = new ArrayList<>();
    for (String c : spec.idColumns()) {
      Object v = r.get(c);
      String literal =
          v instanceof Number ? v.toString() : "'" + String.valueOf(v).replace("'", "''") + "'";
      out.add(c + " = " + literal);
    }
    return out.toArray(String[]::new);
  }

  private static String idKey(FeatureSpec spec, Row r) {
    StringBuilder b = new StringBuilder();
    for (String c : spec.idColumns()) {
      b.append(normal(r.get(c))).append('\u0000');
    }
    return b.toString();
  }

  private static String identity(FeatureSpec spec, Row r) {
    return idKey(spec, r)
        + r.getString(SystemColumns.PROVENANCE)
        + '\u0000'
        + r.getString(SystemColumns.DATA_VERSION)
        + '\u0000'
        + (r.get(SystemColumns.DELETED_AT) != null);
  }

  private static String normal(Object v) {
    if (v instanceof Integer i) {
      return String.valueOf(i.longValue());
    }
    return String.valueOf(v);
  }

  private static Instant orderOf(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    return Instant.MIN;
  }
}
