package io.metaxy.adapter.ebean;

import io.ebean.annotation.DbJsonB;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.Map;

/**
 * Base class of feature entity beans: carries every Metaxy system column, filled by the store on
 * write. Subclasses (usually through a shared mapped superclass carrying the {@link IdColumns})
 * declare only their own columns.
 *
 * <p>The columns follow Python Metaxy's layout (docs/adr/ADR-0005), in its order after the
 * subclass's columns: the per-field maps as {@code @DbJsonB} maps (PostgreSQL {@code jsonb},
 * MariaDB {@code json}, compact JSON text elsewhere, keys in struct-key order), then the versions,
 * times and data versions. Feature tables are append-only and have no primary key: rows are
 * identified by their ID columns and ordered by {@code coalesce(metaxy_deleted_at,
 * metaxy_updated_at)}, which the store stamps under the table's write lock strictly after every
 * stored row, so the bean has no {@code @Id} and no write order column (seed-layout tables keep
 * their {@code metaxy_write_seq}, which the store fills and the bean does not map). To query only
 * current rows, use {@link EbeanMetadataStore#currentRows(Class)}.
 *
 * <p>The project version's column has no fixed name: {@link EbeanNamingConvention} maps it to
 * {@code metaxy_project_version}, or to {@code metaxy_snapshot_version} for stores in the {@link
 * EbeanLayout#SEED seed} layout.
 */
@MappedSuperclass
public abstract class EbeanFeature {
  @DbJsonB
  @Column(name = "metaxy_provenance_by_field")
  protected Map<String, String> metaxyProvenanceByField;

  @Column(name = "metaxy_feature_version", length = 128)
  protected String metaxyFeatureVersion;

  @Column(length = 128)
  protected String metaxyProjectVersion;

  @Column(name = "metaxy_provenance", length = 128)
  protected String metaxyProvenance;

  @Column(name = "metaxy_created_at")
  protected Instant metaxyCreatedAt;

  @Column(name = "metaxy_updated_at")
  protected Instant metaxyUpdatedAt;

  @Column(name = "metaxy_deleted_at")
  protected Instant metaxyDeletedAt;

  @Column(name = "metaxy_materialization_id")
  protected String metaxyMaterializationId;

  @DbJsonB
  @Column(name = "metaxy_data_version_by_field")
  protected Map<String, String> metaxyDataVersionByField;

  @Column(name = "metaxy_data_version", length = 128)
  protected String metaxyDataVersion;

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

  /** {@code metaxy_project_version}: the project version of the graph that wrote the row. */
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
}
