package io.metaxy.adapter.jooq;

import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.MetadataStoreCompatibilityKit;
import java.util.EnumSet;
import java.util.Set;

/** The compatibility kit on a fresh in-memory H2 database per store. */
class H2CompatibilityTest extends MetadataStoreCompatibilityKit {
  @Override
  protected MetadataStore createStore(StoreSettings settings) {
    String url = "jdbc:h2:mem:" + TestDatabases.randomName("kit");
    return new JooqMetadataStore(
        settings, JooqStoreConfig.builder(JooqDialect.H2).url(url).user("sa").password("").build());
  }

  @Override
  protected Set<HashAlgorithm> supportedHashAlgorithms() {
    return EnumSet.of(HashAlgorithm.MD5, HashAlgorithm.SHA256);
  }
}
