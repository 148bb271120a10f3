package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.key.FeatureKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entity classes found by the scanner in this JVM, by feature key, so that stores created later
 * through the provider (e.g. by {@code Metaxy.init()}) write those features as Ebean entities.
 */
public final class DiscoveredEntities {
  private static final Map<FeatureKey, Class<?>> BY_KEY = new ConcurrentHashMap<>();

  private DiscoveredEntities() {}

  public static void remember(FeatureKey key, Class<?> entity) {
    BY_KEY.put(key, entity);
  }

  public static Optional<Class<?>> find(FeatureKey key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }
}
