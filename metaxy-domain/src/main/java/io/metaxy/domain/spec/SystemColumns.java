package io.metaxy.domain.spec;

import java.util.List;

/** Names of the system columns the store injects into every feature table (all {@code metaxy_}). */
public final class SystemColumns {
  public static final String PREFIX = "metaxy_";
  public static final String PROVENANCE_BY_FIELD = "metaxy_provenance_by_field";
  public static final String PROVENANCE = "metaxy_provenance";
  public static final String DATA_VERSION_BY_FIELD = "metaxy_data_version_by_field";
  public static final String DATA_VERSION = "metaxy_data_version";
  public static final String FEATURE_VERSION = "metaxy_feature_version";

  /** The project version of the graph that wrote the row (Python Metaxy's row column). */
  public static final String PROJECT_VERSION = "metaxy_project_version";

  public static final String CREATED_AT = "metaxy_created_at";
  public static final String UPDATED_AT = "metaxy_updated_at";
  public static final String DELETED_AT = "metaxy_deleted_at";
  public static final String MATERIALIZATION_ID = "metaxy_materialization_id";

  /** All system columns in table order. */
  public static final List<String> ALL =
      List.of(
          PROVENANCE_BY_FIELD,
          PROVENANCE,
          DATA_VERSION_BY_FIELD,
          DATA_VERSION,
          FEATURE_VERSION,
          PROJECT_VERSION,
          CREATED_AT,
          UPDATED_AT,
          DELETED_AT,
          MATERIALIZATION_ID);

  private SystemColumns() {}

  /** True for names users may not declare as their own columns. */
  public static boolean isReserved(String column) {
    return column != null && column.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }
}
