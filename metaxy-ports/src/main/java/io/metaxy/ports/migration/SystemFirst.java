package io.metaxy.ports.migration;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.nio.file.Path;

/**
 * The rule "system migrations first" ({@code docs/semantics.md §6}) with one error message for
 * every store: feature migrations are refused while a system migration is pending or failed.
 */
public final class SystemFirst {
  private SystemFirst() {}

  /** Throws {@code MIGRATION_FAILED} unless {@code status} has its system history up to date. */
  public static void require(MigrationStatus status, String systemHistoryTable, Path featureDir) {
    if (status.systemUpToDate()) {
      return;
    }
    throw new MetaxyException(
        ErrorCode.MIGRATION_FAILED,
        "Metaxy system-table migrations "
            + (status.systemPending().isEmpty() ? "" : "pending " + status.systemPending())
            + (status.systemFailed().isEmpty() ? "" : " failed " + status.systemFailed())
            + " (history table "
            + systemHistoryTable
            + "): apply them first with metaxy migrate apply --system (Java: migrateSystem()),"
            + " then the feature migrations"
            + (featureDir == null ? "" : " in " + featureDir)
            + ".");
  }

  /**
   * The error for a failed feature migration: names the folder and history table and says that the
   * system tables and their history were not touched.
   */
  public static MetaxyException featureMigrationFailed(
      Path featureDir, String featureHistoryTable, RuntimeException cause) {
    return new MetaxyException(
        ErrorCode.MIGRATION_FAILED,
        "Feature-table migrations in "
            + featureDir
            + " failed (history table "
            + featureHistoryTable
            + "; system tables and their history untouched): "
            + cause.getMessage()
            + ". Fix the script and apply again; the failed version is retried.",
        cause);
  }
}
