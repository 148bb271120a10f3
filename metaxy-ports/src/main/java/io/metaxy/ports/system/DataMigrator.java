package io.metaxy.ports.system;

import io.metaxy.domain.key.FeatureKey;

/**
 * Data migrations: carry a feature's rows from an old feature version to the current one without
 * recomputing user data, keeping user data-version overrides. Each run is recorded in the migration
 * events table and is resumable: re-running a migration id skips completed features.
 */
public interface DataMigrator {
  /**
   * Rebases {@code feature} from {@code fromFeatureVersion} to the current feature version under
   * {@code migrationId}, following {@link io.metaxy.domain.write.RebaseRules}: a root feature is
   * refused, {@code toFeatureVersion} must be {@code null} or the current version (anything else is
   * refused), and every sample of the source version gets new provenance.
   */
  RebaseResult rebase(
      FeatureKey feature, String fromFeatureVersion, String toFeatureVersion, String migrationId);
}
