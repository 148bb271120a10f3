package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.cli.ExitCodes;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.quarantine.Quarantine;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.FallbackChain;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.UpstreamVersions;
import io.metaxy.ports.system.RebaseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code metaxy metadata status|delete|rebase|copy|drop|quarantine}. */
@Command(
    name = "metadata",
    description = "Inspect and maintain stored feature metadata.",
    subcommands = {
      MetadataCommand.Status.class,
      MetadataCommand.Delete.class,
      MetadataCommand.Rebase.class,
      MetadataCopyCommand.class,
      MetadataDropCommand.class,
      QuarantineCommand.class
    })
public final class MetadataCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing subcommand: use status, delete, rebase, copy, drop or quarantine");
  }

  /** {@code metadata status [FEATURE...] [--assert-in-sync]}. */
  @Command(
      name = "status",
      description =
          "Count new, stale, orphaned and quarantined samples per feature (root features need"
              + " samples from the caller and are skipped). Quarantined samples are not counted as"
              + " new or stale.")
  static final class Status extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "FEATURE", description = "Features (default: all)")
    List<String> features = new ArrayList<>();

    @Option(
        names = "--assert-in-sync",
        description = "Exit with 1 when any feature has new, stale or orphaned samples.")
    boolean assertInSync;

    @Option(
        names = "--filter",
        paramLabel = "EXPR",
        description =
            "Count only samples of each feature matching this predicate (repeatable, AND-ed)")
    List<String> filters = new ArrayList<>();

    @Option(
        names = "--allow-fallback-stores",
        description =
            "Resolve features the store does not hold from its fallback stores (default: report"
                + " them as held by a fallback store)")
    boolean allowFallbackStores;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    Status(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContextReadOnly();
          Quarantine quarantine = Quarantine.of(store(mx))) {
        List<FeatureKey> keys = new ArrayList<>();
        if (features.isEmpty()) {
          keys.addAll(mx.graph().topologicalOrder());
        } else {
          for (String f : features) {
            keys.add(feature(mx, f));
          }
        }
        MetadataStore store = store(mx);
        Progress progress = progress("metadata status", keys.size());
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean inSync = true;
        // each feature the listed ones read from (or a listed root) is checked once
        java.util.Set<FeatureKey> toCheck = new java.util.LinkedHashSet<>();
        for (FeatureKey k : keys) {
          toCheck.addAll(mx.graph().transitiveUpstream(k));
          if (mx.graph().get(k).isRoot()) {
            toCheck.add(k);
          }
        }
        Map<FeatureKey, UpstreamVersions.Outdated> outdated = new LinkedHashMap<>();
        for (FeatureKey k : mx.graph().topologicalOrder()) {
          if (toCheck.contains(k)) {
            UpstreamVersions.outdated(store, k).ifPresent(od -> outdated.put(k, od));
          }
        }
        for (FeatureKey k : keys) {
          progress.step(k.toString());
          FeatureSpec s = mx.graph().get(k);
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("feature", k.toString());
          r.put("feature_version", versions(mx).featureVersion(k));
          Optional<MetadataStore> fallback =
              allowFallbackStores ? Optional.empty() : FallbackChain.holderOf(store, k);
          if (s.isRoot()) {
            r.put("root", true);
            r.put("status", "root");
          } else if (fallback.isPresent()) {
            r.put("root", false);
            r.put("status", "in a fallback store (pass --allow-fallback-stores to resolve it)");
          } else {
            ResolveOptions ro = ResolveOptions.defaults();
            if (!filters.isEmpty()) {
              ro = ro.targetFilter(filters.toArray(String[]::new));
            }
            Quarantine.Resolved res = quarantine.resolveUpdate(k, ro);
            long n = res.increment().newRows().size();
            long st = res.increment().staleRows().size();
            long o = res.increment().orphanedRows().size();
            long qn = res.quarantined().size();
            boolean ok = n == 0 && st == 0 && o == 0;
            inSync &= ok;
            r.put("root", false);
            r.put("status", ok ? "in sync" : "needs update");
            r.put("new", n);
            r.put("stale", st);
            r.put("orphaned", o);
            r.put("quarantined", qn);
          }
          rows.add(r);
        }
        inSync &= outdated.isEmpty();
        if (format == OutputFormat.JSON) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("store", storeName(mx));
          o.put("in_sync", inSync);
          o.put("features", rows);
          List<Map<String, Object>> od = new ArrayList<>();
          for (UpstreamVersions.Outdated x : outdated.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", x.feature().toString());
            m.put("root", x.root());
            m.put("samples_under_older_versions_only", x.olderOnly());
            m.put("samples_under_current_version", x.current());
            m.put("message", x.message());
            od.add(m);
          }
          o.put("outdated_upstreams", od);
          printJson(o);
        } else {
          Table t =
              new Table("FEATURE", "VERSION", "STATUS", "NEW", "STALE", "ORPHANED", "QUARANTINED");
          for (Map<String, Object> r : rows) {
            boolean root = (Boolean) r.get("root");
            t.row(
                r.get("feature"),
                r.get("feature_version"),
                root ? "root (skipped: no samples here)" : r.get("status"),
                r.getOrDefault("new", ""),
                r.getOrDefault("stale", ""),
                r.getOrDefault("orphaned", ""),
                r.getOrDefault("quarantined", ""));
          }
          t.print(out());
          for (UpstreamVersions.Outdated x : outdated.values()) {
            out().println("Warning: " + x.message() + ".");
          }
          out().println(inSync ? "All features are in sync." : "Some features need an update.");
          out().flush();
        }
        return assertInSync && !inSync ? ExitCodes.ASSERTION_FAILED : ExitCodes.OK;
      }
    }
  }

  /** {@code metadata delete FEATURE... --filter EXPR [--hard] [--with-feature-history]}. */
  @Command(
      name = "delete",
      description =
          "Delete samples matching filters: soft by default (tombstones), --hard removes rows.")
  static final class Delete extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "FEATURE", description = "Features to delete from")
    List<String> features;

    @Option(
        names = "--filter",
        paramLabel = "EXPR",
        description = "Filter predicate, e.g. \"video_id = 'v1'\" (repeatable, AND-ed)")
    List<String> filters = new ArrayList<>();

    @Option(names = "--hard", description = "Physically delete rows instead of tombstoning.")
    boolean hard;

    @Option(
        names = "--with-feature-history",
        description = "Delete across every feature version (default: the current one only).")
    boolean featureHistory;

    @Option(names = "--all", description = "Delete every sample (required without --filter).")
    boolean all;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    Delete(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      if (filters.isEmpty() && !all) {
        throw new CliUsageException(
            "metadata delete needs --filter EXPR (or --all to delete every sample).");
      }
      try (MetaxyContext mx = openContext()) {
        MetadataStore store = store(mx);
        List<Object> results = new ArrayList<>();
        Progress progress = progress("metadata delete", features.size());
        for (String f : features) {
          FeatureKey k = feature(mx, f);
          progress.step(k.toString());
          long n = store.delete(k, new DeleteOptions(filters, hard, featureHistory));
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("feature", k.toString());
          r.put("hard", hard);
          r.put(hard ? "rows_deleted" : "samples_deleted", n);
          results.add(r);
          if (format == OutputFormat.TEXT) {
            out()
                .println(
                    hard
                        ? "Deleted " + n + " row(s) of " + k + " (hard)"
                        : "Deleted " + n + " sample(s) of " + k + " (soft)");
          }
        }
        if (format == OutputFormat.JSON) {
          printJson(results);
        }
        out().flush();
        return 0;
      }
    }
  }

  /** {@code metadata rebase FEATURE --from V [--to V]}. */
  @Command(
      name = "rebase",
      description =
          "Carry a feature's rows from an old feature version to the current one without"
              + " recomputing; recorded in the migration events, resumable. Root features are"
              + " refused.")
  static final class Rebase extends BaseCommand {
    @Parameters(paramLabel = "FEATURE")
    String feature;

    @Option(names = "--from", required = true, paramLabel = "VERSION")
    String fromVersion;

    @Option(
        names = "--to",
        paramLabel = "VERSION",
        description = "The current version (the only possible target); default")
    String toVersion;

    @Option(
        names = "--migration-id",
        paramLabel = "ID",
        description = "Default: rebase:<feature>:<from>:<to>")
    String migrationId;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    Rebase(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContext()) {
        FeatureKey k = feature(mx, feature);
        String to = toVersion == null ? versions(mx).featureVersion(k) : toVersion;
        String id =
            migrationId == null ? "rebase:" + k + ":" + fromVersion + ":" + to : migrationId;
        RebaseResult r = store(mx).rebase(k, fromVersion, toVersion, id);
        if (format == OutputFormat.JSON) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("migration_id", r.migrationId());
          o.put("feature", r.featureKey());
          o.put("from_version", fromVersion);
          o.put("to_version", to);
          o.put("rows_written", r.rowsWritten());
          o.put("skipped", r.skipped());
          printJson(o);
        } else if (r.skipped()) {
          out().println("Rebase " + id + " of " + k + " was already completed; nothing to do.");
        } else {
          out()
              .println(
                  "Rebased "
                      + k
                      + " from "
                      + fromVersion
                      + " to "
                      + to
                      + ": "
                      + r.rowsWritten()
                      + " row(s) written (migration "
                      + id
                      + ")");
        }
        out().flush();
        return 0;
      }
    }
  }
}
