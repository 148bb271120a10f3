package io.metaxy.adapter.jooq;

import io.metaxy.adapter.jooq.internal.SnapshotTagsColumn;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.ports.system.SnapshotTags;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;

/** The system-table ports of the jOOQ store: snapshots, feature versions, migration events. */
final class SystemTableStore {
  private final StoreContext cx;
  private final StoreSettings settings;
  private final JooqStoreConfig config;
  private final DialectSql sql;
  private final Catalog catalog;
  private final GraphVersions versions;

  SystemTableStore(StoreContext cx) {
    this.cx = cx;
    this.settings = cx.settings();
    this.config = cx.config();
    this.sql = cx.sql();
    this.catalog = cx.catalog();
    this.versions = cx.versions();
  }

  /**
   * Without auto_create_tables, a missing system table {@code t} is named with what to run; a
   * read-only store reads a missing system table as empty (returns {@code false}). A store Python
   * Metaxy created has the feature versions table only.
   */
  private boolean requireSystemTable(Connection c, String t) throws SQLException {
    if (settings.autoCreateTables()) {
      return true;
    }
    if (catalog.columns(c, t).isEmpty()) {
      if (settings.readOnly()) {
        return false;
      }
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE,
          "The system table \""
              + t
              + "\" does not exist in the "
              + config.dialect().type()
              + " store: apply the system migrations with metaxy migrate apply --system (Java:"
              + " findSchemaMigrator().get().migrateSystem()) or enable auto_create_tables.");
    }
    return true;
  }

  private SnapshotTagsColumn tagsColumn() {
    return new SnapshotTagsColumn(
        sql, catalog, cx.systemTables().names().featureVersions(), settings.project());
  }

  public PushResult push(SnapshotTags tags) {
    cx.requireOpen();
    try (Connection c = cx.connections().acquire()) {
      requireSystemTable(c, cx.systemTables().names().featureVersions());
      // a feature versions table Python created lacks Java's snapshot column: added first
      cx.systemTables().ensureSnapshotColumn(cx.ctx(c), c);
      SnapshotTagsColumn column = tagsColumn();
      column.ensure(cx.ctx(c), c);
      return WriteLock.inTransaction(
          cx,
          c,
          cx.systemTables().names().featureVersions(),
          () -> {
            PushResult r =
                cx.systemTables()
                    .push(cx.ctx(c), settings.graph(), versions, settings.clock().instant());
            if (r.recorded()) {
              column.write(cx.ctx(c), r.snapshotVersion(), tags);
            }
            return r;
          });
    } catch (SQLException | DataAccessException e) {
      throw cx.failure("push the snapshot", null, e);
    }
  }

  public List<SnapshotSummary> snapshots() {
    cx.requireOpen();
    try (Connection c = cx.connections().acquire()) {
      if (!requireSystemTable(c, cx.systemTables().names().featureVersions())) {
        return List.of();
      }
      return cx.systemTables().snapshots(cx.ctx(c));
    } catch (SQLException | DataAccessException e) {
      throw cx.failure("list snapshots", null, e);
    }
  }

  public List<FeatureVersionRecord> featureVersions(String snapshotVersion) {
    cx.requireOpen();
    try (Connection c = cx.connections().acquire()) {
      if (!requireSystemTable(c, cx.systemTables().names().featureVersions())) {
        return List.of();
      }
      return cx.systemTables()
          .featureVersions(cx.ctx(c), snapshotVersion, settings.graph(), versions);
    } catch (SQLException | DataAccessException e) {
      throw cx.failure("read feature versions", null, e);
    }
  }

  public Map<String, SnapshotTags> snapshotTags() {
    cx.requireOpen();
    try (Connection c = cx.connections().acquire()) {
      if (!requireSystemTable(c, cx.systemTables().names().featureVersions())) {
        return Map.of();
      }
      return tagsColumn().read(cx.ctx(c), c);
    } catch (SQLException | DataAccessException e) {
      throw cx.failure("read snapshot tags", null, e);
    }
  }

  public void recordMigrationEvent(MigrationEvent event) {
    cx.requireOpen();
    try (Connection c = cx.connections().acquire()) {
      requireSystemTable(c, cx.systemTables().names().migrationEvents());
      WriteLock.inTransaction(
          cx,
          c,
          cx.systemTables().names().migrationEvents(),
          () -> {
            cx.systemTables().recordEvent(cx.ctx(c), event);
            return null;
          });
    } catch (SQLException | DataAccessException e) {
      throw cx.failure("record a migration event", null, e);
    }
  }

  public List<MigrationEvent> migrationEvents(String migrationId) {
    cx.requireOpen();
    try (Connection c = cx.connections().acquire()) {
      if (!requireSystemTable(c, cx.systemTables().names().migrationEvents())) {
        return List.of();
      }
      return cx.systemTables().events(cx.ctx(c), migrationId);
    } catch (SQLException | DataAccessException e) {
      throw cx.failure("read migration events", null, e);
    }
  }

  public List<MigrationEvent> migrationEvents() {
    return migrationEvents(null);
  }
}
