package io.metaxy.adapter.jooq;

import io.metaxy.domain.key.FeatureKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.ExecuteListener;

/**
 * Connection and layout settings of a {@link JooqMetadataStore}: database, JDBC URL or {@link
 * DataSource}, credentials, schema, table prefix and explicit table names, declared feature
 * columns, fetch size, the Flyway history tables, and jOOQ execute listeners (e.g. to count fetched
 * rows).
 */
public final class JooqStoreConfig {
  /** Default Flyway history table of the system-table migrations. */
  public static final String DEFAULT_SYSTEM_HISTORY_TABLE = "metaxy_system_schema_history";

  /** Default Flyway history table of the user's feature-table migrations. */
  public static final String DEFAULT_FEATURE_HISTORY_TABLE = "flyway_schema_history";

  /** Default of {@link #connectTimeoutSeconds()}. */
  public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

  private final JooqDialect dialect;
  private final String url;
  private final String user;
  private final String password;
  private final DataSource dataSource;
  private final String schema;
  private final String tablePrefix;
  private final Map<FeatureKey, String> tableNames;
  private final Map<FeatureKey, JooqFeature> features;
  private final int fetchSize;
  private final int connectTimeoutSeconds;
  private final String systemHistoryTable;
  private final String featureHistoryTable;
  private final List<ExecuteListener> executeListeners;
  private final StoreLayout layout;

  private JooqStoreConfig(Builder b) {
    this.dialect = Objects.requireNonNull(b.dialect, "dialect");
    if (b.url == null && b.dataSource == null) {
      throw new IllegalArgumentException("a JDBC url or a DataSource is required");
    }
    if (b.dataSource == null) {
      // the adapter's drivers are optional dependencies: say which artifact is missing
      b.dialect.requireDriver();
    }
    this.url = b.url;
    this.user = b.user;
    this.password = b.password;
    this.dataSource = b.dataSource;
    this.schema = b.schema;
    this.tablePrefix = b.tablePrefix == null ? "" : b.tablePrefix;
    this.tableNames = Map.copyOf(b.tableNames);
    this.features = Map.copyOf(b.features);
    this.fetchSize = b.fetchSize;
    if (b.connectTimeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "connect timeout must be at least 1 second, got " + b.connectTimeoutSeconds);
    }
    this.connectTimeoutSeconds = b.connectTimeoutSeconds;
    this.systemHistoryTable = b.systemHistoryTable;
    this.featureHistoryTable = b.featureHistoryTable;
    this.executeListeners = List.copyOf(b.executeListeners);
    this.layout = Objects.requireNonNull(b.layout, "layout");
  }

  public static Builder builder(JooqDialect dialect) {
    return new Builder(dialect);
  }

  /** An in-memory DuckDB database, private to the store. */
  public static JooqStoreConfig duckDbInMemory() {
    return builder(JooqDialect.DUCKDB).url("jdbc:duckdb:").build();
  }

  /** A DuckDB database file. */
  public static JooqStoreConfig duckDbFile(java.nio.file.Path file) {
    return builder(JooqDialect.DUCKDB).url("jdbc:duckdb:" + file.toAbsolutePath()).build();
  }

  public JooqDialect dialect() {
    return dialect;
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** The schema (MariaDB: database) holding all tables, or {@code null} for the default. */
  public String schema() {
    return schema;
  }

  public String tablePrefix() {
    return tablePrefix;
  }

  public Map<FeatureKey, String> tableNames() {
    return tableNames;
  }

  public Map<FeatureKey, JooqFeature> features() {
    return features;
  }

  public int fetchSize() {
    return fetchSize;
  }

  /**
   * Seconds to wait for a PostgreSQL or MariaDB server to accept a connection and answer its
   * handshake (default {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS}).
   */
  public int connectTimeoutSeconds() {
    return connectTimeoutSeconds;
  }

  public String systemHistoryTable() {
    return systemHistoryTable;
  }

  public String featureHistoryTable() {
    return featureHistoryTable;
  }

  public List<ExecuteListener> executeListeners() {
    return executeListeners;
  }

  /**
   * The physical layout of the tables (config key {@code layout}): {@link StoreLayout#PYTHON} by
   * default, {@link StoreLayout#SEED} for stores created before it.
   */
  public StoreLayout layout() {
    return layout;
  }

  public Builder toBuilder() {
    Builder b = new Builder(dialect);
    b.url = url;
    b.user = user;
    b.password = password;
    b.dataSource = dataSource;
    b.schema = schema;
    b.tablePrefix = tablePrefix;
    b.tableNames.putAll(tableNames);
    b.features.putAll(features);
    b.fetchSize = fetchSize;
    b.connectTimeoutSeconds = connectTimeoutSeconds;
    b.systemHistoryTable = systemHistoryTable;
    b.featureHistoryTable = featureHistoryTable;
    b.executeListeners.addAll(executeListeners);
    b.layout = layout;
    return b;
  }

  /** Builds a {@link JooqStoreConfig}. */
  public static final class Builder {
    private final JooqDialect dialect;
    private String url;
    private String user;
    private String password;
    private DataSource dataSource;
    private String schema;
    private String tablePrefix = "";
    private final Map<FeatureKey, String> tableNames = new LinkedHashMap<>();
    private final Map<FeatureKey, JooqFeature> features = new LinkedHashMap<>();
    private int fetchSize = 1000;
    private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private String systemHistoryTable = DEFAULT_SYSTEM_HISTORY_TABLE;
    private String featureHistoryTable = DEFAULT_FEATURE_HISTORY_TABLE;
    private final List<ExecuteListener> executeListeners = new ArrayList<>();
    private StoreLayout layout = StoreLayout.PYTHON;

    private Builder(JooqDialect dialect) {
      this.dialect = dialect;
    }

    public Builder url(String v) {
      this.url = v;
      return this;
    }

    public Builder user(String v) {
      this.user = v;
      return this;
    }

    public Builder password(String v) {
      this.password = v;
      return this;
    }

    public Builder dataSource(DataSource v) {
      this.dataSource = v;
      return this;
    }

    public Builder schema(String v) {
      this.schema = v;
      return this;
    }

    public Builder tablePrefix(String v) {
      this.tablePrefix = v;
      return this;
    }

    /** An explicit table name for one feature (no prefix applied). */
    public Builder tableName(FeatureKey feature, String table) {
      this.tableNames.put(feature, table);
      return this;
    }

    /** Declares a feature's user columns and types. */
    public Builder feature(JooqFeature feature) {
      this.features.put(feature.spec().key(), feature);
      return this;
    }

    public Builder fetchSize(int v) {
      this.fetchSize = v;
      return this;
    }

    /** Seconds to wait for a server to connect and answer (at least 1). */
    public Builder connectTimeoutSeconds(int v) {
      this.connectTimeoutSeconds = v;
      return this;
    }

    public Builder systemHistoryTable(String v) {
      this.systemHistoryTable = Objects.requireNonNull(v);
      return this;
    }

    public Builder featureHistoryTable(String v) {
      this.featureHistoryTable = Objects.requireNonNull(v);
      return this;
    }

    public Builder executeListener(ExecuteListener l) {
      this.executeListeners.add(Objects.requireNonNull(l));
      return this;
    }

    /** The physical layout of the tables (default {@link StoreLayout#PYTHON}). */
    public Builder layout(StoreLayout v) {
      this.layout = Objects.requireNonNull(v, "layout");
      return this;
    }

    public JooqStoreConfig build() {
      return new JooqStoreConfig(this);
    }
  }
}
