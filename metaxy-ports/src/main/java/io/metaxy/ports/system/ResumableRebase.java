package io.metaxy.ports.system;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.key.FeatureKey;
import java.time.Clock;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The event protocol every {@link DataMigrator} follows, so stores only supply the copy step: skip
 * a feature this migration id already completed; record {@code started} once per migration, then
 * {@code feature_started}, and {@code feature_completed} + {@code completed} on success or {@code
 * failed} (with the error) on failure. Re-running the same migration id resumes.
 */
public final class ResumableRebase {
  private final MigrationEventLog log;
  private final String project;
  private final Clock clock;

  private ResumableRebase(MigrationEventLog log, String project, Clock clock) {
    this.log = log;
    this.project = project;
    this.clock = clock;
  }

  /** A protocol recording into {@code log} with the store's project name and clock. */
  public static ResumableRebase recordingTo(MigrationEventLog log, String project, Clock clock) {
    return new ResumableRebase(log, project, clock);
  }

  /**
   * Runs {@code copy} (which returns the rows written) for {@code feature} under {@code
   * migrationId}, recording the events; a failure is rethrown as a {@link MetaxyException} ({@code
   * MIGRATION_FAILED}) naming the migration, feature and source version.
   */
  public RebaseResult run(
      FeatureKey feature, String fromFeatureVersion, String migrationId, LongSupplier copy) {
    String key = feature.toString();
    List<MigrationEvent> previous = log.migrationEvents(migrationId);
    if (previous.stream()
        .anyMatch(
            e ->
                e.eventType() == MigrationEventType.FEATURE_COMPLETED
                    && key.equals(e.featureKey()))) {
      return new RebaseResult(migrationId, key, 0, true);
    }
    if (previous.stream().noneMatch(e -> e.eventType() == MigrationEventType.STARTED)) {
      record(migrationId, MigrationEventType.STARTED, null, null, null);
    }
    record(migrationId, MigrationEventType.FEATURE_STARTED, key, null, null);
    long written;
    try {
      written = copy.getAsLong();
    } catch (RuntimeException e) {
      record(migrationId, MigrationEventType.FAILED, key, null, String.valueOf(e.getMessage()));
      throw new MetaxyException(
          ErrorCode.MIGRATION_FAILED,
          "Migration "
              + migrationId
              + " failed to rebase "
              + feature
              + " from feature version "
              + fromFeatureVersion
              + ": "
              + e.getMessage()
              + ". Fix the cause and re-run the same migration id to resume.",
          e);
    }
    record(migrationId, MigrationEventType.FEATURE_COMPLETED, key, written, null);
    record(migrationId, MigrationEventType.COMPLETED, null, null, null);
    return new RebaseResult(migrationId, key, written, false);
  }

  private void record(
      String migrationId, MigrationEventType type, String feature, Long rows, String error) {
    log.recordMigrationEvent(
        new MigrationEvent(project, migrationId, type, clock.instant(), feature, rows, error));
  }
}
