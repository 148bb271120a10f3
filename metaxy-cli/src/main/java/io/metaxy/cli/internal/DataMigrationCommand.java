package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.json.DefinitionsCodec;
import io.metaxy.ports.plan.MigrationPlan;
import io.metaxy.ports.plan.MigrationPlanner;
import io.metaxy.ports.plan.MigrationStep;
import io.metaxy.ports.plan.PlanApplier;
import io.metaxy.ports.plan.SnapshotGraphs;
import io.metaxy.ports.store.MetadataStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code metaxy migrate data plan|apply FROM [TO]}: data migrations planned from the diff of two
 * pushed snapshots (TO defaults to the current code), applied as recorded, resumable rebases.
 */
@Command(
    name = "data",
    description =
        "Data migrations from a snapshot diff: plan shows the steps, apply runs the rebase steps"
            + " (recorded in the migration events, resumable).",
    subcommands = {DataMigrationCommand.Plan.class, DataMigrationCommand.Apply.class})
final class DataMigrationCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: use plan or apply");
  }

  /** Options of plan and apply. */
  abstract static class PlanBase extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FROM", description = "Pushed snapshot (or prefix)")
    String from;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "TO",
        description = "Pushed snapshot (default: the current code)")
    String to;

    @Option(
        names = "--keep-data",
        paramLabel = "FEATURE",
        description =
            "Declare that this feature's code change keeps its data: rebase instead of recompute"
                + " (repeatable)")
    List<String> keepData = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    PlanBase(CliEnvironment env) {
      super(env);
    }

    MigrationPlan plan(MetaxyContext mx, MetadataStore store) {
      FeatureGraph old;
      FeatureGraph target;
      try {
        old = SnapshotGraphs.graphOf(store, from, DefinitionsCodec::readSpec);
        target =
            to == null ? mx.graph() : SnapshotGraphs.graphOf(store, to, DefinitionsCodec::readSpec);
      } catch (IllegalArgumentException e) {
        throw new CliUsageException(e.getMessage());
      }
      Set<FeatureKey> keep = new LinkedHashSet<>();
      for (String k : keepData) {
        FeatureKey key = FeatureKey.of(k);
        if (!target.contains(key)) {
          throw new CliUsageException("--keep-data " + k + ": no such feature in the target.");
        }
        keep.add(key);
      }
      return MigrationPlanner.plan(old, target, mx.config().truncation(), keep);
    }

    void printPlan(MigrationPlan plan) {
      if (plan.isEmpty()) {
        out()
            .println(
                "No feature changed between "
                    + plan.fromSnapshot()
                    + " and "
                    + plan.toSnapshot()
                    + ".");
        out().flush();
        return;
      }
      out().println("Data migration " + plan.defaultMigrationId());
      Table t = new Table("#", "FEATURE", "ACTION", "FROM", "TO", "WHY");
      int i = 1;
      for (MigrationStep s : plan.steps()) {
        t.row(i++, s.feature(), s.action().value(), s.fromVersion(), s.toVersion(), s.reason());
      }
      t.print(out());
      out().flush();
    }
  }

  /** {@code migrate data plan FROM [TO]}. */
  @Command(name = "plan", description = "Show the data migration from FROM to TO (or the code).")
  static final class Plan extends PlanBase {
    Plan(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContextReadOnly()) {
        MigrationPlan plan = plan(mx, store(mx));
        if (format == OutputFormat.JSON) {
          printJson(plan.toTree());
        } else {
          printPlan(plan);
        }
        return 0;
      }
    }
  }

  /** {@code migrate data apply FROM [--dry-run] [--migration-id ID]}. */
  @Command(
      name = "apply",
      description =
          "Run the plan's rebase steps under one migration id (recorded; re-running resumes)."
              + " Recompute steps are left to the pipeline.")
  static final class Apply extends PlanBase {
    @Option(names = "--dry-run", description = "Show what would run; write nothing.")
    boolean dryRun;

    @Option(
        names = "--migration-id",
        paramLabel = "ID",
        description = "Default: data:<from snapshot>:<to snapshot>")
    String migrationId;

    Apply(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContext()) {
        MetadataStore store = store(mx);
        MigrationPlan plan = plan(mx, store);
        String id = migrationId == null ? plan.defaultMigrationId() : migrationId;
        Progress progress = progress("migrate data apply", plan.steps().size());
        List<PlanApplier.StepOutcome> outcomes;
        try {
          outcomes =
              PlanApplier.apply(
                  store,
                  plan,
                  id,
                  dryRun,
                  o -> progress.step(o.step().feature() + ": " + o.outcome()));
        } catch (IllegalArgumentException e) {
          throw new CliUsageException(e.getMessage());
        }
        if (format == OutputFormat.JSON) {
          Map<String, Object> doc = new LinkedHashMap<>(plan.toTree());
          doc.put("migration_id", id);
          doc.put("dry_run", dryRun);
          List<Object> steps = new ArrayList<>();
          for (PlanApplier.StepOutcome o : outcomes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", o.step().feature().toString());
            m.put("action", o.step().action().value());
            m.put("outcome", o.outcome());
            m.put("rows_written", o.rowsWritten());
            steps.add(m);
          }
          doc.put("outcomes", steps);
          printJson(doc);
        } else {
          Table t = new Table("FEATURE", "ACTION", "OUTCOME", "ROWS");
          for (PlanApplier.StepOutcome o : outcomes) {
            t.row(o.step().feature(), o.step().action().value(), o.outcome(), o.rowsWritten());
          }
          t.print(out());
          out().println((dryRun ? "Dry run of migration " : "Migration ") + id + " done.");
          out().flush();
        }
        return 0;
      }
    }
  }
}
