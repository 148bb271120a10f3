package io.metaxy.adapter.ebean.internal;

import io.ebean.Database;
import io.ebean.DatabaseFactory;
import io.ebean.config.DatabaseConfig;
import io.ebean.datasource.DataSourceConfig;
import io.metaxy.adapter.ebean.EbeanNamingConvention;
import io.metaxy.adapter.ebean.EbeanRegistration;
import io.metaxy.adapter.ebean.EbeanStoreConfig;
import io.metaxy.adapter.ebean.EntityFeature;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.ports.store.StoreSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The storage shared by a store and its {@code withGraph} views: the Ebean database, its data
 * source, the dialect and a cache of table columns. Reference-counted: the database shuts down when
 * the last open store sharing it closes.
 */
public final class Shared {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final EbeanStoreConfig config;
  private final StoreSettings settings;
  private final Map<String, Map<String, Integer>> columns = new ConcurrentHashMap<>();
  private Database db;
  private Dialect dialect;
  private int refs;

  public Shared(EbeanStoreConfig config, StoreSettings settings) {
    this.config = config;
    this.settings = settings;
  }

  /** Opens (or reuses) the database; returns true when this call created it. */
  public synchronized boolean acquire() {
    refs++;
    if (db != null) {
      return false;
    }
    if (config.database() != null) {
      db = config.database();
      dialect = Dialect.fromPlatform(db.pluginApi().databasePlatform());
    } else {
      dialect = Dialect.fromUrl(config.url());
      db = DatabaseFactory.create(databaseConfig(config, settings, true));
    }
    return true;
  }

  /** Releases one reference; shuts the database down with the last one (if the store made it). */
  public synchronized void release() {
    if (refs == 0) {
      return;
    }
    refs--;
    if (refs == 0 && db != null) {
      if (config.database() == null) {
        db.shutdown(true, false);
      }
      db = null;
      columns.clear();
    }
  }

  /**
   * The URL with batched inserts rewritten into multi-row statements on MariaDB (as the jOOQ
   * store's), unless the URL sets it; other URLs unchanged.
   */
  static String batchingUrl(String url) {
    if (url == null
        || !(url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))
        || url.contains("rewriteBatchedStatements")) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
  }

  /** An Ebean configuration for this store's entities (and, optionally, the system entities). */
  public static DatabaseConfig databaseConfig(
      EbeanStoreConfig config, StoreSettings settings, boolean withSystemEntities) {
    DatabaseConfig cfg = new DatabaseConfig();
    // Ebean accepts one default database name per JVM: default databases share the configured
    // name (a later store replaces the earlier one as Ebean's default), the others get unique ones.
    cfg.setName(
        config.defaultDatabase() ? config.name() : config.name() + "-" + COUNTER.incrementAndGet());
    DataSourceConfig ds = new DataSourceConfig();
    ds.setUrl(batchingUrl(config.url()));
    ds.setUsername(config.username() == null ? "" : config.username());
    ds.setPassword(config.password() == null ? "" : config.password());
    ds.setMinConnections(1);
    ds.setMaxConnections(20);
    cfg.setDataSourceConfig(ds);
    cfg.setRegister(config.defaultDatabase());
    cfg.setDefaultServer(config.defaultDatabase());
    cfg.setNamingConvention(namingConvention(config, settings));
    cfg.setDataTimeZone("UTC");
    cfg.setDdlGenerate(false);
    cfg.setDdlRun(false);
    List<Class<?>> classes = new ArrayList<>();
    for (EntityFeature e : config.entities()) {
      classes.add(e.entityClass());
    }
    if (withSystemEntities) {
      classes.addAll(EbeanRegistration.systemEntities(config.layout()));
    }
    cfg.setClasses(classes);
    return cfg;
  }

  /** The naming convention of a store's configuration and settings. */
  public static EbeanNamingConvention namingConvention(
      EbeanStoreConfig config, StoreSettings settings) {
    Map<Class<?>, FeatureKey> keys = new HashMap<>();
    for (EntityFeature e : config.entities()) {
      keys.put(e.entityClass(), e.spec().key());
    }
    return new EbeanNamingConvention(
        settings.tableNaming(),
        config.inferTableNames(),
        settings.systemTableNames(),
        keys,
        config.layout());
  }

  public synchronized Database db() {
    return db;
  }

  public DataSource dataSource() {
    return db().dataSource();
  }

  public Dialect dialect() {
    return dialect;
  }

  public synchronized boolean isOpen() {
    return db != null;
  }

  /** Columns (name → JDBC type) of a table, or {@code null} when it does not exist. */
  public Map<String, Integer> columns(String tableSql) {
    Map<String, Integer> c = columns.get(tableSql);
    if (c != null) {
      return c;
    }
    try (Connection conn = dataSource().getConnection()) {
      conn.setAutoCommit(true);
      Map<String, Integer> found = TableMetadata.columns(conn, tableSql);
      if (found != null) {
        columns.put(tableSql, new LinkedHashMap<>(found));
      }
      return found;
    } catch (SQLException e) {
      throw Jdbc.failure("table lookup", e);
    }
  }

  /** Forgets cached columns of a table (after DDL). */
  public void forget(String tableSql) {
    columns.remove(tableSql);
  }
}
