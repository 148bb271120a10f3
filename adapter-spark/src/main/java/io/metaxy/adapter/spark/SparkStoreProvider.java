package io.metaxy.adapter.spark;

import io.metaxy.ports.spi.MetadataStoreProvider;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.util.Map;

/**
 * Provides {@link SparkMetadataStore} as store type {@code spark}; see {@link SparkStoreConfig}.
 */
public final class SparkStoreProvider implements MetadataStoreProvider {
  /** The store type name. */
  public static final String TYPE = "spark";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public MetadataStore create(StoreSettings settings, Map<String, Object> config) {
    return new SparkMetadataStore(settings, SparkStoreConfig.fromMap(config));
  }
}
