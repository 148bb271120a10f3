package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.MetaxyContext;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.ports.system.SnapshotTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metaxy history [--migrations]}: recorded graph snapshots or migration events. */
@Command(name = "history", description = "List recorded graph snapshots, oldest first.")
public final class HistoryCommand extends BaseCommand {
  @Option(names = "--format", defaultValue = "text", description = "text or json")
  OutputFormat format;

  @Option(
      names = "--migrations",
      description = "List the recorded migration events (data migrations, rebases) instead.")
  boolean migrations;

  HistoryCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    try (MetaxyContext mx = openContextReadOnly()) {
      if (migrations) {
        return printMigrations(store(mx).migrationEvents());
      }
      List<SnapshotSummary> snapshots = store(mx).snapshots();
      Map<String, SnapshotTags> tags = store(mx).snapshotTags();
      String current = versions(mx).snapshotVersion();
      if (format == OutputFormat.JSON) {
        List<Object> out = new ArrayList<>();
        for (SnapshotSummary s : snapshots) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("snapshot_version", s.snapshotVersion());
          o.put("recorded_at", s.recordedAt() == null ? null : s.recordedAt().toString());
          o.put("features", s.features());
          o.put("current", s.snapshotVersion().equals(current));
          o.put("tags", tagsOf(tags, s).user());
          out.add(o);
        }
        printJson(out);
        return 0;
      }
      if (snapshots.isEmpty()) {
        out().println("No snapshots recorded in store " + storeName(mx) + " (run `metaxy push`).");
        out().flush();
        return 0;
      }
      Table t = new Table("SNAPSHOT", "RECORDED AT", "FEATURES", "TAGS", "");
      for (SnapshotSummary s : snapshots) {
        t.row(
            s.snapshotVersion(),
            s.recordedAt(),
            s.features(),
            tagText(tagsOf(tags, s).user()),
            s.snapshotVersion().equals(current) ? "(current code)" : "");
      }
      t.print(out());
      return 0;
    }
  }

  private static SnapshotTags tagsOf(Map<String, SnapshotTags> tags, SnapshotSummary s) {
    return tags.getOrDefault(s.snapshotVersion(), SnapshotTags.none());
  }

  /** User tags as {@code k=v, k2=v2} (empty when none). */
  static String tagText(Map<String, String> tags) {
    StringBuilder sb = new StringBuilder();
    tags.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }

  private int printMigrations(List<MigrationEvent> events) {
    if (format == OutputFormat.JSON) {
      List<Object> out = new ArrayList<>();
      for (MigrationEvent e : events) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("migration_id", e.migrationId());
        o.put("event_type", e.eventType().value());
        o.put("timestamp", e.timestamp().toString());
        o.put("feature", e.featureKey());
        o.put("rows_affected", e.rowsAffected());
        o.put("error", e.errorMessage());
        out.add(o);
      }
      printJson(out);
      return 0;
    }
    Table t = new Table("MIGRATION", "EVENT", "FEATURE", "ROWS", "AT", "ERROR");
    for (MigrationEvent e : events) {
      t.row(
          e.migrationId(),
          e.eventType().value(),
          e.featureKey() == null ? "" : e.featureKey(),
          e.rowsAffected() == null ? "" : e.rowsAffected(),
          e.timestamp(),
          e.errorMessage() == null ? "" : e.errorMessage());
    }
    t.print(out());
    out().println(events.size() + " migration event(s).");
    out().flush();
    return 0;
  }
}
