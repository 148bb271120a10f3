package io.metaxy.ports.system;

import io.metaxy.domain.key.FeatureKey;

/**
 * Data migrations: carry a feature's rows from an old feature version to the current one without
 * recomputing user data, keeping user data-version overrides. Each run is recorded in the migration
 * events table and is resumable: re-running a migration id skips completed features.
 */
public interface DataMigrator {
  /**
   * Rebases {@code feature} from {@code fromFeatureVersion} to {@code toFeatureVersion} (the
   * current version when {@code null}) under {@code migrationId}.
   */
  RebaseResult rebase(
      FeatureKey feature, String fromFeatureVersion, String toFeatureVersion, String migrationId);
}
