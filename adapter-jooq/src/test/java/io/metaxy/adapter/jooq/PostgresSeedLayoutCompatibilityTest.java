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
 * The compatibility kit in the seed layout (per-field columns) on PostgreSQL (127.0.0.1:5432,
 * database test): each store gets its own schema with a random suffix, dropped after the test.
 * Skipped when the server is unreachable, failed under CI=true.
 */
class PostgresSeedLayoutCompatibilityTest extends TabularStoreCompatibilityKit {
  private final List<String> schemas = new ArrayList<>();

  @BeforeAll
  static void server() {
    TestDatabases.require("PostgreSQL", TestDatabases.PG_URL, TestDatabases.PG_USER);
  }

  @Override
  protected MetadataStore createStore(StoreSettings settings) {
    String schema = TestDatabases.randomName("mx_kit");
    schemas.add(schema);
    return new JooqMetadataStore(
        settings,
        JooqStoreConfig.builder(JooqDialect.POSTGRES)
            .url(TestDatabases.PG_URL)
            .user(TestDatabases.PG_USER)
            .schema(schema)
            .layout(StoreLayout.SEED)
            .build());
  }

  @Override
  protected Set<HashAlgorithm> supportedHashAlgorithms() {
    return EnumSet.of(HashAlgorithm.MD5, HashAlgorithm.SHA256);
  }

  @Override
  protected void afterEachStore() {
    schemas.forEach(TestDatabases::dropPgSchema);
    schemas.clear();
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
