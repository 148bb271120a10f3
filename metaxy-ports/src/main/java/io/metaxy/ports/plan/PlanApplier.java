package io.metaxy.ports.plan;

import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.MigrationEventType;
import io.metaxy.ports.system.RebaseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies a {@link MigrationPlan} to a store bound to the plan's target graph: every {@link
 * StepAction#REBASE} step in order through {@link MetadataStore#rebase}, which records {@code
 * feature_started}/{@code feature_completed} (or {@code failed}) events under the migration id and
 * skips features the id already completed, so re-running after a failure or a crash resumes. {@link
 * StepAction#RECOMPUTE} steps are reported, not run: the pipeline recomputes those features.
 */
public final class PlanApplier {
  private PlanApplier() {}

  /** What happened to one step. */
  public record StepOutcome(MigrationStep step, String outcome, long rowsWritten) {}

  /**
   * Applies {@code plan} under {@code migrationId}; with {@code dryRun} nothing is written and each
   * step says what would happen. {@code onStep} is called after every step.
   */
  public static List<StepOutcome> apply(
      MetadataStore store,
      MigrationPlan plan,
      String migrationId,
      boolean dryRun,
      Consumer<StepOutcome> onStep) {
    String current = store.graph().versions(store.settings().truncation()).snapshotVersion();
    if (!current.equals(plan.toSnapshot())) {
      throw new IllegalArgumentException(
          "The plan targets snapshot "
              + plan.toSnapshot()
              + " but the store is bound to snapshot "
              + current
              + "; apply a plan whose target is the current code.");
    }
    List<String> done =
        dryRun
            ? store.migrationEvents(migrationId).stream()
                .filter(e -> e.eventType() == MigrationEventType.FEATURE_COMPLETED)
                .map(MigrationEvent::featureKey)
                .toList()
            : List.of();
    List<StepOutcome> out = new ArrayList<>();
    for (MigrationStep step : plan.steps()) {
      StepOutcome o;
      if (step.action() == StepAction.RECOMPUTE) {
        o = new StepOutcome(step, "left to the pipeline (recompute)", 0);
      } else if (dryRun) {
        o =
            new StepOutcome(
                step,
                done.contains(step.feature().toString())
                    ? "already completed"
                    : "would rebase from " + step.fromVersion(),
                0);
      } else {
        RebaseResult r = store.rebase(step.feature(), step.fromVersion(), null, migrationId);
        o = new StepOutcome(step, r.skipped() ? "already completed" : "rebased", r.rowsWritten());
      }
      out.add(o);
      onStep.accept(o);
    }
    return out;
  }
}
