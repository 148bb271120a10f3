package io.metaxy.adapter.inmemory;

import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.MetadataStoreCompatibilityKit;

/**
 * The in-memory store runs the compatibility kit first: every store starts on empty storage. Store
 * instances share storage through {@link InMemoryMetadataStore#onSameStorage}; the store has no
 * tables, so the table naming group is skipped.
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

  @Override
  protected boolean hasTables() {
    return false;
  }
}
