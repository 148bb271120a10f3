package io.metaxy.adapter.ebean;

import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.TabularStoreCompatibilityKit;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the compatibility kit on one database kind; each store gets its own storage, and a second
 * store on the same storage is a new store on the same URL (its own Ebean database and pool).
 */
abstract class AbstractEbeanCompatibilityTest extends TabularStoreCompatibilityKit {
  private final List<TestDatabases.Storage> storages = new ArrayList<>();
  private final Map<MetadataStore, TestDatabases.Storage> storageOf = new IdentityHashMap<>();

  abstract TestDatabases.Kind kind();

  /** The layout of the stores under test (default: the store's default, python). */
  EbeanLayout layout() {
    return EbeanLayout.PYTHON;
  }

  @Override
  protected MetadataStore createStore(StoreSettings settings) {
    TestDatabases.Storage s = TestDatabases.create(kind());
    storages.add(s);
    return on(s, settings);
  }

  private MetadataStore on(TestDatabases.Storage s, StoreSettings settings) {
    MetadataStore store =
        new EbeanMetadataStore(
            EbeanStoreConfig.builder()
                .url(s.url())
                .username(s.user())
                .password(s.password())
                .layout(layout())
                .build(),
            settings);
    storageOf.put(store, s);
    return store;
  }

  @Override
  protected MetadataStore createStoreOnSameStorage(MetadataStore store, StoreSettings settings) {
    return on(storageOf.get(store), settings);
  }

  @Override
  protected Set<String> featureTableNames(MetadataStore store) {
    Set<String> out = new TreeSet<>();
    try (Connection c = ((EbeanMetadataStore) store).database().dataSource().getConnection();
        ResultSet rs =
            c.getMetaData()
                .getTables(c.getCatalog(), schema(c), "%", new String[] {"TABLE", "BASE TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.equals(name.toUpperCase(Locale.ROOT))) {
          name = lower;
        }
        if (!lower.startsWith("metaxy") && !lower.contains("schema_history")) {
          out.add(name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot list the tables of " + store, e);
    }
    return out;
  }

  private static String schema(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    return md.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("maria")
        ? null
        : c.getSchema();
  }

  @Override
  protected void afterEachStore() {
    for (TestDatabases.Storage s : storages) {
      s.drop().run();
    }
    storages.clear();
    storageOf.clear();
  }
}
