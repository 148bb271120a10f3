package io.metaxy.sql;

import io.metaxy.domain.spec.SystemColumns;
import java.util.List;

/**
 * Column layout of feature tables. Per-field maps are stored as one column per field struct key
 * ({@code metaxy_provenance_by_field__<key>}, {@code metaxy_data_version_by_field__<key>}); see
 * docs/adr/ADR-0001-per-field-maps-jooq.md. {@code metaxy_write_seq} orders rows written at the
 * same instant (the deterministic tie-break of merge-on-read) and is never returned to callers.
 */
public final class Layout {
  public static final String PBF_PREFIX = SystemColumns.PROVENANCE_BY_FIELD + "__";
  public static final String DVBF_PREFIX = SystemColumns.DATA_VERSION_BY_FIELD + "__";
  public static final String WRITE_SEQ = "metaxy_write_seq";

  /** Scalar system columns in table order (after the per-field columns). */
  public static final List<String> SCALAR_SYSTEM =
      List.of(
          SystemColumns.PROVENANCE,
          SystemColumns.DATA_VERSION,
          SystemColumns.FEATURE_VERSION,
          SystemColumns.PROJECT_VERSION,
          SystemColumns.CREATED_AT,
          SystemColumns.UPDATED_AT,
          SystemColumns.DELETED_AT,
          SystemColumns.MATERIALIZATION_ID,
          WRITE_SEQ);

  private Layout() {}

  public static String pbf(String structKey) {
    return PBF_PREFIX + structKey;
  }

  public static String dvbf(String structKey) {
    return DVBF_PREFIX + structKey;
  }

  public static boolean isTimestamp(String column) {
    return column.equals(SystemColumns.CREATED_AT)
        || column.equals(SystemColumns.UPDATED_AT)
        || column.equals(SystemColumns.DELETED_AT);
  }
}
