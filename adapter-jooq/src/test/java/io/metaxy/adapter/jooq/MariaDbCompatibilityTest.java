package io.metaxy.adapter.jooq;

import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.TabularStoreCompatibilityKit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;

/**
 * The compatibility kit on MariaDB (127.0.0.1:3306): each store gets its own database with a random
 * suffix, dropped after the test. Skipped when the server is unreachable, failed under CI=true.
 */
class MariaDbCompatibilityTest extends TabularStoreCompatibilityKit {
  private final List<String> databases = new ArrayList<>();

  @BeforeAll
  static void server() {
    TestDatabases.require("MariaDB", TestDatabases.MARIADB_URL, TestDatabases.MARIADB_USER);
  }

  @Override
  protected MetadataStore createStore(StoreSettings settings) {
    String db = TestDatabases.randomName("mx_kit");
    databases.add(db);
    return new JooqMetadataStore(
        settings,
        JooqStoreConfig.builder(JooqDialect.MARIADB)
            .url(TestDatabases.MARIADB_URL)
            .user(TestDatabases.MARIADB_USER)
            .password("")
            .schema(db)
            .build());
  }

  @Override
  protected Set<HashAlgorithm> supportedHashAlgorithms() {
    return EnumSet.of(HashAlgorithm.MD5, HashAlgorithm.SHA256);
  }

  @Override
  protected void afterEachStore() {
    databases.forEach(TestDatabases::dropMariaDb);
    databases.clear();
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
