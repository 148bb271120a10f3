package io.metaxy.adapter.ebean.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metaxy.adapter.ebean.EntityFeature;
import io.metaxy.domain.hash.Sha256;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.SnapshotSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Python Metaxy's feature versions table ({@code metaxy_system__feature_versions}, python layout)
 * through JDBC: Python's eleven columns plus Java's trailing {@code metaxy_snapshot_version}. A
 * push appends one row per feature, unless the latest pushed {@code metaxy_project_version} is the
 * current one, in which case only features whose {@code metaxy_definition_version} differs from
 * their latest pushed row are appended (Python's rule). Java's snapshot API keeps speaking snapshot
 * versions: a push's snapshot version is the stored one, or, for rows Python pushed, derived from
 * the latest feature version per feature among the rows of that project version ({@link
 * SnapshotVersions}).
 */
final class PythonFeatureVersions {
  /** Java's trailing column. */
  static final String SNAPSHOT_VERSION = "metaxy_snapshot_version";

  /** The {@code metaxy} tag Python writes, and Java's own. */
  static final String TAGS =
      "{\"metaxy\": \"{\\\"version\\\": \\\"0.1.11\\\"}\", \"metaxy-java\":"
          + " \"{\\\"store\\\": \\\"ebean\\\"}\"}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StoreContext ctx;

  PythonFeatureVersions(StoreContext ctx) {
    this.ctx = ctx;
  }

  private String table() {
    return ctx.dialect().id(ctx.systemTableNames().featureVersions());
  }

  private String project() {
    return ctx.settings().project();
  }

  /** One stored row. */
  private record Stored(
      String featureKey,
      String featureVersion,
      String definitionVersion,
      Instant recordedAt,
      String featureSpec,
      String projectVersion,
      String snapshotVersion) {}

  /** Records the graph under Python's push rule. */
  PushResult push() {
    String snapshot = ctx.versions().snapshotVersion();
    String projectVersion = ctx.versions().projectVersion();
    List<FeatureSpec> specs =
        ctx.graph().features().stream()
            .sorted((a, b) -> FeatureKey.BY_PARTS.compare(a.key(), b.key()))
            .toList();
    String table = table();
    // under the table's write lock (taken before the transaction's connection, released after it)
    try (TableLocks.WriteLock lock =
        TableLocks.writeLock(ctx.dataSource(), ctx.dialect(), ctx.databaseId(), table)) {
      return Jdbc.inTransaction(
          ctx.dataSource(),
          "recording snapshot " + snapshot,
          c -> {
            lock.acquire(c);
            List<Stored> rows = rows(c);
            List<FeatureSpec> toPush = new ArrayList<>(specs);
            Stored latest = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (latest != null && projectVersion.equals(latest.projectVersion())) {
              Map<String, String> pushedDefinitions = new HashMap<>();
              for (Stored r : rows) {
                if (projectVersion.equals(r.projectVersion())) {
                  pushedDefinitions.put(r.featureKey(), r.definitionVersion());
                }
              }
              toPush.removeIf(
                  s ->
                      Objects.equals(
                          pushedDefinitions.get(s.key().toString()), definitionVersion(s)));
            }
            if (toPush.isEmpty()) {
              return new PushResult(snapshot, false, specs.size());
            }
            insert(c, toPush, projectVersion, snapshot);
            return new PushResult(snapshot, true, specs.size());
          });
    }
  }

  private String definitionVersion(FeatureSpec s) {
    return ctx.versions().definitionVersion(s.key(), Map.of());
  }

  private void insert(Connection c, List<FeatureSpec> specs, String projectVersion, String snapshot)
      throws SQLException {
    LocalDateTime now =
        LocalDateTime.ofInstant(
            ctx.settings().clock().instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into "
                + table()
                + " (project, feature_key, metaxy_feature_version, metaxy_definition_version,"
                + " recorded_at, feature_spec, feature_schema, feature_class_path,"
                + " metaxy_project_version, tags, deleted_at, "
                + SNAPSHOT_VERSION
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?)")) {
      for (FeatureSpec s : specs) {
        EntityFeature e = ctx.entity(s.key());
        ps.setString(1, project());
        ps.setString(2, s.key().toString());
        ps.setString(3, ctx.versions().featureVersion(s.key()));
        ps.setString(4, definitionVersion(s));
        ps.setObject(5, now);
        ps.setString(6, SpecJson.pushedText(s));
        ps.setString(7, "{}");
        ps.setString(8, e != null ? e.entityClass().getName() : "java:" + s.key());
        ps.setString(9, projectVersion);
        ps.setString(10, TAGS);
        ps.setString(11, snapshot);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The project's rows, oldest first. */
  private List<Stored> rows(Connection c) throws SQLException {
    boolean hasSnapshot =
        ctx.columns(table()) != null && ctx.columns(table()).containsKey(SNAPSHOT_VERSION);
    List<Stored> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select feature_key, metaxy_feature_version, metaxy_definition_version, recorded_at,"
                + " feature_spec, metaxy_project_version, "
                + (hasSnapshot ? SNAPSHOT_VERSION : "null")
                + " from "
                + table()
                + " where project = ? and deleted_at is null order by recorded_at")) {
      ps.setString(1, project());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LocalDateTime at = rs.getObject(4, LocalDateTime.class);
          out.add(
              new Stored(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  at == null ? null : at.toInstant(ZoneOffset.UTC),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7)));
        }
      }
    }
    return out;
  }

  private List<Stored> rows() {
    return Jdbc.inTransaction(ctx.dataSource(), "reading " + table(), this::rows);
  }

  /** The rows of each snapshot version, in the order the snapshots were first recorded. */
  private Map<String, List<Stored>> bySnapshot(List<Stored> rows) {
    Map<String, List<Stored>> byProject = new LinkedHashMap<>();
    for (Stored r : rows) {
      byProject.computeIfAbsent(r.projectVersion(), k -> new ArrayList<>()).add(r);
    }
    Map<String, List<Stored>> out = new LinkedHashMap<>();
    for (List<Stored> push : byProject.values()) {
      String snapshot =
          push.stream()
              .map(Stored::snapshotVersion)
              .filter(Objects::nonNull)
              .findFirst()
              .orElseGet(() -> derived(push));
      out.computeIfAbsent(snapshot, k -> new ArrayList<>()).addAll(push);
    }
    return out;
  }

  private String derived(List<Stored> push) {
    Map<FeatureKey, String> latest = new HashMap<>();
    for (Stored r : push) {
      latest.put(FeatureKey.of(r.featureKey()), r.featureVersion());
    }
    return SnapshotVersions.of(latest, ctx.versions().truncation());
  }

  /** The project's snapshots, oldest first. */
  List<SnapshotSummary> snapshots() {
    List<SnapshotSummary> out = new ArrayList<>();
    bySnapshot(rows())
        .forEach(
            (snapshot, rows) -> {
              Instant first =
                  rows.stream()
                      .map(Stored::recordedAt)
                      .filter(Objects::nonNull)
                      .min(Comparator.naturalOrder())
                      .orElse(null);
              Set<String> keys = new LinkedHashSet<>();
              rows.forEach(r -> keys.add(r.featureKey()));
              out.add(new SnapshotSummary(snapshot, first, keys.size()));
            });
    return out;
  }

  /** The latest record of each feature of one snapshot, by feature key. */
  List<FeatureVersionRecord> featureVersions(String snapshotVersion) {
    List<Stored> rows = bySnapshot(rows()).getOrDefault(snapshotVersion, List.of());
    Map<String, Stored> latest = new LinkedHashMap<>();
    Map<String, Instant> first = new HashMap<>();
    for (Stored r : rows) {
      latest.put(r.featureKey(), r);
      first.putIfAbsent(r.featureKey(), r.recordedAt());
    }
    return latest.values().stream()
        .map(
            r ->
                new FeatureVersionRecord(
                    project(),
                    r.featureKey(),
                    r.featureVersion(),
                    specVersion(r.featureSpec()),
                    r.featureSpec(),
                    snapshotVersion,
                    first.get(r.featureKey())))
        .sorted(
            (a, b) ->
                FeatureKey.BY_PARTS.compare(
                    FeatureKey.of(a.featureKey()), FeatureKey.of(b.featureKey())))
        .toList();
  }

  /** The spec version of a pushed spec text (sha256 of its canonical JSON, truncated). */
  private String specVersion(String featureSpec) {
    if (featureSpec == null) {
      return null;
    }
    String canonical;
    try {
      Object tree = JSON.readValue(featureSpec, Object.class);
      try {
        canonical = SpecJson.canonical(SpecJson.fromTree(tree));
      } catch (RuntimeException notASpec) {
        canonical = SpecJson.canonical(tree);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
    return ctx.versions().truncation().apply(Sha256.start().update(canonical).hex());
  }
}
