package io.metaxy.config;

/**
 * The {@code [ext.ebean]} table: settings of the Ebean integration.
 *
 * @param inferTableNames derive a feature entity's table name from its key when the class names
 *     none ({@code infer_table_names}, default true)
 * @param systemTables register Metaxy's system tables with Ebean ({@code system_tables}, default
 *     true)
 */
public record EbeanExtConfig(boolean inferTableNames, boolean systemTables) {
  public static EbeanExtConfig defaults() {
    return new EbeanExtConfig(true, true);
  }
}
