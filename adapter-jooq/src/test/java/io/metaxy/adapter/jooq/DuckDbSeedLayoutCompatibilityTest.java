package io.metaxy.adapter.jooq;

import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.TabularStoreCompatibilityKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The compatibility kit on a fresh DuckDB database file per store in the seed layout (per-field
 * columns, docs/adr/ADR-0001-per-field-maps-jooq.md): stores created before the python layout keep
 * working.
 */
class DuckDbSeedLayoutCompatibilityTest extends TabularStoreCompatibilityKit {
  private Path dir;

  @Override
  protected MetadataStore createStore(StoreSettings settings) {
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("metaxy-duckdb-kit");
      }
      Path file = Files.createTempFile(dir, "store", ".duckdb");
      Files.delete(file);
      return new JooqMetadataStore(
          settings, JooqStoreConfig.duckDbFile(file).toBuilder().layout(StoreLayout.SEED).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Set<HashAlgorithm> supportedHashAlgorithms() {
    return EnumSet.of(HashAlgorithm.MD5, HashAlgorithm.SHA256);
  }

  @Override
  protected void afterEachStore() {
    TestDatabases.deleteRecursively(dir);
    dir = null;
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
