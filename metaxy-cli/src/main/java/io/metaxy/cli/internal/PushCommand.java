package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.MetaxyContext;
import io.metaxy.ports.system.PushResult;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metaxy push}: records the current graph snapshot in the store. */
@Command(name = "push", description = "Record the current graph snapshot in the store.")
public final class PushCommand extends BaseCommand {
  @Option(names = "--format", defaultValue = "text", description = "text or json")
  OutputFormat format;

  PushCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    try (MetaxyContext mx = openContext()) {
      String name = storeName(mx);
      PushResult r = store(mx).push();
      if (format == OutputFormat.JSON) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("store", name);
        o.put("snapshot_version", r.snapshotVersion());
        o.put("recorded", r.recorded());
        o.put("features", r.features());
        printJson(o);
      } else if (r.recorded()) {
        out()
            .println(
                "Recorded snapshot "
                    + r.snapshotVersion()
                    + " ("
                    + r.features()
                    + " features) in store "
                    + name);
      } else {
        out().println("Snapshot " + r.snapshotVersion() + " is already recorded in store " + name);
      }
      out().flush();
      return 0;
    }
  }
}
