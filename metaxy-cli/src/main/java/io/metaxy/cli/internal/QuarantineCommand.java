package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.quarantine.Quarantine;
import io.metaxy.ports.quarantine.QuarantineEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code metadata quarantine list|release}: samples whose computation failed (ADR-0007). */
@Command(
    name = "quarantine",
    description = "Samples whose computation failed and that the increment leaves out.",
    subcommands = {QuarantineCommand.ListEntries.class, QuarantineCommand.Release.class})
final class QuarantineCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: use list or release");
  }

  /** {@code quarantine list [FEATURE...]}. */
  @Command(name = "list", description = "List quarantined samples (default: of every feature).")
  static final class ListEntries extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "FEATURE")
    List<String> features = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    ListEntries(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContextReadOnly();
          Quarantine q = Quarantine.of(store(mx))) {
        List<QuarantineEntry> entries = new ArrayList<>();
        if (features.isEmpty()) {
          entries.addAll(q.entries());
        } else {
          for (String f : features) {
            entries.addAll(q.entries(feature(mx, f)));
          }
        }
        if (format == OutputFormat.JSON) {
          List<Object> out = new ArrayList<>();
          for (QuarantineEntry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature", e.feature().toString());
            m.put("sample", e.sampleKey());
            m.put("feature_version", e.featureVersion());
            m.put("provenance", e.provenance());
            m.put("error", e.errorMessage());
            m.put(
                "quarantined_at", e.quarantinedAt() == null ? null : e.quarantinedAt().toString());
            out.add(m);
          }
          printJson(out);
        } else {
          Table t = new Table("FEATURE", "SAMPLE", "VERSION", "ERROR", "AT");
          for (QuarantineEntry e : entries) {
            t.row(
                e.feature(),
                e.sampleKey(),
                e.featureVersion(),
                e.errorMessage(),
                e.quarantinedAt());
          }
          t.print(out());
          out().println(entries.size() + " quarantined sample(s).");
          out().flush();
        }
        return 0;
      }
    }
  }

  /** {@code quarantine release FEATURE [--id COL=VALUE...] | --all}. */
  @Command(
      name = "release",
      description =
          "Release quarantined samples of a feature so the next run computes them again:"
              + " samples given by --id, or every sample with --all.")
  static final class Release extends BaseCommand {
    @Parameters(paramLabel = "FEATURE")
    String feature;

    @Option(
        names = "--id",
        paramLabel = "COL=VALUE[,COL=VALUE]",
        description = "ID values of one sample, e.g. video_id=v1 (repeatable)")
    List<String> ids = new ArrayList<>();

    @Option(names = "--all", description = "Release every quarantined sample of the feature.")
    boolean all;

    Release(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      if (ids.isEmpty() == !all) {
        throw new CliUsageException(
            "quarantine release needs either --id COL=VALUE (repeatable) or --all.");
      }
      try (MetaxyContext mx = openContext();
          Quarantine q = Quarantine.of(store(mx))) {
        FeatureKey k = feature(mx, feature);
        FeatureSpec spec = mx.graph().get(k);
        List<Row> samples = new ArrayList<>();
        for (String id : ids) {
          Map<String, Object> values = new LinkedHashMap<>();
          Map<String, Object> asText = new LinkedHashMap<>();
          for (String pair : id.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
              throw new CliUsageException("--id " + id + ": expected COL=VALUE[,COL=VALUE].");
            }
            String col = pair.substring(0, eq).trim();
            if (!spec.idColumns().contains(col)) {
              throw new CliUsageException(
                  "--id "
                      + id
                      + ": "
                      + col
                      + " is not an ID column of "
                      + k
                      + " (ID columns: "
                      + String.join(", ", spec.idColumns())
                      + ").");
            }
            String v = pair.substring(eq + 1).trim();
            values.put(col, value(v));
            asText.put(col, v);
          }
          // a numeric value may be stored as a number or as text: release either
          samples.add(Row.of(values));
          if (!asText.equals(values)) {
            samples.add(Row.of(asText));
          }
        }
        long n = q.release(k, samples);
        out().println("Released " + n + " sample(s) of " + k + ".");
        out().flush();
        return 0;
      }
    }

    /** Integers are IDs of integer columns; everything else is text. */
    private static Object value(String s) {
      if (s.matches("-?\\d{1,18}")) {
        return Long.parseLong(s);
      }
      return s;
    }
  }
}
