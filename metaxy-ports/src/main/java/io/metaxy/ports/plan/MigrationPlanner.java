package io.metaxy.ports.plan;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes a {@link MigrationPlan} from two graphs. A feature is in the plan when its feature
 * version differs between the graphs (its own definition or an upstream changed). Its action:
 *
 * <ul>
 *   <li>{@link StepAction#RECOMPUTE} when it is new, a root (roots cannot be rebased: their samples
 *       come from the pipeline), a code version of one of its fields changed or a field was added
 *       or removed, or an upstream step recomputes (its inputs' data change);
 *   <li>{@link StepAction#REBASE} otherwise: only versions changed (an upstream was rebased, or the
 *       wiring of its dependencies changed without a code change), so the data may be kept.
 * </ul>
 *
 * A caller may declare that a feature's code change keeps its data ({@code keepData}): its step
 * becomes a rebase unless it is a root, new, or downstream of a recompute.
 */
public final class MigrationPlanner {
  private MigrationPlanner() {}

  /** The plan from {@code from} to {@code to} (versions under {@code truncation}). */
  public static MigrationPlan plan(
      FeatureGraph from, FeatureGraph to, Truncation truncation, Set<FeatureKey> keepData) {
    GraphVersions fv = from.versions(truncation);
    GraphVersions tv = to.versions(truncation);
    for (FeatureKey k : keepData) {
      if (!to.contains(k)) {
        throw new IllegalArgumentException(
            "keep-data feature " + k + " is not in the target graph; name a feature of it.");
      }
    }
    Map<FeatureKey, StepAction> actions = new HashMap<>();
    List<MigrationStep> steps = new ArrayList<>();
    for (FeatureKey k : to.topologicalOrder()) {
      FeatureSpec spec = to.get(k);
      String toVersion = tv.featureVersion(k);
      Optional<FeatureSpec> old = from.find(k);
      String fromVersion = old.map(o -> fv.featureVersion(k)).orElse(null);
      if (toVersion.equals(fromVersion)) {
        continue;
      }
      StepAction action;
      String reason;
      Optional<FeatureKey> recomputedUpstream =
          to.upstream(k).stream().filter(u -> actions.get(u) == StepAction.RECOMPUTE).findFirst();
      if (old.isEmpty()) {
        action = StepAction.RECOMPUTE;
        reason = "new feature: compute it";
      } else if (spec.isRoot()) {
        action = StepAction.RECOMPUTE;
        reason = "root feature changed: the pipeline supplies new samples";
      } else if (recomputedUpstream.isPresent()) {
        action = StepAction.RECOMPUTE;
        reason = "upstream " + recomputedUpstream.get() + " is recomputed";
      } else {
        Optional<String> codeChange = codeChange(old.get(), spec);
        if (codeChange.isPresent() && !keepData.contains(k)) {
          action = StepAction.RECOMPUTE;
          reason = codeChange.get();
        } else {
          action = StepAction.REBASE;
          reason =
              codeChange
                  .map(c -> c + "; data declared unchanged (keep data)")
                  .orElse("only versions changed (upstream or dependency wiring): keep the data");
        }
      }
      actions.put(k, action);
      steps.add(new MigrationStep(k, fromVersion, toVersion, action, reason));
    }
    return new MigrationPlan(fv.snapshotVersion(), tv.snapshotVersion(), steps);
  }

  /** A description of a field code-version change between two specs of a feature, if any. */
  static Optional<String> codeChange(FeatureSpec old, FeatureSpec now) {
    Map<String, String> a = codeVersions(old);
    Map<String, String> b = codeVersions(now);
    for (Map.Entry<String, String> e : b.entrySet()) {
      String before = a.get(e.getKey());
      if (before == null) {
        return Optional.of("field '" + e.getKey() + "' added");
      }
      if (!before.equals(e.getValue())) {
        return Optional.of(
            "code version of field '"
                + e.getKey()
                + "' changed ("
                + before
                + " -> "
                + e.getValue()
                + ")");
      }
    }
    for (String f : a.keySet()) {
      if (!b.containsKey(f)) {
        return Optional.of("field '" + f + "' removed");
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> codeVersions(FeatureSpec s) {
    Map<String, String> m = new TreeMap<>();
    for (FieldSpec f : s.fields()) {
      m.put(f.key().structKey(), f.codeVersion());
    }
    return m;
  }
}
