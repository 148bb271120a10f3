package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.json.DefinitionsCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metaxy versions --definitions FILE}: graph-level versions of a definitions file. */
@Command(
    name = "versions",
    description =
        "Print feature, field, spec, definition, snapshot and project versions of a definitions"
            + " file (no store needed).")
public final class VersionsCommand extends BaseCommand {
  @Option(
      names = "--definitions",
      required = true,
      paramLabel = "FILE",
      description = "Feature definitions JSON ({\"features\": [...]})")
  Path definitions;

  @Option(
      names = "--truncation",
      paramLabel = "N|none",
      description = "Hash truncation length (default: hash_truncation_length of metaxy.toml)")
  String truncation;

  @Option(names = "--format", defaultValue = "text", description = "text or json")
  OutputFormat format;

  VersionsCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    Path file = env.workingDir().resolve(definitions).normalize();
    String json;
    try {
      json = Files.readString(file);
    } catch (IOException e) {
      throw new CliUsageException("Cannot read definitions file " + file + ": " + e.getMessage());
    }
    FeatureGraph g = DefinitionsCodec.readGraph(json);
    Map<FeatureKey, Map<String, Object>> schemas = DefinitionsCodec.readSchemas(json);
    GraphVersions v = g.versions(truncation());
    String projectVersion = v.projectVersion(schemas);
    Map<String, Object> features = new TreeMap<>();
    for (FeatureSpec s : g.features()) {
      FeatureKey k = s.key();
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("feature_version", v.featureVersion(k));
      f.put("field_versions", v.fieldVersions(k));
      f.put("spec_version", v.specVersion(k));
      f.put("definition_version", v.definitionVersion(k, schemas.get(k)));
      features.put(k.toString(), f);
    }
    if (format == OutputFormat.JSON) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("features", features);
      o.put("snapshot_version", v.snapshotVersion());
      o.put("project_version", projectVersion);
      o.put(
          "truncation",
          v.truncation().length().isPresent() ? v.truncation().length().getAsInt() : null);
      printJson(o);
      return 0;
    }
    Table t = new Table("FEATURE", "FIELD", "VERSION", "SPEC", "DEFINITION");
    for (FeatureSpec s : g.features()) {
      FeatureKey k = s.key();
      t.row(k, "", v.featureVersion(k), v.specVersion(k), v.definitionVersion(k, schemas.get(k)));
      v.fieldVersions(k).forEach((field, ver) -> t.row("", field, ver, "", ""));
    }
    t.print(out());
    out().println("snapshot " + v.snapshotVersion() + " (truncation " + v.truncation() + ")");
    out().println("project " + projectVersion);
    out().flush();
    return 0;
  }

  private Truncation truncation() {
    if (truncation == null) {
      return loadConfig().truncation();
    }
    String t = truncation.trim();
    if (t.equalsIgnoreCase("none")) {
      return Truncation.NONE;
    }
    try {
      return Truncation.of(Integer.parseInt(t));
    } catch (NumberFormatException | io.metaxy.domain.error.MetaxyException e) {
      throw new CliUsageException("--truncation must be an integer >= 8 or none, got " + t);
    }
  }
}
