package io.metaxy.adapter.spark;

import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.MetadataStoreCompatibilityKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The compatibility kit on Delta tables in a fresh warehouse directory per store, on the one shared
 * {@code local[2]} session of the test JVM ({@link TestSpark}).
 */
class SparkCompatibilityTest extends MetadataStoreCompatibilityKit {
  private Path dir;

  @Override
  protected MetadataStore createStore(StoreSettings settings) {
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("metaxy-spark-kit");
      }
      Path warehouse = Files.createTempDirectory(dir, "warehouse");
      return new SparkMetadataStore(settings, TestSpark.config(warehouse));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A second store on the same warehouse: what another process (or cluster job) sees. */
  @Override
  protected MetadataStore createStoreOnSameStorage(MetadataStore store, StoreSettings settings) {
    return new SparkMetadataStore(settings, ((SparkMetadataStore) store).config());
  }

  @Override
  protected void afterEachStore() {
    TestSpark.deleteRecursively(dir);
    dir = null;
  }
}
