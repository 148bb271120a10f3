package io.metaxy.ports.quarantine;

import io.metaxy.domain.key.FeatureKey;
import java.time.Instant;

/**
 * One quarantined sample.
 *
 * @param feature the feature whose computation failed
 * @param sampleKey the sample's ID values as canonical JSON (e.g. {@code {"video_id":"v1"}})
 * @param featureVersion the feature version at quarantine
 * @param provenance the sample's expected {@code metaxy_provenance} at quarantine
 * @param errorMessage the recorded error
 * @param quarantinedAt when it was recorded
 */
public record QuarantineEntry(
    FeatureKey feature,
    String sampleKey,
    String featureVersion,
    String provenance,
    String errorMessage,
    Instant quarantinedAt) {}
