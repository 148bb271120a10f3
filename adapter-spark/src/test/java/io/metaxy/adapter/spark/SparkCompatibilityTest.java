package io.metaxy.adapter.spark;

import io.metaxy.ports.naming.SystemTableNames;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.MetadataStoreCompatibilityKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

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

  /** The {@code <name>.delta} directories of the warehouse, system tables left out. */
  @Override
  protected Set<String> featureTableNames(MetadataStore store) {
    return deltaTables((SparkMetadataStore) store);
  }

  static Set<String> deltaTables(SparkMetadataStore store) {
    Path warehouse = Path.of(URI.create(store.config().warehouse()));
    SystemTableNames system = store.settings().systemTableNames();
    Set<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.list(warehouse)) {
      s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".delta"))
          .map(n -> n.substring(0, n.length() - ".delta".length()))
          .filter(n -> !n.equals(system.featureVersions()) && !n.equals(system.migrationEvents()))
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  protected void afterEachStore() {
    TestSpark.deleteRecursively(dir);
    dir = null;
  }
}
