package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.MetaxyContext;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.SnapshotTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metaxy push}: records the current graph snapshot in the store. */
@Command(
    name = "push",
    description = "Record the current graph snapshot in the store, with optional tags.")
public final class PushCommand extends BaseCommand {
  @Option(names = "--format", defaultValue = "text", description = "text or json")
  OutputFormat format;

  @Option(
      names = {"-t", "--tag"},
      paramLabel = "KEY=VALUE",
      description =
          "A tag recorded with the snapshot (repeatable), e.g. --tag git_commit=abc123; the key"
              + " metaxy is reserved.")
  List<String> tags = new ArrayList<>();

  PushCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    try (MetaxyContext mx = openContext()) {
      String name = storeName(mx);
      SnapshotTags t = SnapshotTags.of(parseTags());
      PushResult r = store(mx).push(t);
      if (format == OutputFormat.JSON) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("store", name);
        o.put("snapshot_version", r.snapshotVersion());
        o.put("recorded", r.recorded());
        o.put("features", r.features());
        o.put("tags", store(mx).snapshotTags(r.snapshotVersion()).user());
        printJson(o);
      } else if (r.recorded()) {
        out()
            .println(
                "Recorded snapshot "
                    + r.snapshotVersion()
                    + " ("
                    + r.features()
                    + " features) in store "
                    + name
                    + (t.isEmpty() ? "" : " with tags " + HistoryCommand.tagText(t.user())));
      } else {
        out()
            .println(
                "Snapshot "
                    + r.snapshotVersion()
                    + " is already recorded in store "
                    + name
                    + (t.isEmpty() ? "" : " (it keeps the tags of its first push)"));
      }
      out().flush();
      return 0;
    }
  }

  /** {@code KEY=VALUE} options as a map; a malformed or repeated key is a usage error. */
  private Map<String, String> parseTags() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String t : tags) {
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new CliUsageException(
            "--tag " + t + ": expected KEY=VALUE, e.g. --tag git_commit=abc123.");
      }
      String key = t.substring(0, eq).trim();
      if (out.put(key, t.substring(eq + 1)) != null) {
        throw new CliUsageException("--tag " + key + " is given twice: give each key once.");
      }
    }
    return out;
  }
}
