package io.metaxy.adapter.ebean.internal;

import io.metaxy.adapter.ebean.EbeanLayout;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.naming.SystemTableNames;
import java.util.List;
import java.util.Map;

/**
 * What an {@link EbeanLayout} means for SQL: the physical name of a row column, the order and types
 * of the system columns, whether rows carry a {@code metaxy_row_id}, the order of a sample's rows
 * (latest first) and the names of the system tables.
 */
public record PhysicalLayout(EbeanLayout layout, Dialect dialect) {
  /** The seed layout's physical column of the row's project version. */
  public static final String SEED_PROJECT_VERSION = "metaxy_snapshot_version";

  /** Python Metaxy's feature versions table. */
  public static final String PYTHON_FEATURE_VERSIONS = "metaxy_system__feature_versions";

  /** Java's migration events table in the python layout. */
  public static final String PYTHON_MIGRATION_EVENTS = "metaxy_system__migration_events";

  /** The system columns of a python-layout feature table, in Python's order. */
  public static final List<String> PYTHON_ORDER =
      List.of(
          SystemColumns.PROVENANCE_BY_FIELD,
          SystemColumns.FEATURE_VERSION,
          SystemColumns.PROJECT_VERSION,
          SystemColumns.PROVENANCE,
          SystemColumns.CREATED_AT,
          SystemColumns.UPDATED_AT,
          SystemColumns.DELETED_AT,
          SystemColumns.MATERIALIZATION_ID,
          SystemColumns.DATA_VERSION_BY_FIELD,
          SystemColumns.DATA_VERSION);

  public boolean isPython() {
    return layout == EbeanLayout.PYTHON;
  }

  /** Whether feature tables have the client-assigned {@code metaxy_row_id} (seed layout only). */
  public boolean rowIds() {
    return layout == EbeanLayout.SEED;
  }

  /** The physical column of a row column. */
  public String physical(String column) {
    return layout == EbeanLayout.SEED && SystemColumns.PROJECT_VERSION.equals(column)
        ? SEED_PROJECT_VERSION
        : column;
  }

  /** The row column of a physical column. */
  public String logical(String column) {
    return layout == EbeanLayout.SEED && SEED_PROJECT_VERSION.equals(column)
        ? SystemColumns.PROJECT_VERSION
        : column;
  }

  /** The system columns in table order, as row (logical) names. */
  public List<String> systemColumns() {
    return isPython() ? PYTHON_ORDER : SystemColumns.ALL;
  }

  /** The SQL type of a per-field map column. */
  public String mapType() {
    if (!isPython()) {
      return dialect.textType();
    }
    return switch (dialect) {
      case POSTGRES -> "jsonb";
      case MARIADB -> "json";
      case H2 -> "character varying";
    };
  }

  /** The SQL type of a system column (row name). */
  public String systemType(String column) {
    return switch (column) {
      case SystemColumns.PROVENANCE_BY_FIELD, SystemColumns.DATA_VERSION_BY_FIELD -> mapType();
      case SystemColumns.CREATED_AT, SystemColumns.UPDATED_AT, SystemColumns.DELETED_AT ->
          dialect.timestampType();
      case SystemColumns.MATERIALIZATION_ID -> dialect.varchar(255);
      default -> isPython() && dialect == Dialect.POSTGRES ? "varchar" : dialect.varchar(128);
    };
  }

  /**
   * The system table names of this layout: configured names win; the defaults become Python's names
   * in the python layout.
   */
  public SystemTableNames systemTables(SystemTableNames configured) {
    return systemTables(layout, configured);
  }

  /** {@link #systemTables(SystemTableNames)} without a dialect. */
  public static SystemTableNames systemTables(EbeanLayout layout, SystemTableNames configured) {
    if (layout != EbeanLayout.PYTHON) {
      return configured;
    }
    return new SystemTableNames(
        SystemTableNames.DEFAULT_FEATURE_VERSIONS.equals(configured.featureVersions())
            ? PYTHON_FEATURE_VERSIONS
            : configured.featureVersions(),
        SystemTableNames.DEFAULT_MIGRATION_EVENTS.equals(configured.migrationEvents())
            ? PYTHON_MIGRATION_EVENTS
            : configured.migrationEvents());
  }

  /**
   * The time a row changed its sample: {@code coalesce(metaxy_deleted_at, metaxy_updated_at)}
   * (Python's rule), but never before the row's own {@code metaxy_updated_at}, so a row written now
   * with a caller-given {@code metaxy_deleted_at} in the past still hides the sample's older rows
   * (the write contract); rows with {@code deleted_at >= updated_at} (every soft delete of Java and
   * Python) rank exactly as in Python. The same expression as the jOOQ store's. Columns prefixed
   * with {@code q}.
   */
  public static String changedAt(String q) {
    String deleted = q + SystemColumns.DELETED_AT;
    String updated = q + SystemColumns.UPDATED_AT;
    return "greatest(coalesce("
        + deleted
        + ", "
        + updated
        + "), coalesce("
        + updated
        + ", "
        + deleted
        + "))";
  }

  /**
   * The order of a sample's rows, latest first, for a table with columns {@code cols}; columns
   * prefixed with {@code q} (an alias and a dot, or empty). Python layout: {@link #changedAt} only
   * (the jOOQ store's order; Java stamps every write strictly after the stored rows, so no
   * tie-break column is needed), plus the write order as tie-break only for a table that happens to
   * have one. Seed layout: the write order, then {@code coalesce(metaxy_deleted_at,
   * metaxy_updated_at)}, then the row id.
   */
  public String latestFirst(Map<String, Integer> cols, String q) {
    boolean hasSeq = cols != null && cols.containsKey(Jdbc.WRITE_SEQ);
    String seq = "coalesce(" + q + Jdbc.WRITE_SEQ + ", 0) desc";
    boolean hasRowId = cols != null && cols.containsKey(Jdbc.ROW_ID);
    String rowId = hasRowId ? ", " + q + Jdbc.ROW_ID + " desc" : "";
    if (isPython()) {
      return changedAt(q) + " desc" + (hasSeq ? ", " + seq : "") + rowId;
    }
    String time =
        "coalesce(" + q + SystemColumns.DELETED_AT + ", " + q + SystemColumns.UPDATED_AT + ") desc";
    return (hasSeq ? seq + ", " : "") + time + rowId;
  }
}
