package io.metaxy.adapter.inmemory;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.ports.spi.MetadataStoreProvider;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Provides {@link InMemoryMetadataStore} as store type {@code memory}. It takes no adapter
 * configuration: any key under {@code stores.<name>.config} is an error naming it.
 */
public final class InMemoryMetadataStoreProvider implements MetadataStoreProvider {
  /** The store type name. */
  public static final String TYPE = "memory";

  @Override
  public String type() {
    return TYPE;
  }

  /** None: a key under {@code stores.<name>.config} is reported with the file's other problems. */
  @Override
  public Optional<Set<String>> configKeys() {
    return Optional.of(Set.of());
  }

  @Override
  public MetadataStore create(StoreSettings settings, Map<String, Object> config) {
    if (config != null && !config.isEmpty()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "Store type \"memory\" takes no config, but got "
              + new java.util.TreeSet<>(config.keySet())
              + ": remove these keys from stores.<name>.config.");
    }
    return new InMemoryMetadataStore(settings);
  }
}
