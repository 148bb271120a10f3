package io.metaxy.adapter.jooq;

import io.metaxy.ports.spi.MetadataStoreProviders;
import io.metaxy.tck.process.StoreWriterMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One isolated store location (a random PostgreSQL schema, MariaDB database or DuckDB file) shared
 * by the test and its child writer processes: the provider config as a map (for the parent) and as
 * {@code --config} arguments (for {@link StoreWriterMain}). Dropped on {@link #close()}.
 */
final class ProcessStores implements AutoCloseable {
  private final JooqDialect dialect;
  private final Map<String, Object> config = new LinkedHashMap<>();
  private final List<JooqMetadataStore> opened = new ArrayList<>();
  private final Runnable cleanup;
  private final Path dir;

  ProcessStores(JooqDialect dialect) throws IOException {
    this.dialect = dialect;
    TestStores.requireServer(dialect);
    switch (dialect) {
      case POSTGRES -> {
        String schema = TestDatabases.randomName("mx_proc");
        config.put("url", TestDatabases.PG_URL);
        config.put("user", TestDatabases.PG_USER);
        config.put("schema", schema);
        cleanup = () -> TestDatabases.dropPgSchema(schema);
        dir = null;
      }
      case MARIADB -> {
        String db = TestDatabases.randomName("mx_proc");
        config.put("url", TestDatabases.MARIADB_URL);
        config.put("user", TestDatabases.MARIADB_USER);
        config.put("password", "");
        config.put("schema", db);
        cleanup = () -> TestDatabases.dropMariaDb(db);
        dir = null;
      }
      case DUCKDB -> {
        dir = Files.createTempDirectory("mx-proc");
        config.put("path", dir.resolve("store.duckdb").toString());
        cleanup = () -> TestDatabases.deleteRecursively(dir);
      }
      default -> throw new IllegalArgumentException(dialect + " is not a multi-process store");
    }
  }

  Map<String, Object> config() {
    return config;
  }

  /** The DuckDB file (DuckDB only). */
  Path file() {
    return Path.of(config.get("path").toString());
  }

  /** Opens a store on this location in the test's JVM (closed with this object). */
  JooqMetadataStore openInParent() {
    JooqMetadataStore s =
        (JooqMetadataStore)
            MetadataStoreProviders.find(dialect.type())
                .create(StoreWriterMain.settings(), config)
                .open();
    opened.add(s);
    return s;
  }

  /** Arguments of {@link StoreWriterMain} for this location, writer {@code prefix}, plus more. */
  List<String> writerArgs(String prefix, String... more) {
    List<String> a = new ArrayList<>(List.of("--type", dialect.type(), "--prefix", prefix));
    config.forEach((k, v) -> a.addAll(List.of("--config", k + "=" + v)));
    a.addAll(List.of(more));
    return a;
  }

  @Override
  public void close() {
    opened.forEach(JooqMetadataStore::close);
    cleanup.run();
  }
}
