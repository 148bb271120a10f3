package io.metaxy.ports.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data migration between two graph snapshots: every changed feature and its downstream
 * features, in topological order of the new graph.
 *
 * @param fromSnapshot snapshot version of the old graph
 * @param toSnapshot snapshot version of the new graph
 * @param steps the steps, upstream first
 */
public record MigrationPlan(String fromSnapshot, String toSnapshot, List<MigrationStep> steps) {
  public MigrationPlan {
    steps = List.copyOf(steps);
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /** The default migration id of this plan: {@code data:<from>:<to>}. */
  public String defaultMigrationId() {
    return "data:" + fromSnapshot + ":" + toSnapshot;
  }

  /** Steps with the given action. */
  public List<MigrationStep> steps(StepAction action) {
    return steps.stream().filter(s -> s.action() == action).toList();
  }

  /** The plan as a JSON-ready tree (maps, lists, strings). */
  public Map<String, Object> toTree() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("from_snapshot", fromSnapshot);
    o.put("to_snapshot", toSnapshot);
    o.put("migration_id", defaultMigrationId());
    o.put(
        "steps",
        steps.stream()
            .map(
                s -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("feature", s.feature().toString());
                  m.put("action", s.action().value());
                  m.put("from_version", s.fromVersion());
                  m.put("to_version", s.toVersion());
                  m.put("reason", s.reason());
                  return (Object) m;
                })
            .toList());
    return o;
  }
}
