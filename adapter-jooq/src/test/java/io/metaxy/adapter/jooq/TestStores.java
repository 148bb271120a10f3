package io.metaxy.adapter.jooq;

import io.metaxy.ports.store.StoreSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Creates isolated stores per dialect for the adapter's own tests (in-memory DuckDB and H2, a
 * random PostgreSQL schema, a random MariaDB database) and drops them on {@link #close()}.
 */
final class TestStores implements AutoCloseable {
  private final List<JooqMetadataStore> stores = new ArrayList<>();
  private final List<Runnable> cleanups = new ArrayList<>();

  /** Skips (or fails under CI=true) when the dialect's server is unreachable. */
  static void requireServer(JooqDialect d) {
    if (d == JooqDialect.POSTGRES) {
      TestDatabases.require("PostgreSQL", TestDatabases.PG_URL, TestDatabases.PG_USER);
    } else if (d == JooqDialect.MARIADB) {
      TestDatabases.require("MariaDB", TestDatabases.MARIADB_URL, TestDatabases.MARIADB_USER);
    }
  }

  JooqStoreConfig.Builder config(JooqDialect d) {
    requireServer(d);
    return switch (d) {
      case DUCKDB -> JooqStoreConfig.builder(d).url("jdbc:duckdb:");
      case H2 ->
          JooqStoreConfig.builder(d)
              .url("jdbc:h2:mem:" + TestDatabases.randomName("t"))
              .user("sa")
              .password("");
      case POSTGRES -> {
        String schema = TestDatabases.randomName("mx_t");
        cleanups.add(() -> TestDatabases.dropPgSchema(schema));
        yield JooqStoreConfig.builder(d)
            .url(TestDatabases.PG_URL)
            .user(TestDatabases.PG_USER)
            .schema(schema);
      }
      case MARIADB -> {
        String db = TestDatabases.randomName("mx_t");
        cleanups.add(() -> TestDatabases.dropMariaDb(db));
        yield JooqStoreConfig.builder(d)
            .url(TestDatabases.MARIADB_URL)
            .user(TestDatabases.MARIADB_USER)
            .password("")
            .schema(db);
      }
    };
  }

  JooqMetadataStore open(JooqDialect d, StoreSettings settings) {
    return open(d, settings, b -> {});
  }

  JooqMetadataStore open(
      JooqDialect d, StoreSettings settings, Consumer<JooqStoreConfig.Builder> customise) {
    JooqStoreConfig.Builder b = config(d);
    customise.accept(b);
    JooqMetadataStore s = new JooqMetadataStore(settings, b.build());
    stores.add(s);
    s.open();
    return s;
  }

  @Override
  public void close() {
    for (JooqMetadataStore s : stores) {
      s.close();
    }
    stores.clear();
    for (Runnable r : cleanups) {
      r.run();
    }
    cleanups.clear();
  }

  /** The feature tables of a jOOQ store's schema (system, lock and history tables left out). */
  static java.util.Set<String> featureTableNames(io.metaxy.ports.store.MetadataStore store) {
    JooqMetadataStore s = (JooqMetadataStore) store;
    String schema = s.config().schema();
    java.util.Set<String> system =
        java.util.Set.of(
            s.settings().systemTableNames().featureVersions(),
            s.settings().systemTableNames().migrationEvents(),
            io.metaxy.ports.store.WriteLockKeys.LOCK_TABLE,
            s.config().systemHistoryTable(),
            s.config().featureHistoryTable());
    return s.withDsl(
        ctx ->
            ctx.connectionResult(
                c -> {
                  java.util.Set<String> out = new java.util.TreeSet<>();
                  var md = c.getMetaData();
                  String cat = s.dialect() == JooqDialect.MARIADB ? schema : null;
                  String sch =
                      s.dialect() == JooqDialect.MARIADB
                          ? null
                          : schema != null
                              ? schema
                              : s.dialect() == JooqDialect.H2
                                  ? "PUBLIC"
                                  : s.dialect() == JooqDialect.DUCKDB ? "main" : "public";
                  try (var rs = md.getTables(cat, sch, "%", new String[] {"TABLE", "BASE TABLE"})) {
                    while (rs.next()) {
                      String t = rs.getString("TABLE_NAME");
                      if (!system.contains(t) && !t.startsWith("metaxy_staging_")) {
                        out.add(t);
                      }
                    }
                  }
                  return out;
                }));
  }
}
