package io.metaxy.adapter.ebean;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import java.time.Instant;

/**
 * The {@code migration_events} system table as an entity bean: the store writes and reads it
 * through Ebean; applications may query it (read-only). Its table name comes from {@link
 * EbeanNamingConvention} (default {@code metaxy-system__migration_events}).
 */
@Entity
public class MetaxyMigrationEvent {
  @Id
  @Column(name = "event_id", length = 36)
  private String eventId;

  @Column(name = "project", length = 255, nullable = false)
  private String project;

  @Column(name = "migration_id", length = 255, nullable = false)
  private String migrationId;

  @Column(name = "event_type", length = 32, nullable = false)
  private String eventType;

  @Column(name = "event_timestamp", nullable = false)
  private Instant eventTimestamp;

  @Column(name = "feature_key", length = 512)
  private String featureKey;

  @Column(name = "rows_affected")
  private Long rowsAffected;

  @Lob
  @Column(name = "error_message")
  private String errorMessage;

  /** For Ebean. */
  protected MetaxyMigrationEvent() {}

  /** One migration event (the store creates these while rebasing). */
  public MetaxyMigrationEvent(
      String eventId,
      String project,
      String migrationId,
      String eventType,
      Instant eventTimestamp,
      String featureKey,
      Long rowsAffected,
      String errorMessage) {
    this.eventId = eventId;
    this.project = project;
    this.migrationId = migrationId;
    this.eventType = eventType;
    this.eventTimestamp = eventTimestamp;
    this.featureKey = featureKey;
    this.rowsAffected = rowsAffected;
    this.errorMessage = errorMessage;
  }

  public String getEventId() {
    return eventId;
  }

  public String getProject() {
    return project;
  }

  public String getMigrationId() {
    return migrationId;
  }

  public String getEventType() {
    return eventType;
  }

  public Instant getEventTimestamp() {
    return eventTimestamp;
  }

  public String getFeatureKey() {
    return featureKey;
  }

  public Long getRowsAffected() {
    return rowsAffected;
  }

  public String getErrorMessage() {
    return errorMessage;
  }
}
