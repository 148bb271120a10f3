package io.metaxy.adapter.ebean.internal;

import io.ebean.Database;
import io.ebean.ExpressionList;
import io.ebean.Transaction;
import io.metaxy.adapter.ebean.EbeanRegistration;
import io.metaxy.adapter.ebean.MetaxyFeatureVersion;
import io.metaxy.adapter.ebean.MetaxyMigrationEvent;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.ports.system.SnapshotTags;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system tables ({@code feature_versions}, {@code migration_events}): created by the adapter's
 * Flyway scripts of the store's layout under the schema lock. Migration events are written and read
 * as the entity bean {@link MetaxyMigrationEvent}; feature versions as {@link MetaxyFeatureVersion}
 * in the seed layout, and in the python layout through JDBC in Python Metaxy's table ({@link
 * PythonFeatureVersions}).
 */
public final class SystemTables {
  private final StoreContext ctx;

  private final PythonFeatureVersions python;

  public SystemTables(StoreContext ctx) {
    this.ctx = ctx;
    this.python = new PythonFeatureVersions(ctx);
  }

  private String table(boolean featureVersions) {
    var names = ctx.systemTableNames();
    return ctx.dialect().id(featureVersions ? names.featureVersions() : names.migrationEvents());
  }

  private SnapshotTagsColumn tagsColumn() {
    return new SnapshotTagsColumn(
        ctx,
        table(true),
        ctx.layout().isPython() ? PythonFeatureVersions.SNAPSHOT_VERSION : "snapshot_version");
  }

  private boolean exist() {
    return ctx.columns(table(true)) != null && ctx.columns(table(false)) != null;
  }

  /** Applies the system migrations when the tables are missing (race-free across processes). */
  public void create() {
    if (exist()) {
      return;
    }
    TableLocks.withSchemaLock(
        ctx.dataSource(),
        ctx.dialect(),
        () ->
            Migrations.migrate(
                Migrations.system(
                    ctx.dataSource(),
                    ctx.layout(),
                    ctx.systemTableNames(),
                    ctx.config().systemHistoryTable()),
                "Creating the Metaxy system tables"));
    ctx.shared().forget(table(true));
    ctx.shared().forget(table(false));
  }

  /** Checks (or, with {@code auto_create_tables}, creates) the system tables. */
  public void require() {
    if (exist()) {
      requireEntities();
      return;
    }
    if (ctx.settings().autoCreateTables()) {
      create();
      requireEntities();
      return;
    }
    throw new MetaxyException(
        ErrorCode.STORE_FAILURE,
        "The Metaxy system tables "
            + ctx.settings().systemTableNames()
            + " do not exist: apply the system migrations (CLI: metaxy migrate apply --system;"
            + " Java: store.schemaMigrator().migrateSystem()) or set auto_create_tables = true.");
  }

  private void requireEntities() {
    for (Class<?> c : EbeanRegistration.systemEntities(ctx.config().layout())) {
      if (db().pluginApi().beanType(c) == null) {
        throw new MetaxyException(
            ErrorCode.INVALID_CONFIG,
            "The Ebean database of this store does not map the system entity "
                + c.getSimpleName()
                + ": register it (EbeanRegistration.register(config, features, true)).");
      }
    }
  }

  private Database db() {
    return ctx.db();
  }

  private String project() {
    return ctx.settings().project();
  }

  /** Records the graph's snapshot once (one row per feature). */
  public PushResult push(SnapshotTags tags) {
    require();
    SnapshotTagsColumn tagsColumn = tagsColumn();
    if (ctx.layout().isPython()) {
      PushResult r = python.push();
      if (r.recorded() && !tags.user().isEmpty()) {
        try (Connection c = ctx.dataSource().getConnection()) {
          c.setAutoCommit(true);
          tagsColumn.write(c, project(), r.snapshotVersion(), tags);
        } catch (java.sql.SQLException e) {
          throw failure("recording the tags of snapshot " + r.snapshotVersion(), e);
        }
      }
      return r;
    }
    tagsColumn.ensure();
    String snapshot = ctx.versions().snapshotVersion();
    List<FeatureSpec> specs =
        ctx.graph().features().stream()
            .sorted((a, b) -> FeatureKey.BY_PARTS.compare(a.key(), b.key()))
            .toList();
    Instant now = ctx.settings().clock().instant();
    List<MetaxyFeatureVersion> rows = new ArrayList<>();
    for (FeatureSpec s : specs) {
      FeatureVersionRecord r =
          new FeatureVersionRecord(
              project(),
              s.key().toString(),
              ctx.versions().featureVersion(s.key()),
              ctx.versions().specVersion(s.key()),
              SpecJson.canonical(s),
              snapshot,
              now);
      rows.add(SystemRowMapper.INSTANCE.featureVersionRow(r, RowIds.next()));
    }
    // under the table's write lock, so processes pushing the same snapshot record it once
    try (TableLocks.WriteLock lock =
            TableLocks.writeLock(ctx.dataSource(), ctx.dialect(), ctx.databaseId(), table(true));
        Transaction txn = db().createTransaction()) {
      lock.acquire(txn);
      boolean exists =
          db().find(MetaxyFeatureVersion.class)
              .usingTransaction(txn)
              .where()
              .eq("project", project())
              .eq("snapshotVersion", snapshot)
              .exists();
      if (exists) {
        return new PushResult(snapshot, false, specs.size());
      }
      txn.setBatchMode(true);
      db().insertAll(rows, txn);
      txn.flush();
      tagsColumn.write(txn.connection(), project(), snapshot, tags);
      txn.commit();
    } catch (RuntimeException | java.sql.SQLException e) {
      throw failure("recording snapshot " + snapshot, e);
    }
    return new PushResult(snapshot, true, specs.size());
  }

  /** The project's snapshots, oldest first. */
  public List<SnapshotSummary> snapshots() {
    require();
    if (ctx.layout().isPython()) {
      return python.snapshots();
    }
    Map<String, Instant> first = new LinkedHashMap<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    db().find(MetaxyFeatureVersion.class)
        .select("snapshotVersion, recordedAt, recordId")
        .where()
        .eq("project", project())
        .orderBy()
        .asc("recordId")
        .findEach(
            r -> {
              first.merge(
                  r.getSnapshotVersion(), r.getRecordedAt(), (a, b) -> a.isBefore(b) ? a : b);
              count.merge(r.getSnapshotVersion(), 1, Integer::sum);
            });
    List<SnapshotSummary> out = new ArrayList<>();
    first.forEach((s, at) -> out.add(new SnapshotSummary(s, at, count.get(s))));
    return out;
  }

  /** The feature records of one snapshot, by feature key. */
  public List<FeatureVersionRecord> featureVersions(String snapshotVersion) {
    require();
    if (ctx.layout().isPython()) {
      return python.featureVersions(snapshotVersion);
    }
    return db()
        .find(MetaxyFeatureVersion.class)
        .where()
        .eq("project", project())
        .eq("snapshotVersion", snapshotVersion)
        .orderBy()
        .asc("recordId")
        .findList()
        .stream()
        .map(SystemRowMapper.INSTANCE::featureVersion)
        .sorted(
            (a, b) ->
                FeatureKey.BY_PARTS.compare(
                    FeatureKey.of(a.featureKey()), FeatureKey.of(b.featureKey())))
        .toList();
  }

  /** Appends one migration event. */
  public void record(MigrationEvent event) {
    require();
    MetaxyMigrationEvent row =
        SystemRowMapper.INSTANCE.migrationEventRow(event, RowIds.next(), project());
    try (Transaction txn = db().createTransaction()) {
      db().insert(row, txn);
      txn.commit();
    } catch (RuntimeException e) {
      throw failure("recording a migration event", e);
    }
  }

  /** The project's migration events (of one migration, or all when {@code null}), in order. */
  public List<MigrationEvent> events(String migrationId) {
    require();
    ExpressionList<MetaxyMigrationEvent> q =
        db().find(MetaxyMigrationEvent.class).where().eq("project", project());
    if (migrationId != null) {
      q = q.eq("migrationId", migrationId);
    }
    return q.orderBy().asc("eventId").findList().stream()
        .map(SystemRowMapper.INSTANCE::migrationEvent)
        .toList();
  }

  /** The tags of the project's snapshots. */
  public Map<String, SnapshotTags> snapshotTags() {
    require();
    return tagsColumn().read(project());
  }

  private static MetaxyException failure(String what, Exception e) {
    if (e instanceof MetaxyException m) {
      return m;
    }
    return new MetaxyException(
        ErrorCode.STORE_FAILURE, "Database error " + what + ": " + e.getMessage(), e);
  }
}
