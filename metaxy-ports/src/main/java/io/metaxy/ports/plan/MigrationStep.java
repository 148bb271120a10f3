package io.metaxy.ports.plan;

import io.metaxy.domain.key.FeatureKey;
import java.util.Objects;

/**
 * One step of a {@link MigrationPlan}.
 *
 * @param feature the feature
 * @param fromVersion its feature version in the old graph, or {@code null} for a new feature
 * @param toVersion its feature version in the new graph
 * @param action what the step does
 * @param reason why, in one sentence (e.g. "code version of field 'audio' changed")
 */
public record MigrationStep(
    FeatureKey feature, String fromVersion, String toVersion, StepAction action, String reason) {
  public MigrationStep {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(toVersion, "toVersion");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }
}
