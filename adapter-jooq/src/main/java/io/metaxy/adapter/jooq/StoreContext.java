package io.metaxy.adapter.jooq;

import io.metaxy.adapter.jooq.internal.ConnectionSource;
import io.metaxy.adapter.jooq.internal.SqlTypes;
import io.metaxy.adapter.jooq.internal.SystemTables;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import io.metaxy.sql.FeatureTable;
import io.metaxy.sql.FeatureTableLayout;
import io.metaxy.sql.Layout;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every port of one {@link JooqMetadataStore} view shares: settings and config, the dialect's
 * SQL, the catalog, graph versions, jOOQ contexts, table names and descriptions, and the error
 * wrapping. The {@link Shared} part is common to every {@link JooqMetadataStore#withGraph} view of
 * the same storage.
 */
final class StoreContext {
  private static final Logger LOG = LoggerFactory.getLogger(StoreContext.class);

  /** Shared by every view of the same storage. */
  static final class Shared {
    final ConnectionSource connections;

    /** Table descriptions, cached for embedded databases (one process owns the file). */
    final Map<String, FeatureTable> described = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * In-JVM write locks per table, taken before the database lock (see {@link WriteLock}); shared
     * by every store of this JVM on the same database (URL), so that instances on one embedded file
     * also exclude each other.
     */
    final Map<String, Object> tableLocks;

    final boolean cacheDescriptions;
    volatile boolean open;

    /** H2: the lock table of {@link WriteLock} exists. */
    volatile boolean lockTableReady;

    private static final Map<String, Map<String, Object>> LOCKS_BY_DATABASE =
        new java.util.concurrent.ConcurrentHashMap<>();

    Shared(ConnectionSource connections, boolean cacheDescriptions) {
      this.connections = connections;
      this.tableLocks =
          connections.url() == null
              ? new java.util.concurrent.ConcurrentHashMap<>()
              : LOCKS_BY_DATABASE.computeIfAbsent(
                  connections.url(), k -> new java.util.concurrent.ConcurrentHashMap<>());
      this.cacheDescriptions = cacheDescriptions;
    }
  }

  private final StoreSettings settings;
  private final JooqStoreConfig config;
  private final Shared shared;
  private final DialectSql sql;
  private final Catalog catalog;
  private final GraphVersions versions;
  private final Settings jooqSettings;
  private final SystemTables systemTables;
  private final FeatureTableLayout layout;
  private io.metaxy.domain.hash.RowHasher hasher; // thread-safe; a racy first set is harmless

  StoreContext(StoreSettings settings, JooqStoreConfig config, Shared shared) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.config = Objects.requireNonNull(config, "config");
    this.shared = shared;
    this.sql = new DialectSql(SqlTypes.of(config.dialect()));
    this.catalog = new Catalog(SqlTypes.of(config.dialect()), config.schema());
    this.versions = settings.graph().versions(settings.truncation());
    this.jooqSettings =
        new Settings()
            .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
            .withRenderGroupConcatMaxLenSessionVariable(false)
            .withExecuteLogging(false);
    this.layout =
        FeatureTableLayout.of(SqlTypes.of(config.layout()), SqlTypes.of(config.dialect()));
    this.systemTables =
        new SystemTables(
            sql,
            catalog,
            SystemTables.names(config.layout(), settings.systemTableNames()),
            settings.project(),
            config.layout(),
            settings.truncation());
  }

  /** The layout of this store's feature tables. */
  FeatureTableLayout layout() {
    return layout;
  }

  StoreSettings settings() {
    return settings;
  }

  JooqStoreConfig config() {
    return config;
  }

  Shared shared() {
    return shared;
  }

  ConnectionSource connections() {
    return shared.connections;
  }

  DialectSql sql() {
    return sql;
  }

  Catalog catalog() {
    return catalog;
  }

  GraphVersions versions() {
    return versions;
  }

  SystemTables systemTables() {
    return systemTables;
  }

  JooqDialect dialect() {
    return config.dialect();
  }

  void requireOpen() {
    if (!shared.open) {
      throw new MetaxyException(
          ErrorCode.STORE_NOT_OPEN,
          "The " + config.dialect().type() + " store is not open: call open() first.");
    }
  }

  // ---------------------------------------------------------------- jOOQ access

  DSLContext ctx(Connection c) {
    Configuration cfg =
        new DefaultConfiguration().set(c).set(config.dialect().sqlDialect()).set(jooqSettings);
    if (!config.executeListeners().isEmpty()) {
      cfg.set(
          config.executeListeners().stream()
              .map(DefaultExecuteListenerProvider::new)
              .toArray(DefaultExecuteListenerProvider[]::new));
    }
    return DSL.using(cfg);
  }

  /**
   * Runs {@code work} with a jOOQ context on a fresh connection (for users' own queries against
   * {@link #table(FeatureKey)}).
   *
   * <p>/** The table name of a feature: explicit name, or prefix + the key's table name.
   */
  public String tableName(FeatureKey feature) {
    String explicit = config.tableNames().get(feature);
    String t =
        explicit != null
            ? explicit
            : config.tablePrefix() + settings.tableNaming().tableName(feature);
    checkIdentifier(t, "table of feature " + feature);
    return t;
  }

  /** The jOOQ table of a feature, qualified by the configured schema. */
  public Table<Record> table(FeatureKey feature) {
    return DSL.table(catalog.qualify(tableName(feature)));
  }

  void checkIdentifier(String id, String what) {
    if (id.isEmpty() || id.length() > sql.maxIdentifierLength()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "The "
              + what
              + " is named \""
              + id
              + "\" ("
              + id.length()
              + " characters), but "
              + config.dialect().type()
              + " allows at most "
              + sql.maxIdentifierLength()
              + ": give it a shorter explicit name or a shorter key/field key.");
    }
  }

  FeatureTable describe(Connection c, FeatureKey feature) {
    String t = tableName(feature);
    FeatureTable cached = shared.described.get(t);
    if (cached != null) {
      return cached.withKey(feature);
    }
    try {
      List<String> keys =
          settings.graph().contains(feature)
              ? structKeys(settings.graph().get(feature))
              : List.of();
      FeatureTable ft = catalog.describe(c, feature, t, layout, keys);
      if (ft.exists() && shared.cacheDescriptions) {
        shared.described.put(t, ft);
      }
      return ft;
    } catch (SQLException e) {
      throw failure("describe", feature, e);
    }
  }

  MetaxyException failure(String op, FeatureKey feature, Exception e) {
    if (e instanceof MetaxyException m) {
      return m;
    }
    LOG.debug("{} failed", op, e);
    return new MetaxyException(
        ErrorCode.STORE_FAILURE,
        "The "
            + config.dialect().type()
            + " store failed to "
            + op
            + (feature == null ? "" : " feature " + feature)
            + ": "
            + databaseMessage(e),
        e);
  }

  /**
   * The database's own message, one line, without the SQL text jOOQ puts in front of it (the SQL is
   * logged at DEBUG).
   */
  static String databaseMessage(Throwable e) {
    Throwable t = e;
    java.sql.SQLException sql = null;
    while (t != null) {
      if (t instanceof java.sql.SQLException s) {
        sql = s;
        break;
      }
      t = t.getCause();
    }
    String m = sql != null && sql.getMessage() != null ? sql.getMessage() : e.getMessage();
    if (m == null) {
      m = e.toString();
    }
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).trim();
  }

  /**
   * The columns a filter on a feature table may name: its physical columns, every system column and
   * the feature's ID columns.
   */
  java.util.Set<String> filterColumns(FeatureTable ft, FeatureSpec spec) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>(spec.idColumns());
    out.addAll(SystemColumns.ALL);
    out.addAll(ft.columns().keySet());
    out.addAll(ft.rowColumns().keySet());
    out.remove(Layout.WRITE_SEQ);
    return out;
  }

  /** Fails naming the column when a filter names one outside {@code known} (ADR-0004). */
  void checkFilters(FeatureKey feature, List<String> filters, java.util.Collection<String> known) {
    if (!filters.isEmpty()) {
      io.metaxy.domain.filter.FilterColumns.parseChecked(feature, filters, known);
    }
  }

  /** The row-level value of a per-field map: the hash of its values in key order, truncated. */
  String combine(Map<String, String> byField) {
    io.metaxy.domain.hash.RowHasher h = hasher;
    if (h == null) {
      h =
          io.metaxy.domain.hash.JdkRowHashers.forAlgorithm(settings.hashAlgorithm())
              .orElseThrow(() -> new IllegalStateException(settings.hashAlgorithm().toString()));
      hasher = h; // one hasher per store: creating one per row dominated bulk writes
    }
    Map<String, String> sorted =
        byField instanceof java.util.TreeMap<String, String> t && t.comparator() == null
            ? byField
            : new java.util.TreeMap<>(byField);
    StringBuilder sb = new StringBuilder(byField.size() * 40);
    boolean first = true;
    for (String v : sorted.values()) {
      if (!first) {
        sb.append('|');
      }
      first = false;
      if (v != null) {
        sb.append(v);
      }
    }
    return settings.truncation().apply(h.hash(sb.toString()));
  }

  static List<String> structKeys(FeatureSpec spec) {
    List<String> out = new ArrayList<>();
    for (FieldSpec f : spec.fields()) {
      out.add(f.key().structKey());
    }
    out.sort(null);
    return out;
  }

  static Object toJdbc(Object v) {
    if (v instanceof Instant i) {
      return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
    if (v instanceof java.time.OffsetDateTime o) {
      return LocalDateTime.ofInstant(o.toInstant(), ZoneOffset.UTC);
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Character ch) {
      return ch.toString();
    }
    return v;
  }

  boolean hasRows(DSLContext ctx, FeatureTable ft) {
    return ctx.fetchExists(DSL.selectOne().from(ft.table()));
  }

  static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
      } catch (SQLException e) {
        // ignore
      }
      try {
        c.close();
      } catch (SQLException e) {
        // ignore
      }
    }
  }
}
