package io.metaxy.adapter.ebean;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import java.time.Instant;

/**
 * The {@code feature_versions} system table as an entity bean: the store writes and reads it
 * through Ebean; applications may query it (read-only). Its table name comes from {@link
 * EbeanNamingConvention} (default {@code metaxy-system__feature_versions}); the schema is owned by
 * the adapter's system migrations.
 */
@Entity
public class MetaxyFeatureVersion {
  @Id
  @Column(name = "record_id", length = 36)
  private String recordId;

  @Column(name = "project", length = 255, nullable = false)
  private String project;

  @Column(name = "feature_key", length = 512, nullable = false)
  private String featureKey;

  @Column(name = "feature_version", length = 128, nullable = false)
  private String featureVersion;

  @Column(name = "spec_version", length = 128, nullable = false)
  private String specVersion;

  @Lob
  @Column(name = "feature_spec", nullable = false)
  private String featureSpec;

  @Column(name = "snapshot_version", length = 128, nullable = false)
  private String snapshotVersion;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  /** For Ebean. */
  protected MetaxyFeatureVersion() {}

  /** A record of one feature of a graph snapshot (the store creates these on push). */
  public MetaxyFeatureVersion(
      String recordId,
      String project,
      String featureKey,
      String featureVersion,
      String specVersion,
      String featureSpec,
      String snapshotVersion,
      Instant recordedAt) {
    this.recordId = recordId;
    this.project = project;
    this.featureKey = featureKey;
    this.featureVersion = featureVersion;
    this.specVersion = specVersion;
    this.featureSpec = featureSpec;
    this.snapshotVersion = snapshotVersion;
    this.recordedAt = recordedAt;
  }

  public String getRecordId() {
    return recordId;
  }

  public String getProject() {
    return project;
  }

  public String getFeatureKey() {
    return featureKey;
  }

  public String getFeatureVersion() {
    return featureVersion;
  }

  public String getSpecVersion() {
    return specVersion;
  }

  public String getFeatureSpec() {
    return featureSpec;
  }

  public String getSnapshotVersion() {
    return snapshotVersion;
  }

  public Instant getRecordedAt() {
    return recordedAt;
  }
}
