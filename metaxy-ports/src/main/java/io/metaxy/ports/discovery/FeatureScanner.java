package io.metaxy.ports.discovery;

import java.util.List;

/**
 * Finds feature classes in a package (an entry point of {@code metaxy.toml}). Adapters that map
 * features to classes (e.g. Ebean entity beans) provide one through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.metaxy.ports.discovery.FeatureScanner}).
 */
public interface FeatureScanner {
  /** Every feature class in {@code packageName} and its subpackages, in a deterministic order. */
  List<DiscoveredFeature> scan(String packageName, ClassLoader classLoader);
}
