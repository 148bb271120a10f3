package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.cli.ExitCodes;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.MetadataStore;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code metadata drop FEATURE... [--yes]}: removes every stored row of the features, every feature
 * version (a hard delete across the feature history). Asks for confirmation on the terminal unless
 * {@code --yes}; without a terminal, or not confirmed, it exits with 1 and drops nothing.
 */
@Command(
    name = "drop",
    description =
        "Drop all metadata of features (every row of every feature version). Asks for"
            + " confirmation; --yes skips it.")
final class MetadataDropCommand extends BaseCommand {
  @Parameters(arity = "1..*", paramLabel = "FEATURE", description = "Features to drop")
  List<String> features;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  MetadataDropCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    try (MetaxyContext mx = openContext()) {
      List<FeatureKey> keys = new ArrayList<>();
      for (String f : features) {
        keys.add(feature(mx, f));
      }
      String store = storeName(mx);
      if (!yes && !confirm(keys, store)) {
        out().println("Aborted: nothing dropped.");
        out().flush();
        return ExitCodes.ASSERTION_FAILED;
      }
      MetadataStore s = store(mx);
      for (FeatureKey k : keys) {
        long n = s.delete(k, DeleteOptions.drop());
        out().println("Dropped " + k + ": " + n + " row(s) removed from store " + store + ".");
      }
      out().flush();
      return 0;
    }
  }

  private boolean confirm(List<FeatureKey> keys, String store) {
    java.io.Console console = System.console();
    if (console == null) {
      err()
          .println(
              "Not dropping "
                  + keys
                  + ": no terminal to ask for confirmation. Type 'yes' at the prompt in a terminal,"
                  + " or pass --yes.");
      err().flush();
      return false;
    }
    String line =
        console.readLine(
            "Drop ALL metadata of %s (every feature version) from store %s? This cannot be"
                + " undone. Type 'yes' to continue: ",
            keys, store);
    return line != null && line.trim().equalsIgnoreCase("yes");
  }
}
