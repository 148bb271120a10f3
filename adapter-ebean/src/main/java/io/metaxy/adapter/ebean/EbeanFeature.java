package io.metaxy.adapter.ebean;

import io.ebean.annotation.DbJson;
import io.ebean.annotation.DbJsonType;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.Map;

/**
 * Base class of feature entity beans: carries every Metaxy system column, filled by the store on
 * write. Subclasses (usually through a shared mapped superclass carrying the {@link IdColumns})
 * declare only their own columns.
 *
 * <p>Each stored row has a client-assigned identity, {@code metaxy_row_id}, set by the store to a
 * fresh value on every append, so appended rows never collide, and a write order, {@code
 * metaxy_write_seq}, assigned by the store under a per-table database lock inside the write
 * transaction: it grows with commit order, so the latest row of a sample is the one of the write
 * that committed last. Per-field maps are stored as JSON text with keys in struct-key order. To
 * query only current rows, use {@link EbeanMetadataStore#currentRows(Class)}.
 */
@MappedSuperclass
public abstract class EbeanFeature {
  @Id
  @Column(name = "metaxy_row_id", length = 36)
  protected String metaxyRowId;

  @DbJson(storage = DbJsonType.CLOB)
  @Column(name = "metaxy_provenance_by_field")
  protected Map<String, String> metaxyProvenanceByField;

  @Column(name = "metaxy_provenance", length = 128)
  protected String metaxyProvenance;

  @DbJson(storage = DbJsonType.CLOB)
  @Column(name = "metaxy_data_version_by_field")
  protected Map<String, String> metaxyDataVersionByField;

  @Column(name = "metaxy_data_version", length = 128)
  protected String metaxyDataVersion;

  @Column(name = "metaxy_feature_version", length = 128)
  protected String metaxyFeatureVersion;

  @Column(name = "metaxy_project_version", length = 128)
  protected String metaxyProjectVersion;

  @Column(name = "metaxy_created_at")
  protected Instant metaxyCreatedAt;

  @Column(name = "metaxy_updated_at")
  protected Instant metaxyUpdatedAt;

  @Column(name = "metaxy_deleted_at")
  protected Instant metaxyDeletedAt;

  @Column(name = "metaxy_materialization_id")
  protected String metaxyMaterializationId;

  @Column(name = "metaxy_write_seq", unique = true)
  protected Long metaxyWriteSeq;

  /** The store-assigned identity of this stored row. */
  public String getMetaxyRowId() {
    return metaxyRowId;
  }

  /** {@code metaxy_provenance_by_field}: field struct key → provenance hash. */
  public Map<String, String> getMetaxyProvenanceByField() {
    return metaxyProvenanceByField;
  }

  /**
   * Sets the per-field provenance before a write (required: for a root feature the caller's sample
   * provenance, otherwise the increment's expected provenance).
   */
  public void setMetaxyProvenanceByField(Map<String, String> value) {
    this.metaxyProvenanceByField = value;
  }

  public String getMetaxyProvenance() {
    return metaxyProvenance;
  }

  public Map<String, String> getMetaxyDataVersionByField() {
    return metaxyDataVersionByField;
  }

  /** Overrides data versions per field (defaults to the provenance). */
  public void setMetaxyDataVersionByField(Map<String, String> value) {
    this.metaxyDataVersionByField = value;
  }

  public String getMetaxyDataVersion() {
    return metaxyDataVersion;
  }

  public String getMetaxyFeatureVersion() {
    return metaxyFeatureVersion;
  }

  public String getMetaxyProjectVersion() {
    return metaxyProjectVersion;
  }

  public Instant getMetaxyCreatedAt() {
    return metaxyCreatedAt;
  }

  public Instant getMetaxyUpdatedAt() {
    return metaxyUpdatedAt;
  }

  public Instant getMetaxyDeletedAt() {
    return metaxyDeletedAt;
  }

  public String getMetaxyMaterializationId() {
    return metaxyMaterializationId;
  }

  /** The store-assigned write order of this row: larger means committed later. */
  public Long getMetaxyWriteSeq() {
    return metaxyWriteSeq;
  }
}
