package io.metaxy.ports.discovery;

import io.metaxy.domain.spec.FeatureSpec;
import java.util.Objects;

/**
 * A feature found by a {@link FeatureScanner}: its spec and the class declaring it ({@code null}
 * for features without a class, e.g. from JSON definitions).
 */
public record DiscoveredFeature(FeatureSpec spec, Class<?> declaringClass) {
  public DiscoveredFeature {
    Objects.requireNonNull(spec, "spec");
  }
}
