package io.metaxy.adapter.ebean;

import io.metaxy.domain.spec.FeatureSpec;
import java.util.Objects;

/**
 * A feature backed by an Ebean entity class: the class and its spec (from its {@link Feature}
 * annotation or given programmatically). Create with {@link EbeanFeatures}, which validates it.
 */
public record EntityFeature(Class<? extends EbeanFeature> entityClass, FeatureSpec spec) {
  public EntityFeature {
    Objects.requireNonNull(entityClass, "entityClass");
    Objects.requireNonNull(spec, "spec");
  }
}
