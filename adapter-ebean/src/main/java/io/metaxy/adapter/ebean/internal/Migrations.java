package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.ports.naming.SystemTableNames;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** Flyway runs of the two histories: system tables (shipped scripts) and feature tables. */
public final class Migrations {
  /** Classpath folder of the system scripts; one subfolder per platform. */
  public static final String SYSTEM_LOCATION =
      "classpath:io/metaxy/adapter/ebean/migration/system/";

  private Migrations() {}

  /** Flyway for the system scripts of {@code dialect}, with their own history table. */
  public static Flyway system(
      DataSource ds, Dialect dialect, SystemTableNames names, String historyTable) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(ds)
        .locations(SYSTEM_LOCATION + dialect.folder())
        .table(historyTable)
        .placeholders(
            Map.of(
                "feature_versions_table", dialect.id(names.featureVersions()),
                "migration_events_table", dialect.id(names.migrationEvents()),
                "feature_versions_index", dialect.id(indexName(names.featureVersions())),
                "migration_events_index", dialect.id(indexName(names.migrationEvents()))))
        .placeholderReplacement(true)
        .failOnMissingLocations(true)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  /** Flyway for the user's feature scripts in {@code dir}, with the user's history table. */
  public static Flyway features(DataSource ds, Path dir, String historyTable) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(ds)
        .locations("filesystem:" + dir.toAbsolutePath())
        .table(historyTable)
        .placeholderReplacement(false)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  private static String indexName(String table) {
    return "ix_" + table.replaceAll("[^A-Za-z0-9_]", "_") + "_lookup";
  }

  /** Versions applied successfully. */
  public static List<String> applied(Flyway f) {
    return Arrays.stream(f.info().applied())
        .filter(
            i ->
                i.getState().isApplied()
                    && !i.getState().isFailed()
                    && i.getState() != MigrationState.BASELINE)
        .map(Migrations::label)
        .toList();
  }

  /** Versions not yet applied. */
  public static List<String> pending(Flyway f) {
    return Arrays.stream(f.info().all())
        .filter(i -> i.getState() == MigrationState.PENDING || i.getState().isFailed())
        .map(Migrations::label)
        .toList();
  }

  private static String label(MigrationInfo i) {
    return (i.getVersion() == null ? "R" : i.getVersion().getVersion())
        + "__"
        + i.getDescription().replace(' ', '_');
  }

  /** Runs a migration; Flyway errors become {@link ErrorCode#MIGRATION_FAILED}. */
  public static int migrate(Flyway f, String what) {
    try {
      return f.migrate().migrationsExecuted;
    } catch (FlywayException e) {
      throw new MetaxyException(ErrorCode.MIGRATION_FAILED, what + " failed: " + e.getMessage(), e);
    }
  }
}
