package io.metaxy.ports.discovery;

import io.metaxy.domain.spec.FeatureSpec;
import java.util.List;

/**
 * A set of feature definitions contributed through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/io.metaxy.ports.discovery.FeatureSet}); {@code Metaxy.init()} adds every one it
 * finds to the graph.
 */
public interface FeatureSet {
  List<FeatureSpec> features();
}
