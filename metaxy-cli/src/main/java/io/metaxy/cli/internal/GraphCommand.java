package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.json.DefinitionsCodec;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.SnapshotSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code metaxy graph render|diff}. */
@Command(
    name = "graph",
    description = "Render the feature graph or compare two snapshots.",
    subcommands = {GraphCommand.Render.class, GraphCommand.Diff.class})
public final class GraphCommand implements Runnable {
  /** The keyword for the graph of the current code in {@code graph diff}. */
  static final String CURRENT = "current";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand: use `metaxy graph render` or `metaxy graph diff`");
  }

  /** Render formats. */
  enum RenderFormat {
    TEXT,
    MERMAID,
    DOT,
    JSON
  }

  /** {@code graph render --format text|mermaid|dot}. */
  @Command(name = "render", description = "Print the feature graph as text, Mermaid or DOT.")
  static final class Render extends BaseCommand {
    @Option(
        names = "--format",
        defaultValue = "text",
        description = "text, mermaid, dot or json (nodes and edges)")
    RenderFormat format;

    Render(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContextReadOnly()) {
        FeatureGraph g = mx.graph();
        GraphVersions v = versions(mx);
        out()
            .print(
                switch (format) {
                  case TEXT -> GraphRenderer.text(g, v);
                  case MERMAID -> GraphRenderer.mermaid(g, v);
                  case DOT -> GraphRenderer.dot(g, v);
                  case JSON -> DefinitionsCodec.writeTree(GraphRenderer.tree(g, v)) + "\n";
                });
        out().flush();
        return 0;
      }
    }
  }

  /** {@code graph diff FROM [TO]}. */
  @Command(
      name = "diff",
      description =
          "Compare two graph snapshots (pushed snapshot versions, or `current` for the code).")
  static final class Diff extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FROM", description = "Snapshot version or `current`")
    String from;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "TO",
        defaultValue = CURRENT,
        description = "Snapshot version or `current` (default)")
    String to;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    Diff(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContextReadOnly()) {
        Map<String, GraphDiff.FeatureState> a = state(mx, from);
        Map<String, GraphDiff.FeatureState> b = state(mx, to);
        GraphDiff d = GraphDiff.between(a, b);
        if (format == OutputFormat.JSON) {
          printJson(d.toTree(label(mx, from), label(mx, to)));
        } else {
          out().print(d.toText(label(mx, from), label(mx, to)));
          out().flush();
        }
        return 0;
      }
    }

    private String label(MetaxyContext mx, String v) {
      return v.equals(CURRENT) ? CURRENT + " (" + versions(mx).snapshotVersion() + ")" : v;
    }

    private Map<String, GraphDiff.FeatureState> state(MetaxyContext mx, String version) {
      if (version.equals(CURRENT)) {
        return GraphDiff.state(mx.graph(), versions(mx));
      }
      MetadataStore store = store(mx);
      List<FeatureVersionRecord> records = store.featureVersions(version);
      if (records.isEmpty()) {
        List<String> known =
            store.snapshots().stream().map(SnapshotSummary::snapshotVersion).toList();
        throw new CliUsageException(
            "Snapshot "
                + version
                + " is not recorded in store "
                + storeName(mx)
                + "; use `current` or one of "
                + known
                + " (see `metaxy history`).");
      }
      List<FeatureSpec> specs = new ArrayList<>();
      for (FeatureVersionRecord r : records) {
        specs.add(DefinitionsCodec.readSpec(r.featureSpec()));
      }
      GraphVersions versions = null;
      try {
        FeatureGraph g = FeatureGraph.of(specs);
        versions = g.versions(mx.config().truncation());
      } catch (RuntimeException e) {
        // a partial snapshot: compare code versions only
      }
      Map<String, GraphDiff.FeatureState> out = new TreeMap<>();
      for (int i = 0; i < records.size(); i++) {
        FeatureSpec s = specs.get(i);
        Map<String, GraphDiff.FieldState> fields = new TreeMap<>();
        for (FieldSpec f : s.fields()) {
          fields.put(
              f.key().toString(),
              new GraphDiff.FieldState(
                  versions == null ? "?" : versions.fieldVersion(s.key(), f.key()),
                  f.codeVersion()));
        }
        out.put(
            s.key().toString(),
            new GraphDiff.FeatureState(records.get(i).featureVersion(), fields));
      }
      return out;
    }
  }
}
