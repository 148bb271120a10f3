package io.metaxy.config;

import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.discovery.FeatureSet;
import java.util.List;

/** Contributes {@code team/raw} through ServiceLoader (test class loader only). */
public final class TestFeatureSet implements FeatureSet {
  @Override
  public List<FeatureSpec> features() {
    return List.of(FeatureSpec.builder("team/raw").idColumns("id").field("default", "1").build());
  }
}
