package io.metaxy.ports.system;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of the {@code migration_events} system table.
 *
 * @param featureKey the feature for feature-level events, else {@code null}
 * @param rowsAffected rows written by a completed feature step, else {@code null}
 * @param errorMessage the error of a failed event, else {@code null}
 */
public record MigrationEvent(
    String project,
    String migrationId,
    MigrationEventType eventType,
    Instant timestamp,
    String featureKey,
    Long rowsAffected,
    String errorMessage) {
  public MigrationEvent {
    Objects.requireNonNull(migrationId, "migrationId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
