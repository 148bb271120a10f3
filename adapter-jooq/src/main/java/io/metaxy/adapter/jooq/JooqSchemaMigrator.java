package io.metaxy.adapter.jooq;

import io.metaxy.adapter.jooq.internal.ConnectionSourceDataSource;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.migration.MigrationEntry;
import io.metaxy.ports.migration.MigrationStatus;
import io.metaxy.ports.migration.SchemaMigrator;
import io.metaxy.sql.FeatureTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Flyway schema migrations of a {@link JooqMetadataStore}, with two separate histories:
 *
 * <ul>
 *   <li><b>System tables</b>: versioned scripts per dialect shipped in this jar under {@code
 *       classpath:io/metaxy/adapter/jooq/migration/system/<dialect>}, history table {@code
 *       metaxy_system_schema_history} (configurable), table names as Flyway placeholders.
 *   <li><b>Feature tables</b>: {@link #generateFeatureMigrations} writes scripts for missing tables
 *       (with the index on their ID columns) and columns (from the graph, declared {@link
 *       JooqFeature} columns and the system columns) into the user's folder; {@link
 *       #migrateFeatures} applies them with the user's history table ({@code flyway_schema_history}
 *       by default). It refuses while system migrations are pending.
 * </ul>
 */
public final class JooqSchemaMigrator implements SchemaMigrator {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(JooqSchemaMigrator.class);
  private static final String SYSTEM_LOCATION =
      "classpath:io/metaxy/adapter/jooq/migration/system/";
  private static final String PYTHON_SYSTEM_LOCATION =
      "classpath:io/metaxy/adapter/jooq/migration/system-python/";
  private static final Pattern VERSION = Pattern.compile("^V(\\d+)__.*\\.sql$");
  private static final Pattern MARKER =
      Pattern.compile("^-- metaxy: table=(.+?) column=(.+)$", Pattern.MULTILINE);

  private final JooqMetadataStore store;

  public JooqSchemaMigrator(JooqMetadataStore store) {
    this.store = store;
  }

  private FluentConfiguration base() {
    store.config().dialect().requireFlywaySupport();
    FluentConfiguration c =
        Flyway.configure(JooqSchemaMigrator.class.getClassLoader())
            .dataSource(new ConnectionSourceDataSource(store.connections()))
            .baselineOnMigrate(true)
            .baselineVersion("0");
    String schema = store.config().schema();
    if (schema != null) {
      c = c.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    return c;
  }

  private Flyway systemFlyway() {
    Map<String, String> placeholders = new HashMap<>();
    io.metaxy.ports.naming.SystemTableNames names =
        io.metaxy.adapter.jooq.internal.SystemTables.names(
            store.config().layout(), store.settings().systemTableNames());
    placeholders.put("feature_versions_table", names.featureVersions());
    placeholders.put("migration_events_table", names.migrationEvents());
    FluentConfiguration c = base().table(store.config().systemHistoryTable());
    if (store.config().layout() == StoreLayout.PYTHON) {
      // the python layout's system tables are system version 2, in their own location: a fresh
      // store applies V2 only; a seed store upgraded to it keeps its V1 in the history
      c =
          c.locations(PYTHON_SYSTEM_LOCATION + store.dialect().type())
              .ignoreMigrationPatterns("*:missing");
    } else {
      c = c.locations(SYSTEM_LOCATION + store.dialect().type());
    }
    return c.placeholders(placeholders).load();
  }

  private Flyway featureFlyway(Path dir) {
    return base()
        .table(store.config().featureHistoryTable())
        .locations("filesystem:" + dir.toAbsolutePath())
        .placeholderReplacement(false)
        .load();
  }

  /**
   * Applied, pending and failed versions of both histories. A migration that failed on a database
   * that cannot roll back DDL (MariaDB, H2) keeps a history row marked failed: it is reported as
   * failed, never as applied.
   */
  @Override
  public MigrationStatus status(Path featureMigrationsDir) {
    List<MigrationEntry> features = new ArrayList<>();
    if (featureMigrationsDir != null && Files.isDirectory(featureMigrationsDir)) {
      features = entries(featureFlyway(featureMigrationsDir).info().all());
    }
    return MigrationStatus.of(entries(systemFlyway().info().all()), features);
  }

  private static List<MigrationEntry> entries(MigrationInfo[] all) {
    List<MigrationEntry> out = new ArrayList<>();
    for (MigrationInfo i : all) {
      MigrationState s = i.getState();
      MigrationEntry.State state =
          s.isFailed()
              ? MigrationEntry.State.FAILED
              : s == MigrationState.PENDING
                  ? MigrationEntry.State.PENDING
                  : s.isApplied() ? MigrationEntry.State.APPLIED : MigrationEntry.State.OTHER;
      out.add(
          new MigrationEntry(i.getVersion() == null ? null : i.getVersion().getVersion(), state));
    }
    return out;
  }

  private static void split(MigrationInfo[] all, List<String> applied, List<String> pending) {
    MigrationStatus s = MigrationStatus.of(entries(all), List.of());
    applied.addAll(s.systemApplied());
    pending.addAll(s.systemPending());
  }

  /**
   * Flyway's repair of the feature history (and the system history): removes the rows of failed
   * migrations and realigns checksums of applied scripts with the files. Statements a failed
   * migration ran before failing are not undone: drop what it created by hand first. Returns the
   * failed versions removed.
   */
  @Override
  public List<String> repair(Path featureMigrationsDir) {
    List<String> removed = new ArrayList<>(status(featureMigrationsDir).systemFailed());
    removed.addAll(status(featureMigrationsDir).featuresFailed());
    try {
      systemFlyway().repair();
      if (featureMigrationsDir != null && Files.isDirectory(featureMigrationsDir)) {
        featureFlyway(featureMigrationsDir).repair();
      }
    } catch (RuntimeException e) {
      throw new MetaxyException(
          ErrorCode.MIGRATION_FAILED,
          "Repairing the migration histories failed: " + e.getMessage(),
          e);
    }
    return removed;
  }

  @Override
  public int migrateSystem() {
    try {
      MigrateResult r = systemFlyway().migrate();
      return r.migrationsExecuted;
    } catch (RuntimeException e) {
      throw new MetaxyException(
          ErrorCode.MIGRATION_FAILED,
          "Metaxy system-table migrations failed: " + e.getMessage(),
          e);
    }
  }

  @Override
  public int migrateFeatures(Path dir) {
    List<String> pending = new ArrayList<>();
    split(systemFlyway().info().all(), new ArrayList<>(), pending);
    if (!pending.isEmpty()) {
      throw new MetaxyException(
          ErrorCode.MIGRATION_FAILED,
          "Metaxy system-table migrations "
              + pending
              + " are pending (history table "
              + store.config().systemHistoryTable()
              + "): apply them first with metaxy migrate apply --system (Java: migrateSystem()), then"
              + " the feature"
              + " migrations in "
              + dir
              + ".");
    }
    List<String> failed = status(dir).featuresFailed();
    if (!failed.isEmpty()) {
      // MariaDB and H2 cannot roll back DDL, so Flyway keeps the failed attempt in the history and
      // refuses to go on: re-running means the script was fixed; statements the failed attempt ran
      // before failing stay (see repair)
      LOG.warn(
          "Feature migrations {} failed earlier (history {}): repairing the history and retrying"
              + " them; statements they ran before failing are not undone.",
          failed,
          store.config().featureHistoryTable());
      featureFlyway(dir).repair();
    }
    try {
      return featureFlyway(dir).migrate().migrationsExecuted;
    } catch (RuntimeException e) {
      throw new MetaxyException(
          ErrorCode.MIGRATION_FAILED,
          "Feature-table migrations in "
              + dir
              + " failed (history table "
              + store.config().featureHistoryTable()
              + "; system tables untouched): "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public List<Path> generateFeatureMigrations(Path dir, String description) {
    try {
      Files.createDirectories(dir);
      Set<String> covered = new HashSet<>();
      int maxVersion = 0;
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Matcher m = VERSION.matcher(p.getFileName().toString());
          if (!m.matches()) {
            continue;
          }
          maxVersion = Math.max(maxVersion, Integer.parseInt(m.group(1)));
          Matcher mk = MARKER.matcher(Files.readString(p, StandardCharsets.UTF_8));
          while (mk.find()) {
            covered.add(mk.group(1) + "\u0000" + mk.group(2));
          }
        }
      }
      DSLContext render =
          DSL.using(
              store.dialect().sqlDialect(),
              new Settings()
                  .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                  .withRenderSchema(false));
      StringBuilder sql = new StringBuilder();
      try (Connection c = store.connections().acquire()) {
        for (FeatureSpec spec : store.graph().features()) {
          FeatureTable existing = store.describeForMigration(c, spec.key());
          String table = store.tableName(spec.key());
          Map<String, DataType<?>> wanted = store.declaredColumnsForMigration(spec.key());
          Map<String, DataType<?>> missing = new LinkedHashMap<>();
          for (Map.Entry<String, DataType<?>> e : wanted.entrySet()) {
            if (!existing.hasPhysical(e.getKey())
                && !covered.contains(table + "\u0000" + e.getKey())) {
              missing.put(e.getKey(), e.getValue());
            }
          }
          // DuckDB, python layout: struct members of fields added since the table was created
          List<String> members = new ArrayList<>();
          store
              .structMembersForMigration(spec)
              .forEach(
                  (map, keys) -> {
                    for (String k : keys) {
                      String m = map + "." + k;
                      if (existing.hasPhysical(map)
                          && !existing.structMembers(map).contains(k)
                          && !covered.contains(table + "\u0000" + m)) {
                        members.add(m);
                      }
                    }
                  });
          if (missing.isEmpty() && members.isEmpty()) {
            continue;
          }
          boolean tableKnown =
              existing.exists() || covered.stream().anyMatch(k -> k.startsWith(table + "\u0000"));
          sql.append("-- feature ").append(spec.key()).append('\n');
          if (!tableKnown) {
            List<Field<?>> fields = new ArrayList<>();
            missing.forEach((k, v) -> fields.add(DSL.field(DSL.name(k), v)));
            String ddl =
                render.createTable(DSL.name(table)).columns(fields).getSQL(ParamType.INLINED);
            if (store.dialect() == JooqDialect.MARIADB) {
              ddl += " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
            }
            sql.append(ddl).append(";\n");
            // the index auto_create_tables creates: merge-on-read probes by ID
            sql.append(
                    render
                        .createIndex(
                            DSL.name(
                                FeatureTables.idIndexName(
                                    store.table(spec.key()).getQualifiedName(), spec.idColumns())))
                        .on(
                            DSL.table(DSL.name(table)),
                            FeatureTables.idIndexColumns(spec.idColumns()))
                        .getSQL(ParamType.INLINED))
                .append(";\n");
          } else {
            String index =
                render.render(
                    DSL.name(
                        FeatureTables.idIndexName(
                            store.table(spec.key()).getQualifiedName(), spec.idColumns())));
            boolean duck = store.dialect() == JooqDialect.DUCKDB;
            if (duck) {
              // DuckDB refuses to alter a table that has an index
              sql.append("DROP INDEX IF EXISTS ").append(index).append(";\n");
            }
            for (Map.Entry<String, DataType<?>> e : missing.entrySet()) {
              sql.append(
                      render
                          .alterTable(DSL.name(table))
                          .addColumn(DSL.field(DSL.name(e.getKey()), e.getValue().nullable(true)))
                          .getSQL(ParamType.INLINED))
                  .append(";\n");
            }
            for (String m : members) {
              int dot = m.indexOf('.');
              sql.append("ALTER TABLE ")
                  .append(render.render(DSL.name(table)))
                  .append(" ADD COLUMN ")
                  .append(io.metaxy.sql.FeatureTableLayout.quoteDuck(m.substring(0, dot)))
                  .append('.')
                  .append(io.metaxy.sql.FeatureTableLayout.quoteDuck(m.substring(dot + 1)))
                  .append(" VARCHAR;\n");
            }
            if (duck) {
              sql.append(
                      render
                          .createIndex(
                              DSL.name(
                                  FeatureTables.idIndexName(
                                      store.table(spec.key()).getQualifiedName(),
                                      spec.idColumns())))
                          .on(
                              DSL.table(DSL.name(table)),
                              FeatureTables.idIndexColumns(spec.idColumns()))
                          .getSQL(ParamType.INLINED))
                  .append(";\n");
            }
          }
          List<String> markers = new ArrayList<>(missing.keySet());
          markers.addAll(members);
          for (String col : markers) {
            sql.append("-- metaxy: table=")
                .append(table)
                .append(" column=")
                .append(col)
                .append('\n');
          }
          sql.append('\n');
        }
      } catch (SQLException e) {
        throw new MetaxyException(
            ErrorCode.STORE_FAILURE, "Cannot inspect the database: " + e.getMessage(), e);
      }
      if (sql.length() == 0) {
        return List.of();
      }
      String desc =
          (description == null || description.isBlank() ? "metaxy_features" : description)
              .replaceAll("[^A-Za-z0-9_]+", "_");
      Path file = dir.resolve("V" + (maxVersion + 1) + "__" + desc + ".sql");
      Files.writeString(
          file,
          "-- Generated by Metaxy (JooqSchemaMigrator) for the "
              + store.dialect().type()
              + " feature tables.\n\n"
              + sql,
          StandardCharsets.UTF_8);
      return List.of(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
