package io.metaxy.cli;

import io.metaxy.adapter.inmemory.InMemoryMetadataStore;
import io.metaxy.ports.spi.MetadataStoreProvider;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test provider of type {@code shared-memory}: in-memory stores that outlive one CLI invocation,
 * keyed by {@code config.id}, each invocation seeing the same storage under its own graph. The
 * shared storage is created writable whichever invocation comes first; a read-only invocation is
 * guarded by the context ({@link io.metaxy.ports.store.ReadOnlyStore}).
 */
public final class SharedMemoryProvider implements MetadataStoreProvider {
  static final Map<String, InMemoryMetadataStore> STORES = new ConcurrentHashMap<>();

  @Override
  public String type() {
    return "shared-memory";
  }

  @Override
  public MetadataStore create(StoreSettings settings, Map<String, Object> config) {
    String id = String.valueOf(config.get("id"));
    InMemoryMetadataStore base =
        STORES.computeIfAbsent(
            id, k -> new InMemoryMetadataStore(settings.toBuilder().readOnly(false).build()));
    return base.withGraph(settings.graph());
  }
}
