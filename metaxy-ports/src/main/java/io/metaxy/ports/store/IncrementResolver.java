package io.metaxy.ports.store;

import io.metaxy.domain.key.FeatureKey;

/**
 * Computes what must be (re)computed for a feature: expected provenance from upstream data versions
 * (or the given samples for a root feature) compared with the stored rows of the current feature
 * version. The result streams; close it.
 */
public interface IncrementResolver {
  Increment resolveUpdate(FeatureKey feature, ResolveOptions options);

  default Increment resolveUpdate(FeatureKey feature) {
    return resolveUpdate(feature, ResolveOptions.defaults());
  }
}
