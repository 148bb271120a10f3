package io.metaxy.adapter.inmemory;

import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.MetadataStoreCompatibilityKit;

/**
 * The in-memory store runs the compatibility kit first: every store starts on empty storage. Store
 * instances share storage through {@link InMemoryMetadataStore#onSameStorage}. The store has no
 * tables and no schema migrations, so it runs the base kit (not {@code
 * TabularStoreCompatibilityKit}), every group of it.
 */
class InMemoryCompatibilityTest extends MetadataStoreCompatibilityKit {
  @Override
  protected MetadataStore createStore(StoreSettings settings) {
    return new InMemoryMetadataStore(settings);
  }

  @Override
  protected MetadataStore createStoreOnSameStorage(MetadataStore store, StoreSettings settings) {
    return ((InMemoryMetadataStore) store).onSameStorage(settings);
  }
}
