package io.metaxy.ports.copy;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import java.util.List;
import java.util.function.Function;

/**
 * What to copy.
 *
 * @param features features to copy, or empty for every feature of the source's graph the source
 *     holds
 * @param featureHistory copy every stored feature version, not only the current one
 * @param sampleHistory copy every stored row (older rows and tombstones), not only the latest row
 *     per sample
 * @param filters filter predicates applied when reading each feature (AND-ed)
 * @param specParser parses the spec JSON of a pushed snapshot (needed with {@code featureHistory}
 *     to write old feature versions: e.g. {@code DefinitionsCodec::readSpec}); may be {@code null}
 *     otherwise
 * @param batchSize rows per write
 */
public record CopyOptions(
    List<FeatureKey> features,
    boolean featureHistory,
    boolean sampleHistory,
    List<String> filters,
    Function<String, FeatureSpec> specParser,
    int batchSize) {
  public CopyOptions {
    features = features == null ? List.of() : List.copyOf(features);
    filters = filters == null ? List.of() : List.copyOf(filters);
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
  }

  /** Every feature, current version, latest row per sample. */
  public static CopyOptions defaults() {
    return new CopyOptions(List.of(), false, false, List.of(), null, 10_000);
  }

  public CopyOptions withFeatures(List<FeatureKey> keys) {
    return new CopyOptions(keys, featureHistory, sampleHistory, filters, specParser, batchSize);
  }

  public CopyOptions withFeatureHistory(Function<String, FeatureSpec> parser) {
    return new CopyOptions(features, true, sampleHistory, filters, parser, batchSize);
  }

  public CopyOptions withSampleHistory() {
    return new CopyOptions(features, featureHistory, true, filters, specParser, batchSize);
  }

  public CopyOptions withFilters(List<String> predicates) {
    return new CopyOptions(
        features, featureHistory, sampleHistory, predicates, specParser, batchSize);
  }

  public CopyOptions withBatchSize(int rows) {
    return new CopyOptions(features, featureHistory, sampleHistory, filters, specParser, rows);
  }
}
