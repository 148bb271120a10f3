package io.metaxy.ports.migration;

import java.nio.file.Path;
import java.util.List;

/**
 * Schema migrations with two separate histories: Metaxy's system tables (scripts shipped by the
 * adapter, own location and history table) and the user's feature tables (scripts generated from
 * the feature definitions into the user's folder, the user's history table). System migrations
 * always go first; applying feature migrations while system ones are pending fails.
 */
public interface SchemaMigrator {
  /** Pending and applied migrations of both histories. */
  MigrationStatus status(Path featureMigrationsDir);

  /** Applies pending system-table migrations; returns how many were applied. */
  int migrateSystem();

  /**
   * Writes scripts for feature tables and columns missing from the database (or from earlier
   * scripts) into {@code dir}; returns the files written (none when up to date).
   */
  List<Path> generateFeatureMigrations(Path dir, String description);

  /** Applies pending feature-table migrations from {@code dir}; returns how many were applied. */
  int migrateFeatures(Path dir);

  /**
   * Repairs both histories (Flyway's {@code repair}): removes the entries of failed migrations, so
   * a fixed script can run again, and realigns checksums. Statements a failed migration ran before
   * failing are not undone. Returns the failed versions removed. Stores whose migration tool has no
   * repair refuse.
   */
  default List<String> repair(Path featureMigrationsDir) {
    throw new io.metaxy.domain.error.MetaxyException(
        io.metaxy.domain.error.ErrorCode.MIGRATION_FAILED,
        getClass().getSimpleName() + " cannot repair its migration histories.");
  }
}
