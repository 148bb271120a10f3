package io.metaxy.adapter.inmemory;

import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.MetadataStoreCompatibilityKit;

/** The in-memory store runs the compatibility kit first: every store starts on empty storage. */
class InMemoryCompatibilityTest extends MetadataStoreCompatibilityKit {
  @Override
  protected MetadataStore createStore(StoreSettings settings) {
    return new InMemoryMetadataStore(settings);
  }
}
