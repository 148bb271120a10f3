package io.metaxy.adapter.jooq.internal;

import static org.jooq.impl.DSL.name;

import io.metaxy.adapter.jooq.StoreLayout;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.naming.SystemTableNames;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.CreateTableElementListStep;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The system tables of docs/semantics.md §5 ({@code metaxy-system__feature_versions}, {@code
 * metaxy-system__migration_events}; names configurable) and table creation for every table.
 */
public final class SystemTables {
  public static final String PROJECT = "project";
  public static final String FEATURE_KEY = "feature_key";
  public static final String FEATURE_VERSION = "metaxy_feature_version";
  public static final String SPEC_VERSION = "metaxy_feature_spec_version";
  public static final String FEATURE_SPEC = "feature_spec";
  public static final String SNAPSHOT_VERSION = "metaxy_snapshot_version";
  public static final String RECORDED_AT = "recorded_at";
  public static final String MIGRATION_ID = "migration_id";
  public static final String EVENT_TYPE = "event_type";
  public static final String TIMESTAMP = "timestamp";
  public static final String ROWS_AFFECTED = "rows_affected";
  public static final String ERROR_MESSAGE = "error_message";
  public static final String EVENT_SEQ = "event_seq";

  /** Alias of the earliest {@code recorded_at} of a snapshot in {@link #snapshots}. */
  static final String FIRST_RECORDED = "first";

  /** Alias of the feature count of a snapshot in {@link #snapshots}. */
  static final String FEATURE_COUNT = "n";

  /** Python Metaxy's feature versions table (the python layout's default name). */
  public static final String PYTHON_FEATURE_VERSIONS = "metaxy_system__feature_versions";

  /** Java's migration events table in the python layout (default name). */
  public static final String PYTHON_MIGRATION_EVENTS = "metaxy_system__migration_events";

  private final DialectSql sql;
  private final Catalog catalog;
  private final SystemTableNames names;
  private final String project;
  private final StoreLayout layout;
  private final PythonFeatureVersions python;

  public SystemTables(DialectSql sql, Catalog catalog, SystemTableNames names, String project) {
    this(sql, catalog, names, project, StoreLayout.SEED, Truncation.NONE);
  }

  public SystemTables(
      DialectSql sql,
      Catalog catalog,
      SystemTableNames names,
      String project,
      StoreLayout layout,
      Truncation truncation) {
    this.sql = sql;
    this.catalog = catalog;
    this.names = names;
    this.project = project;
    this.layout = layout;
    this.python = new PythonFeatureVersions(sql, project, truncation);
  }

  /**
   * The system table names of a layout: the python layout replaces the default (seed) names with
   * {@value #PYTHON_FEATURE_VERSIONS} and {@value #PYTHON_MIGRATION_EVENTS}; configured names are
   * kept.
   */
  public static SystemTableNames names(StoreLayout layout, SystemTableNames configured) {
    if (layout != StoreLayout.PYTHON) {
      return configured;
    }
    return new SystemTableNames(
        configured.featureVersions().equals(SystemTableNames.DEFAULT_FEATURE_VERSIONS)
            ? PYTHON_FEATURE_VERSIONS
            : configured.featureVersions(),
        configured.migrationEvents().equals(SystemTableNames.DEFAULT_MIGRATION_EVENTS)
            ? PYTHON_MIGRATION_EVENTS
            : configured.migrationEvents());
  }

  /** The table names in use. */
  public SystemTableNames names() {
    return names;
  }

  private boolean pythonLayout() {
    return layout == StoreLayout.PYTHON;
  }

  /**
   * Python layout: adds Java's trailing {@code metaxy_snapshot_version} column to a feature
   * versions table Python created (a concurrent add is not an error).
   */
  public void ensureSnapshotColumn(DSLContext ctx, Connection c) throws SQLException {
    if (!pythonLayout()) {
      return;
    }
    Map<String, DataType<?>> cols = catalog.columns(c, names.featureVersions());
    if (cols.isEmpty() || cols.containsKey(SNAPSHOT_VERSION)) {
      return;
    }
    try {
      ctx.alterTable(featureVersionsName())
          .addColumn(DSL.field(name(SNAPSHOT_VERSION), sql.shortStringType().nullable(true)))
          .execute();
    } catch (DataAccessException e) {
      if (!catalog.columns(c, names.featureVersions()).containsKey(SNAPSHOT_VERSION)) {
        throw e;
      }
    }
  }

  private boolean hasSnapshotColumn(DSLContext ctx) {
    return ctx.connectionResult(
        c -> catalog.columns(c, names.featureVersions()).containsKey(SNAPSHOT_VERSION));
  }

  public Name featureVersionsName() {
    return catalog.qualify(names.featureVersions());
  }

  public Name migrationEventsName() {
    return catalog.qualify(names.migrationEvents());
  }

  /** Columns of the feature_versions table. */
  public Map<String, DataType<?>> featureVersionsColumns() {
    if (pythonLayout()) {
      return python.columns();
    }
    Map<String, DataType<?>> m = new LinkedHashMap<>();
    m.put(PROJECT, sql.shortStringType().nullable(false));
    m.put(FEATURE_KEY, sql.shortStringType().nullable(false));
    m.put(FEATURE_VERSION, sql.shortStringType().nullable(false));
    m.put(SPEC_VERSION, sql.shortStringType());
    m.put(FEATURE_SPEC, sql.stringType());
    m.put(SNAPSHOT_VERSION, sql.shortStringType().nullable(false));
    m.put(RECORDED_AT, sql.timestampType().nullable(false));
    return m;
  }

  /** Columns of the migration_events table. */
  public Map<String, DataType<?>> migrationEventsColumns() {
    Map<String, DataType<?>> m = new LinkedHashMap<>();
    m.put(PROJECT, sql.shortStringType());
    m.put(MIGRATION_ID, sql.shortStringType().nullable(false));
    m.put(EVENT_TYPE, sql.shortStringType().nullable(false));
    m.put(TIMESTAMP, sql.timestampType().nullable(false));
    m.put(FEATURE_KEY, sql.shortStringType());
    m.put(ROWS_AFFECTED, SQLDataType.BIGINT);
    m.put(ERROR_MESSAGE, sql.stringType());
    m.put(EVENT_SEQ, SQLDataType.BIGINT.nullable(false));
    return m;
  }

  /**
   * Creates both system tables when missing. A CREATE that fails because another process created
   * the table meanwhile is not an error (the table is checked again).
   */
  public void create(DSLContext ctx, Connection c) throws SQLException {
    createIfMissing(ctx, c, names.featureVersions(), featureVersionsColumns());
    createIfMissing(ctx, c, names.migrationEvents(), migrationEventsColumns());
    ensureSnapshotColumn(ctx, c);
  }

  private void createIfMissing(
      DSLContext ctx, Connection c, String table, Map<String, DataType<?>> columns)
      throws SQLException {
    if (!catalog.columns(c, table).isEmpty()) {
      return;
    }
    try {
      createTable(ctx, catalog.qualify(table), columns);
    } catch (DataAccessException e) {
      if (catalog.columns(c, table).isEmpty()) {
        throw e;
      }
    }
  }

  /** CREATE TABLE with quoted names (MariaDB: utf8mb4 with binary collation). */
  public void createTable(DSLContext ctx, Name table, Map<String, DataType<?>> columns) {
    List<Field<?>> fields = new ArrayList<>();
    columns.forEach((k, v) -> fields.add(DSL.field(name(k), v)));
    CreateTableElementListStep step = ctx.createTable(table).columns(fields);
    if (sql.dialect() == io.metaxy.sql.SqlDialect.MARIADB) {
      step.storage("DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin").execute();
    } else {
      step.execute();
    }
  }

  private Field<Object> f(String c) {
    return DSL.field(name(c));
  }

  /** Records the graph's snapshot unless recorded; runs in the caller's (locked) transaction. */
  public PushResult push(DSLContext ctx, FeatureGraph graph, GraphVersions versions, Instant now) {
    if (pythonLayout()) {
      return python.push(ctx, featureVersionsName(), hasSnapshotColumn(ctx), graph, versions, now);
    }
    String snapshot = versions.snapshotVersion();
    Table<Record> t = DSL.table(featureVersionsName());
    boolean exists =
        ctx.fetchExists(
            DSL.selectOne()
                .from(t)
                .where(f(PROJECT).eq(project))
                .and(f(SNAPSHOT_VERSION).eq(snapshot)));
    if (exists) {
      return new PushResult(snapshot, false, graph.size());
    }
    List<FeatureSpec> specs = new ArrayList<>(graph.features());
    specs.sort((a, b) -> FeatureKey.BY_PARTS.compare(a.key(), b.key()));
    for (FeatureSpec s : specs) {
      ctx.insertInto(t)
          .columns(
              f(PROJECT),
              f(FEATURE_KEY),
              f(FEATURE_VERSION),
              f(SPEC_VERSION),
              f(FEATURE_SPEC),
              f(SNAPSHOT_VERSION),
              f(RECORDED_AT))
          .values(
              project,
              s.key().toString(),
              versions.featureVersion(s.key()),
              versions.specVersion(s.key()),
              SpecJson.canonical(s),
              snapshot,
              SystemRowMapper.utc(now))
          .execute();
    }
    return new PushResult(snapshot, true, specs.size());
  }

  public List<SnapshotSummary> snapshots(DSLContext ctx) {
    if (pythonLayout()) {
      return python.snapshots(ctx, featureVersionsName(), hasSnapshotColumn(ctx));
    }
    Table<Record> t = DSL.table(featureVersionsName());
    Field<Object> first = DSL.min(f(RECORDED_AT)).as(FIRST_RECORDED);
    List<SnapshotSummary> out = new ArrayList<>();
    for (Record r :
        ctx.select(f(SNAPSHOT_VERSION), first, DSL.count().as(FEATURE_COUNT))
            .from(t)
            .where(f(PROJECT).eq(project))
            .groupBy(f(SNAPSHOT_VERSION))
            .orderBy(DSL.field(name(FIRST_RECORDED)).asc(), f(SNAPSHOT_VERSION).asc())
            .fetch()) {
      out.add(SystemRowMapper.INSTANCE.snapshot(r.intoMap()));
    }
    return out;
  }

  public List<FeatureVersionRecord> featureVersions(DSLContext ctx, String snapshot) {
    return featureVersions(ctx, snapshot, null, null);
  }

  /**
   * The feature versions of a snapshot; python layout: {@code graph} and {@code versions} give the
   * spec version of rows Python pushed (when their definition matches the graph's).
   */
  public List<FeatureVersionRecord> featureVersions(
      DSLContext ctx, String snapshot, FeatureGraph graph, GraphVersions versions) {
    if (pythonLayout()) {
      return python.featureVersions(
          ctx,
          featureVersionsName(),
          hasSnapshotColumn(ctx),
          snapshot,
          graph == null ? FeatureGraph.empty() : graph,
          versions);
    }
    Table<Record> t = DSL.table(featureVersionsName());
    List<FeatureVersionRecord> out = new ArrayList<>();
    for (Record r :
        ctx.select(
                f(PROJECT),
                f(FEATURE_KEY),
                f(FEATURE_VERSION),
                f(SPEC_VERSION),
                f(FEATURE_SPEC),
                f(SNAPSHOT_VERSION),
                f(RECORDED_AT))
            .from(t)
            .where(f(PROJECT).eq(project))
            .and(f(SNAPSHOT_VERSION).eq(snapshot))
            .fetch()) {
      out.add(SystemRowMapper.INSTANCE.featureVersion(r.intoMap()));
    }
    out.sort(
        (a, b) ->
            FeatureKey.BY_PARTS.compare(
                FeatureKey.of(a.featureKey()), FeatureKey.of(b.featureKey())));
    return out;
  }

  public void recordEvent(DSLContext ctx, MigrationEvent e) {
    Table<Record> t = DSL.table(migrationEventsName());
    Long max =
        ctx.select(DSL.max(DSL.field(name(EVENT_SEQ), Long.class))).from(t).fetchOne(0, Long.class);
    ctx.insertInto(t)
        .columns(
            f(PROJECT),
            f(MIGRATION_ID),
            f(EVENT_TYPE),
            f(TIMESTAMP),
            f(FEATURE_KEY),
            f(ROWS_AFFECTED),
            f(ERROR_MESSAGE),
            f(EVENT_SEQ))
        .values(
            e.project() == null ? project : e.project(),
            e.migrationId(),
            e.eventType().value(),
            SystemRowMapper.utc(e.timestamp()),
            e.featureKey(),
            e.rowsAffected(),
            e.errorMessage(),
            (max == null ? 0 : max) + 1)
        .execute();
  }

  public List<MigrationEvent> events(DSLContext ctx, String migrationId) {
    Table<Record> t = DSL.table(migrationEventsName());
    var q =
        ctx.select(
                f(PROJECT),
                f(MIGRATION_ID),
                f(EVENT_TYPE),
                f(TIMESTAMP),
                f(FEATURE_KEY),
                f(ROWS_AFFECTED),
                f(ERROR_MESSAGE))
            .from(t)
            .where(migrationId == null ? DSL.noCondition() : f(MIGRATION_ID).eq(migrationId))
            .orderBy(f(EVENT_SEQ).asc());
    List<MigrationEvent> out = new ArrayList<>();
    for (Record r : q.fetch()) {
      out.add(SystemRowMapper.INSTANCE.migrationEvent(r.intoMap()));
    }
    return out;
  }
}
