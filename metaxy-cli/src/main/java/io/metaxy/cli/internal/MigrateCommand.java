package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.MetaxyContext;
import io.metaxy.ports.migration.MigrationStatus;
import io.metaxy.ports.migration.SchemaMigrator;
import io.metaxy.ports.store.MetadataStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code metaxy migrate status|generate|apply|repair}: schema migrations through the store's {@link
 * SchemaMigrator} (the store offers it through {@code MetadataStore.findSchemaMigrator()}). The
 * store is opened with {@code auto_create_tables = false}: the migrations own the schema.
 */
@Command(
    name = "migrate",
    description = "Schema migrations: system tables and feature tables, separate histories.",
    subcommands = {
      MigrateCommand.Status.class,
      MigrateCommand.Generate.class,
      MigrateCommand.Apply.class,
      MigrateCommand.Repair.class,
      DataMigrationCommand.class
    })
public final class MigrateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand: use status, generate, apply or repair");
  }

  /** The store's schema migrator, or an error saying the store has none. */
  static SchemaMigrator migrator(MetadataStore store, String storeName, String type) {
    Optional<SchemaMigrator> m = store.findSchemaMigrator();
    if (m.isPresent()) {
      return m.get();
    }
    throw new StoreUnsupportedException(
        "Store "
            + storeName
            + " (type "
            + type
            + ") has no schema migrations: it creates its tables itself (auto_create_tables)."
            + " Schema migrations need a SQL store, e.g. type duckdb/postgres/h2/mariadb"
            + " (io.metaxy:metaxy-adapter-jooq) or ebean (io.metaxy:metaxy-adapter-ebean).");
  }

  /** Shared options. */
  abstract static class MigrateBase extends BaseCommand {
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Feature migrations folder (default: migrations/ next to metaxy.toml)")
    Path dir;

    MigrateBase(CliEnvironment env) {
      super(env);
    }

    Path dir(MetaxyContext mx) {
      return dir == null
          ? mx.config().baseDir().resolve("migrations")
          : env.workingDir().resolve(dir);
    }

    SchemaMigrator migrator(MetaxyContext mx) {
      String name = storeName(mx);
      return MigrateCommand.migrator(store(mx), name, mx.config().store(name).type());
    }
  }

  /** Which history a command applies to. */
  static final class Which {
    @Option(names = "--system", description = "Only Metaxy's system tables")
    boolean system;

    @Option(names = "--features", description = "Only the feature tables")
    boolean features;

    boolean system() {
      return system || !features;
    }

    boolean features() {
      return features || !system;
    }
  }

  /** {@code migrate status}. */
  @Command(name = "status", description = "Applied and pending migrations of both histories.")
  static final class Status extends MigrateBase {
    @picocli.CommandLine.ArgGroup(exclusive = true)
    Which which = new Which();

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    Status(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContextWithoutAutoCreate()) {
        MigrationStatus s = migrator(mx).status(dir(mx));
        if (format == OutputFormat.JSON) {
          Map<String, Object> o = new LinkedHashMap<>();
          if (which.system()) {
            o.put(
                "system",
                Map.of(
                    "applied",
                    s.systemApplied(),
                    "pending",
                    s.systemPending(),
                    "failed",
                    s.systemFailed()));
          }
          if (which.features()) {
            o.put(
                "features",
                Map.of(
                    "applied",
                    s.featuresApplied(),
                    "pending",
                    s.featuresPending(),
                    "failed",
                    s.featuresFailed()));
          }
          printJson(o);
          return 0;
        }
        if (which.system()) {
          print("system tables", s.systemApplied(), s.systemPending());
          printFailed("system tables", s.systemFailed());
        }
        if (which.features()) {
          print("feature tables", s.featuresApplied(), s.featuresPending());
          printFailed("feature tables", s.featuresFailed());
        }
        out().flush();
        return 0;
      }
    }

    private void printFailed(String what, List<String> failed) {
      if (!failed.isEmpty()) {
        out()
            .println(
                what
                    + ": failed "
                    + failed
                    + " (fix the script, then apply again; or run metaxy migrate repair)");
      }
    }

    private void print(String what, List<String> applied, List<String> pending) {
      out()
          .println(
              what
                  + ": "
                  + applied.size()
                  + " applied"
                  + (applied.isEmpty() ? "" : " " + applied)
                  + ", "
                  + pending.size()
                  + " pending"
                  + (pending.isEmpty() ? "" : " " + pending));
    }
  }

  /** {@code migrate generate}. */
  @Command(
      name = "generate",
      description = "Write feature-table migration scripts for what the database lacks.")
  static final class Generate extends MigrateBase {
    @Option(names = "--description", defaultValue = "metaxy features")
    String description;

    Generate(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContextWithoutAutoCreate()) {
        List<Path> files = migrator(mx).generateFeatureMigrations(dir(mx), description);
        if (files.isEmpty()) {
          out().println("Feature tables are up to date; no script written.");
        }
        for (Path f : files) {
          out().println("Wrote " + f);
        }
        out().flush();
        return 0;
      }
    }
  }

  /** {@code migrate apply [--system|--features]}. */
  @Command(name = "apply", description = "Apply pending migrations, system tables first.")
  static final class Apply extends MigrateBase {
    @picocli.CommandLine.ArgGroup(exclusive = true)
    Which which = new Which();

    Apply(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContextWithoutAutoCreate()) {
        SchemaMigrator m = migrator(mx);
        if (which.system()) {
          out().println("System tables: " + m.migrateSystem() + " migration(s) applied");
        }
        if (which.features()) {
          out().println("Feature tables: " + m.migrateFeatures(dir(mx)) + " migration(s) applied");
        }
        out().flush();
        return 0;
      }
    }
  }

  /** {@code migrate repair}: Flyway's repair of both histories. */
  @Command(
      name = "repair",
      description =
          "Remove failed migrations from both histories (Flyway repair) so fixed scripts can run;"
              + " statements a failed migration ran are not undone.")
  static final class Repair extends MigrateBase {
    Repair(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContextWithoutAutoCreate()) {
        List<String> removed = migrator(mx).repair(dir(mx));
        out()
            .println(
                removed.isEmpty()
                    ? "Histories repaired; no failed migration was recorded."
                    : "Removed failed migration(s) "
                        + removed
                        + " from the history; fix their scripts, undo what they ran before"
                        + " failing, then apply again.");
        out().flush();
        return 0;
      }
    }
  }
}
