package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.MetaxyConfig;
import io.metaxy.config.MetaxyContext;
import io.metaxy.config.StoreConfig;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metaxy list features|stores}. */
@Command(
    name = "list",
    description = "List things Metaxy knows.",
    subcommands = {ListCommand.Features.class, ListCommand.Stores.class})
public final class ListCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(),
        "Missing subcommand: use `metaxy list features` or `metaxy list stores`");
  }

  /** Every discovered feature with its version, fields and dependencies. */
  @Command(name = "features", description = "List every feature of the graph.")
  static final class Features extends BaseCommand {
    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    Features(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      try (MetaxyContext mx = openContextReadOnly()) {
        GraphVersions v = versions(mx);
        if (format == OutputFormat.JSON) {
          List<Object> out = new ArrayList<>();
          for (FeatureSpec s : mx.graph().features()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("key", s.key().toString());
            f.put("feature_version", v.featureVersion(s.key()));
            f.put("id_columns", s.idColumns());
            f.put("fields", s.fields().stream().map(x -> x.key().toString()).toList());
            f.put("deps", s.deps().stream().map(d -> d.feature().toString()).toList());
            f.put("class", mx.featureClass(s.key()).map(Class::getName).orElse(null));
            out.add(f);
          }
          printJson(out);
        } else {
          Table t = new Table("FEATURE", "VERSION", "FIELDS", "DEPENDS ON");
          for (FeatureSpec s : mx.graph().features()) {
            t.row(
                s.key(),
                v.featureVersion(s.key()),
                s.fields().stream()
                    .map(FieldSpec::key)
                    .map(Object::toString)
                    .collect(Collectors.joining(",")),
                s.deps().isEmpty()
                    ? "-"
                    : s.deps().stream()
                        .map(FeatureDep::feature)
                        .map(Object::toString)
                        .collect(Collectors.joining(",")));
          }
          t.print(out());
          out().println(mx.graph().size() + " feature(s), snapshot " + v.snapshotVersion());
        }
        return 0;
      }
    }
  }

  /** Every configured store: name, type, fallbacks, and which one is the default. */
  @Command(name = "stores", description = "List the configured stores.")
  static final class Stores extends BaseCommand {
    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    Stores(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      MetaxyConfig cfg = loadConfig();
      if (format == OutputFormat.JSON) {
        List<Object> out = new ArrayList<>();
        for (StoreConfig s : cfg.stores().values()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", s.name());
          m.put("type", s.type());
          m.put("default", s.name().equals(cfg.defaultStore()));
          m.put("fallback_stores", s.fallbackStores());
          out.add(m);
        }
        printJson(out);
      } else {
        Table t = new Table("STORE", "TYPE", "DEFAULT", "FALLBACK STORES");
        for (StoreConfig s : cfg.stores().values()) {
          t.row(
              s.name(),
              s.type(),
              s.name().equals(cfg.defaultStore()) ? "*" : "",
              s.fallbackStores().isEmpty() ? "-" : String.join(",", s.fallbackStores()));
        }
        t.print(out());
        out().flush();
      }
      return 0;
    }
  }
}
