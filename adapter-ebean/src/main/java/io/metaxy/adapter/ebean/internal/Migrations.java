package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.ports.migration.MigrationEntry;
import io.metaxy.ports.naming.SystemTableNames;
import java.nio.file.Path;
import java.util.ArrayList;
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
  /** Classpath folder of the seed layout's system scripts; one subfolder per platform. */
  public static final String SYSTEM_LOCATION =
      "classpath:io/metaxy/adapter/ebean/migration/system/";

  /** Classpath folder of the python layout's system scripts; one subfolder per platform. */
  public static final String PYTHON_SYSTEM_LOCATION =
      "classpath:io/metaxy/adapter/ebean/migration/system-python/";

  private Migrations() {}

  /**
   * Flyway for the system scripts of {@code layout}, with their own history table; {@code names}
   * are the layout's system table names ({@link PhysicalLayout#systemTables}).
   */
  public static Flyway system(
      DataSource ds, PhysicalLayout layout, SystemTableNames names, String historyTable) {
    Dialect dialect = layout.dialect();
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(ds)
        .locations(
            (layout.isPython() ? PYTHON_SYSTEM_LOCATION : SYSTEM_LOCATION) + dialect.folder())
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

  /**
   * The entries of a history for {@code MigrationStatus.of}: labelled {@code <version>__<name>},
   * failed runs as failed (never applied), the baseline left out.
   */
  public static List<MigrationEntry> entries(Flyway f) {
    List<MigrationEntry> out = new ArrayList<>();
    for (MigrationInfo i : f.info().all()) {
      MigrationState st = i.getState();
      MigrationEntry.State state;
      if (st == MigrationState.BASELINE || st == MigrationState.BELOW_BASELINE) {
        continue;
      } else if (st.isFailed()) {
        state = MigrationEntry.State.FAILED;
      } else if (st == MigrationState.PENDING) {
        state = MigrationEntry.State.PENDING;
      } else if (st.isApplied()) {
        state = MigrationEntry.State.APPLIED;
      } else {
        state = MigrationEntry.State.OTHER;
      }
      out.add(new MigrationEntry(label(i), state));
    }
    return out;
  }

  /** Versions not yet applied (failed ones included: they run again). */
  public static List<String> pending(Flyway f) {
    return Arrays.stream(f.info().all())
        .filter(i -> i.getState() == MigrationState.PENDING || i.getState().isFailed())
        .map(Migrations::label)
        .toList();
  }

  /** Whether the history records a failed migration (to remove with {@code repair}). */
  public static boolean hasFailed(Flyway f) {
    return Arrays.stream(f.info().all()).anyMatch(i -> i.getState().isFailed());
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
