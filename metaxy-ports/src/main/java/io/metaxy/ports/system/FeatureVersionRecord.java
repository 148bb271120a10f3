package io.metaxy.ports.system;

import java.time.Instant;

/**
 * A row of the {@code feature_versions} system table.
 *
 * @param featureSpec the spec in the JSON form of docs/semantics.md §7 (one feature object)
 */
public record FeatureVersionRecord(
    String project,
    String featureKey,
    String featureVersion,
    String specVersion,
    String featureSpec,
    String snapshotVersion,
    Instant recordedAt) {}
