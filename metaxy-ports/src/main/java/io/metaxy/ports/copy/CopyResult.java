package io.metaxy.ports.copy;

import io.metaxy.domain.key.FeatureKey;

/**
 * The copy of one feature version.
 *
 * @param feature the feature
 * @param featureVersion the feature version copied
 * @param rowsRead rows read from the source
 * @param rowsWritten rows written to the target
 * @param rowsSkipped rows the target already held (an earlier, interrupted copy)
 */
public record CopyResult(
    FeatureKey feature, String featureVersion, long rowsRead, long rowsWritten, long rowsSkipped) {}
