package io.metaxy.ports.migration;

import java.util.List;

/** Applied and pending versions of the system and feature migration histories. */
public record MigrationStatus(
    List<String> systemApplied,
    List<String> systemPending,
    List<String> featuresApplied,
    List<String> featuresPending) {
  public MigrationStatus {
    systemApplied = List.copyOf(systemApplied);
    systemPending = List.copyOf(systemPending);
    featuresApplied = List.copyOf(featuresApplied);
    featuresPending = List.copyOf(featuresPending);
  }
}
