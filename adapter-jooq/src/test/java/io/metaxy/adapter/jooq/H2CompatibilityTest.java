package io.metaxy.adapter.jooq;

import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.TabularStoreCompatibilityKit;
import java.util.EnumSet;
import java.util.Set;

/** The compatibility kit on a fresh in-memory H2 database per store. */
class H2CompatibilityTest extends TabularStoreCompatibilityKit {
  private final java.util.List<String> urls = new java.util.ArrayList<>();

  /** Drops the test's in-memory databases (kept open by DB_CLOSE_DELAY=-1). */
  @Override
  protected void afterEachStore() {
    for (String url : urls) {
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
          java.sql.Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (java.sql.SQLException e) {
        // already gone
      }
    }
    urls.clear();
  }

  @Override
  protected MetadataStore createStore(StoreSettings settings) {
    // kept while the JVM runs: a closed store opened again (e.g. as a fallback) finds its data
    String url = "jdbc:h2:mem:" + TestDatabases.randomName("kit") + ";DB_CLOSE_DELAY=-1";
    urls.add(url);
    return new JooqMetadataStore(
        settings, JooqStoreConfig.builder(JooqDialect.H2).url(url).user("sa").password("").build());
  }

  @Override
  protected Set<HashAlgorithm> supportedHashAlgorithms() {
    return EnumSet.of(HashAlgorithm.MD5, HashAlgorithm.SHA256);
  }

  @Override
  protected MetadataStore createStoreOnSameStorage(MetadataStore store, StoreSettings settings) {
    return new JooqMetadataStore(settings, ((JooqMetadataStore) store).config());
  }

  @Override
  protected Set<String> featureTableNames(MetadataStore store) {
    return TestStores.featureTableNames(store);
  }
}
