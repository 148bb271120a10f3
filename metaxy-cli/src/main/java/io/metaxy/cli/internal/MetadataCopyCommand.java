package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.json.DefinitionsCodec;
import io.metaxy.ports.copy.CopyOptions;
import io.metaxy.ports.copy.CopyResult;
import io.metaxy.ports.copy.MetadataCopier;
import io.metaxy.ports.store.MetadataStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metadata copy --to STORE [--from STORE] [FEATURE...]}: copies metadata between stores of
 * the configuration, keeping feature versions. Re-running copies only what is missing.
 */
@Command(
    name = "copy",
    description =
        "Copy metadata of features (default: all) from one store to another, keeping feature"
            + " versions; re-running after an interruption copies only what is missing.")
final class MetadataCopyCommand extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "FEATURE", description = "Features (default: all)")
  List<String> features = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "STORE",
      description = "Source store (default: --store, else the configured default)")
  String from;

  @Option(names = "--to", required = true, paramLabel = "STORE", description = "Target store")
  String to;

  @Option(
      names = "--with-feature-history",
      description = "Copy every stored feature version (needs pushed snapshots in the source).")
  boolean featureHistory;

  @Option(
      names = "--with-sample-history",
      description = "Copy every stored row (older rows, tombstones), not only the latest.")
  boolean sampleHistory;

  @Option(
      names = "--filter",
      paramLabel = "EXPR",
      description = "Filter predicate applied to every feature (repeatable, AND-ed)")
  List<String> filters = new ArrayList<>();

  @Option(names = "--format", defaultValue = "text", description = "text or json")
  OutputFormat format;

  MetadataCopyCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    try (MetaxyContext mx = openContext()) {
      String source = from == null ? storeName(mx) : from;
      if (source.equals(to)) {
        throw new CliUsageException(
            "metadata copy: --from and --to name the same store (" + to + ").");
      }
      List<FeatureKey> keys = new ArrayList<>();
      for (String f : features) {
        keys.add(feature(mx, f));
      }
      CopyOptions o = CopyOptions.defaults().withFeatures(keys).withFilters(filters);
      if (featureHistory) {
        o = o.withFeatureHistory(DefinitionsCodec::readSpec);
      }
      if (sampleHistory) {
        o = o.withSampleHistory();
      }
      MetadataStore src = mx.store(source);
      MetadataStore dst = mx.store(to);
      int total = keys.isEmpty() ? mx.graph().size() : keys.size();
      Progress progress = progress("metadata copy", total);
      List<CopyResult> results =
          MetadataCopier.copy(
              src,
              dst,
              o,
              r ->
                  progress.step(
                      r.feature()
                          + " "
                          + r.featureVersion()
                          + ": "
                          + r.rowsWritten()
                          + " written, "
                          + r.rowsSkipped()
                          + " already there"));
      if (format == OutputFormat.JSON) {
        List<Object> out = new ArrayList<>();
        for (CopyResult r : results) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("feature", r.feature().toString());
          m.put("feature_version", r.featureVersion());
          m.put("rows_read", r.rowsRead());
          m.put("rows_written", r.rowsWritten());
          m.put("rows_skipped", r.rowsSkipped());
          out.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("from", source);
        doc.put("to", to);
        doc.put("features", out);
        printJson(doc);
      } else {
        Table t = new Table("FEATURE", "VERSION", "READ", "WRITTEN", "ALREADY THERE");
        for (CopyResult r : results) {
          t.row(r.feature(), r.featureVersion(), r.rowsRead(), r.rowsWritten(), r.rowsSkipped());
        }
        t.print(out());
        long written = results.stream().mapToLong(CopyResult::rowsWritten).sum();
        out().println("Copied " + written + " row(s) from " + source + " to " + to + ".");
        out().flush();
      }
      return 0;
    }
  }
}
