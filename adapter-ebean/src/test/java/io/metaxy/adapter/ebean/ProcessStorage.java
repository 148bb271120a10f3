package io.metaxy.adapter.ebean;

import io.metaxy.ports.spi.MetadataStoreProviders;
import io.metaxy.tck.process.StoreWriterMain;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One isolated database location (a PostgreSQL schema or MariaDB database) shared by a test and its
 * child writer processes ({@link StoreWriterMain}, store type {@code ebean}); dropped on close.
 */
final class ProcessStorage implements AutoCloseable {
  private final TestDatabases.Storage storage;
  private final Map<String, Object> config = new LinkedHashMap<>();
  private final List<EbeanMetadataStore> opened = new ArrayList<>();

  ProcessStorage(TestDatabases.Kind kind) {
    TestDatabases.requireServer(kind);
    storage = TestDatabases.create(kind);
    config.put("url", storage.url());
    config.put("username", storage.user());
    config.put("password", storage.password());
  }

  /** Opens a store on this location in the test's JVM (closed with this object). */
  EbeanMetadataStore openInParent() {
    EbeanMetadataStore s =
        (EbeanMetadataStore)
            MetadataStoreProviders.find("ebean").create(StoreWriterMain.settings(), config).open();
    opened.add(s);
    return s;
  }

  /** A plain JDBC connection to this location. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(storage.url(), storage.user(), storage.password());
  }

  /** Arguments of {@link StoreWriterMain} for this location, writer {@code prefix}, plus more. */
  List<String> writerArgs(String prefix, String... more) {
    List<String> a = new ArrayList<>(List.of("--type", "ebean", "--prefix", prefix));
    config.forEach((k, v) -> a.addAll(List.of("--config", k + "=" + v)));
    a.addAll(List.of(more));
    return a;
  }

  @Override
  public void close() {
    opened.forEach(EbeanMetadataStore::close);
    storage.drop().run();
  }
}
