package io.metaxy.adapter.ebean;

import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.MetadataStoreCompatibilityKit;
import java.util.ArrayList;
import java.util.List;

/** Runs the compatibility kit on one database kind; each store gets its own storage. */
abstract class AbstractEbeanCompatibilityTest extends MetadataStoreCompatibilityKit {
  private final List<TestDatabases.Storage> storages = new ArrayList<>();

  abstract TestDatabases.Kind kind();

  @Override
  protected MetadataStore createStore(StoreSettings settings) {
    TestDatabases.Storage s = TestDatabases.create(kind());
    storages.add(s);
    return new EbeanMetadataStore(
        EbeanStoreConfig.builder().url(s.url()).username(s.user()).password(s.password()).build(),
        settings);
  }

  @Override
  protected void afterEachStore() {
    for (TestDatabases.Storage s : storages) {
      s.drop().run();
    }
    storages.clear();
  }
}
