package io.metaxy.adapter.jooq.internal;

import static org.jooq.impl.DSL.name;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.Sha256;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.ports.system.SnapshotTags;
import io.metaxy.sql.DialectSql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The feature versions table of the python layout ({@code metaxy_system__feature_versions}, Python
 * Metaxy 0.1.11's eleven columns plus Java's trailing nullable {@code metaxy_snapshot_version}).
 * Push follows Python's rule: skipped when the latest pushed project version is the current one,
 * except for features whose definition version changed (or that are missing), which are appended.
 * Snapshots are grouped by {@code metaxy_snapshot_version}; a push Python made (no snapshot
 * version) gets the snapshot version derived from its rows — the latest feature version per feature
 * key among the rows of its project version, hashed like {@link GraphVersions#snapshotVersion()}.
 */
final class PythonFeatureVersions {
  static final String DEFINITION_VERSION = "metaxy_definition_version";
  static final String FEATURE_SCHEMA = "feature_schema";
  static final String FEATURE_CLASS_PATH = "feature_class_path";
  static final String PROJECT_VERSION = "metaxy_project_version";
  static final String TAGS = "tags";
  static final String DELETED_AT = "deleted_at";
  static final String JAVA_TAG = "metaxy-java";

  /** The Python Metaxy version whose layout this is, recorded in the {@code metaxy} tag. */
  static final String PYTHON_METAXY_VERSION = "0.1.11";

  private final DialectSql sql;
  private final String project;
  private final Truncation truncation;

  PythonFeatureVersions(DialectSql sql, String project, Truncation truncation) {
    this.sql = sql;
    this.project = project;
    this.truncation = truncation;
  }

  /** The columns in table order. */
  Map<String, DataType<?>> columns() {
    Map<String, DataType<?>> m = new LinkedHashMap<>();
    m.put(SystemTables.PROJECT, sql.shortStringType().nullable(false));
    m.put(SystemTables.FEATURE_KEY, sql.shortStringType().nullable(false));
    m.put(SystemTables.FEATURE_VERSION, sql.shortStringType().nullable(false));
    m.put(DEFINITION_VERSION, sql.shortStringType());
    m.put(SystemTables.RECORDED_AT, sql.timestampType().nullable(false));
    m.put(SystemTables.FEATURE_SPEC, sql.stringType());
    m.put(FEATURE_SCHEMA, sql.stringType());
    m.put(FEATURE_CLASS_PATH, sql.stringType());
    m.put(PROJECT_VERSION, sql.shortStringType());
    m.put(TAGS, sql.stringType());
    m.put(DELETED_AT, sql.timestampType());
    m.put(SystemTables.SNAPSHOT_VERSION, sql.shortStringType());
    return m;
  }

  private static Field<Object> f(String c) {
    return DSL.field(name(c));
  }

  /** One stored row, as far as Java needs it. */
  private record Pushed(
      String featureKey,
      String featureVersion,
      String definitionVersion,
      String featureSpec,
      String projectVersion,
      String snapshotVersion,
      String tags,
      Instant recordedAt) {}

  private List<Pushed> rows(DSLContext ctx, Name table, boolean hasSnapshotColumn) {
    List<Pushed> out = new ArrayList<>();
    Field<?> snapshot =
        hasSnapshotColumn
            ? f(SystemTables.SNAPSHOT_VERSION)
            : DSL.castNull(String.class).as(SystemTables.SNAPSHOT_VERSION);
    for (Record r :
        ctx.select(
                f(SystemTables.FEATURE_KEY),
                f(SystemTables.FEATURE_VERSION),
                f(DEFINITION_VERSION),
                f(SystemTables.FEATURE_SPEC),
                f(PROJECT_VERSION),
                snapshot,
                f(TAGS),
                f(SystemTables.RECORDED_AT))
            .from(DSL.table(table))
            .where(f(SystemTables.PROJECT).eq(project))
            .and(f(DELETED_AT).isNull())
            .fetch()) {
      out.add(
          new Pushed(
              SystemRowMapper.text(r.get(0)),
              SystemRowMapper.text(r.get(1)),
              SystemRowMapper.text(r.get(2)),
              SystemRowMapper.text(r.get(3)),
              SystemRowMapper.text(r.get(4)),
              SystemRowMapper.text(r.get(5)),
              SystemRowMapper.text(r.get(6)),
              SystemRowMapper.instant(r.get(7))));
    }
    out.sort(Comparator.comparing(Pushed::recordedAt));
    return out;
  }

  /** Records the graph unless Python's rule skips it; runs in the caller's locked transaction. */
  PushResult push(
      DSLContext ctx,
      Name table,
      boolean hasSnapshotColumn,
      FeatureGraph graph,
      GraphVersions versions,
      Instant now) {
    String snapshot = versions.snapshotVersion();
    String current = versions.projectVersion();
    List<Pushed> stored = rows(ctx, table, hasSnapshotColumn);
    List<FeatureSpec> specs = new ArrayList<>(graph.features());
    specs.sort((a, b) -> FeatureKey.BY_PARTS.compare(a.key(), b.key()));
    List<FeatureSpec> toPush = specs;
    boolean alreadyPushed =
        !stored.isEmpty() && current.equals(stored.get(stored.size() - 1).projectVersion());
    if (alreadyPushed) {
      Map<String, String> pushedDefinitions = new HashMap<>();
      for (Pushed p : stored) {
        if (current.equals(p.projectVersion())) {
          pushedDefinitions.put(p.featureKey(), p.definitionVersion()); // latest wins (sorted)
        }
      }
      toPush = new ArrayList<>();
      for (FeatureSpec s : specs) {
        String pushed = pushedDefinitions.get(s.key().toString());
        if (pushed == null || !pushed.equals(versions.definitionVersion(s.key(), Map.of()))) {
          toPush.add(s);
        }
      }
      if (toPush.isEmpty()) {
        return new PushResult(snapshot, false, graph.size());
      }
    }
    for (FeatureSpec s : toPush) {
      List<Field<?>> cols = new ArrayList<>();
      List<Object> vals = new ArrayList<>();
      cols.add(f(SystemTables.PROJECT));
      vals.add(project);
      cols.add(f(SystemTables.FEATURE_KEY));
      vals.add(s.key().toString());
      cols.add(f(SystemTables.FEATURE_VERSION));
      vals.add(versions.featureVersion(s.key()));
      cols.add(f(DEFINITION_VERSION));
      vals.add(versions.definitionVersion(s.key(), Map.of()));
      cols.add(f(SystemTables.RECORDED_AT));
      vals.add(SystemRowMapper.utc(now));
      cols.add(f(SystemTables.FEATURE_SPEC));
      vals.add(SpecJson.pushedText(s));
      cols.add(f(FEATURE_SCHEMA));
      vals.add("{}");
      cols.add(f(FEATURE_CLASS_PATH));
      vals.add("java:" + s.key());
      cols.add(f(PROJECT_VERSION));
      vals.add(current);
      cols.add(f(TAGS));
      vals.add(tags(versions.specVersion(s.key()), snapshot));
      cols.add(f(SystemTables.SNAPSHOT_VERSION));
      vals.add(snapshot);
      ctx.insertInto(DSL.table(table)).columns(cols).values(vals).execute();
    }
    return new PushResult(snapshot, true, toPush.size());
  }

  /** Python's {@code tags} text: the reserved {@code metaxy} tag and a {@code metaxy-java} tag. */
  static String tags(String specVersion, String snapshotVersion) {
    return "{\"metaxy\": \"{\\\"version\\\": \\\""
        + PYTHON_METAXY_VERSION
        + "\\\"}\", \"metaxy-java\": \"{\\\"spec_version\\\": \\\""
        + specVersion
        + "\\\", \\\"snapshot_version\\\": \\\""
        + snapshotVersion
        + "\\\"}\"}";
  }

  /** The rows of each snapshot (stored or derived), latest row per feature key, by snapshot. */
  private LinkedHashMap<String, List<Pushed>> bySnapshot(List<Pushed> stored) {
    // derived snapshot versions of Python's pushes: per project version, latest per feature key
    Map<String, TreeMap<String, Pushed>> byProject = new HashMap<>();
    for (Pushed p : stored) {
      if (p.snapshotVersion() == null && p.projectVersion() != null) {
        byProject.computeIfAbsent(p.projectVersion(), k -> new TreeMap<>()).put(p.featureKey(), p);
      }
    }
    Map<String, String> derived = new HashMap<>();
    byProject.forEach((pv, latest) -> derived.put(pv, snapshotOf(latest.values())));
    LinkedHashMap<String, List<Pushed>> out = new LinkedHashMap<>();
    for (Pushed p : stored) {
      String s =
          p.snapshotVersion() != null ? p.snapshotVersion() : derived.get(p.projectVersion());
      if (s != null) {
        out.computeIfAbsent(s, k -> new ArrayList<>()).add(p);
      }
    }
    return out;
  }

  /** The snapshot version of features with these feature versions (GraphVersions' hash). */
  String snapshotOf(java.util.Collection<Pushed> rows) {
    List<Pushed> sorted = new ArrayList<>(rows);
    sorted.sort(
        (a, b) ->
            FeatureKey.BY_PARTS.compare(
                FeatureKey.of(a.featureKey()), FeatureKey.of(b.featureKey())));
    if (sorted.isEmpty()) {
      return "empty";
    }
    Sha256 h = Sha256.start();
    for (Pushed p : sorted) {
      h.update(p.featureKey()).update(p.featureVersion());
    }
    return truncation.apply(h.hex());
  }

  List<SnapshotSummary> snapshots(DSLContext ctx, Name table, boolean hasSnapshotColumn) {
    List<SnapshotSummary> out = new ArrayList<>();
    bySnapshot(rows(ctx, table, hasSnapshotColumn))
        .forEach(
            (s, rows) -> {
              long features = rows.stream().map(Pushed::featureKey).distinct().count();
              out.add(new SnapshotSummary(s, rows.get(0).recordedAt(), (int) features));
            });
    out.sort(
        Comparator.comparing(SnapshotSummary::recordedAt)
            .thenComparing(SnapshotSummary::snapshotVersion));
    return out;
  }

  List<FeatureVersionRecord> featureVersions(
      DSLContext ctx,
      Name table,
      boolean hasSnapshotColumn,
      String snapshot,
      FeatureGraph graph,
      GraphVersions versions) {
    List<Pushed> rows =
        bySnapshot(rows(ctx, table, hasSnapshotColumn)).getOrDefault(snapshot, List.of());
    Map<String, Pushed> latest = new TreeMap<>();
    for (Pushed p : rows) {
      latest.put(p.featureKey(), p);
    }
    List<FeatureVersionRecord> out = new ArrayList<>();
    for (Pushed p : latest.values()) {
      out.add(
          new FeatureVersionRecord(
              project,
              p.featureKey(),
              p.featureVersion(),
              specVersion(p, graph, versions),
              p.featureSpec(),
              snapshot,
              p.recordedAt()));
    }
    out.sort(
        (a, b) ->
            FeatureKey.BY_PARTS.compare(
                FeatureKey.of(a.featureKey()), FeatureKey.of(b.featureKey())));
    return out;
  }

  /**
   * The spec version of a row: from Java's {@code metaxy-java} tag, else (a row Python pushed) the
   * current graph's when its definition version matches, else null.
   */
  private static String specVersion(Pushed p, FeatureGraph graph, GraphVersions versions) {
    String java = SnapshotTags.parse(p.tags()).all().get(JAVA_TAG);
    if (java != null) {
      String spec = SnapshotTags.parse(java).all().get("spec_version");
      if (spec != null) {
        return spec;
      }
    }
    if (versions == null) {
      return null;
    }
    FeatureKey k = FeatureKey.of(p.featureKey());
    if (graph.contains(k)
        && versions.definitionVersion(k, Map.of()).equals(p.definitionVersion())) {
      return versions.specVersion(k);
    }
    return null;
  }
}
