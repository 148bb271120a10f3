package io.metaxy.config;

import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.discovery.DiscoveredFeature;
import io.metaxy.ports.discovery.FeatureScanner;
import java.util.List;

/** Finds one feature class, {@link ScannedFeature}, in package {@code io.metaxy.config}. */
public final class TestFeatureScanner implements FeatureScanner {
  /** A stand-in for an entity feature class. */
  public static final class ScannedFeature {}

  @Override
  public List<DiscoveredFeature> scan(String packageName, ClassLoader classLoader) {
    if (!packageName.equals("io.metaxy.config")) {
      return List.of();
    }
    return List.of(
        new DiscoveredFeature(
            FeatureSpec.builder("team/scanned")
                .idColumns("id")
                .dependsOn("team/raw")
                .field("default", "1")
                .build(),
            ScannedFeature.class));
  }
}
