package io.metaxy.ports.naming;

import java.util.Objects;

/**
 * Names of Metaxy's system tables; defaults {@code metaxy-system__feature_versions} and {@code
 * metaxy-system__migration_events}.
 */
public record SystemTableNames(String featureVersions, String migrationEvents) {
  public static final String DEFAULT_FEATURE_VERSIONS = "metaxy-system__feature_versions";
  public static final String DEFAULT_MIGRATION_EVENTS = "metaxy-system__migration_events";

  public SystemTableNames {
    Objects.requireNonNull(featureVersions, "featureVersions");
    Objects.requireNonNull(migrationEvents, "migrationEvents");
  }

  public static SystemTableNames defaults() {
    return new SystemTableNames(DEFAULT_FEATURE_VERSIONS, DEFAULT_MIGRATION_EVENTS);
  }
}
