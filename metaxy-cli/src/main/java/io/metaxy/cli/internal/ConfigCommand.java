package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code metaxy config print}: the effective configuration and where each value came from. */
@Command(
    name = "config",
    description = "Show the configuration.",
    subcommands = {ConfigCommand.Print.class})
public final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: use `config print`");
  }

  /** {@code config print [--format json]}. */
  @Command(
      name = "print",
      description =
          "Print the effective configuration: every key, its value and its origin (file:line,"
              + " env VAR or default).")
  static final class Print extends BaseCommand {
    @Option(names = "--format", defaultValue = "text", description = "text or json")
    OutputFormat format;

    Print(CliEnvironment env) {
      super(env);
    }

    @Override
    public Integer call() {
      List<ConfigValue> values = loader().explain(configOption());
      if (format == OutputFormat.JSON) {
        List<Object> out = new ArrayList<>();
        for (ConfigValue v : values) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("key", v.key());
          m.put("value", v.value());
          m.put("origin", v.origin());
          out.add(m);
        }
        printJson(out);
      } else {
        Table t = new Table("KEY", "VALUE", "ORIGIN");
        for (ConfigValue v : values) {
          t.row(v.key(), v.value(), v.origin());
        }
        t.print(out());
        out().flush();
      }
      return 0;
    }
  }
}
