package io.metaxy.adapter.jooq;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.ports.spi.MetadataStoreProvider;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Base of the jOOQ store providers ({@code duckdb}, {@code postgres}, {@code h2}, {@code mariadb}).
 * Config keys: {@code url} (JDBC URL) or, for DuckDB and H2, {@code path} (a database file; DuckDB
 * without either is in memory); {@code user}, {@code password}, {@code schema}, {@code
 * table_prefix}, {@code table_names} (feature key → table), {@code fetch_size}, {@code
 * connect_timeout_seconds} (PostgreSQL/MariaDB: wait for the server's answer, default 10), {@code
 * system_history_table}, {@code feature_history_table}, {@code layout} ({@code python}, the
 * default, or {@code seed}). Unknown keys are an error naming them.
 */
public abstract class JooqStoreProvider implements MetadataStoreProvider {
  private static final Set<String> KEYS =
      Set.of(
          "url",
          "path",
          "user",
          "password",
          "schema",
          "table_prefix",
          "table_names",
          "fetch_size",
          "connect_timeout_seconds",
          "system_history_table",
          "feature_history_table",
          "layout");

  private final JooqDialect dialect;

  protected JooqStoreProvider(JooqDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public String type() {
    return dialect.type();
  }

  @Override
  public java.util.Optional<Set<String>> configKeys() {
    return java.util.Optional.of(KEYS);
  }

  @Override
  public MetadataStore create(StoreSettings settings, Map<String, Object> config) {
    Map<String, Object> cfg = config == null ? Map.of() : config;
    Set<String> unknown = new TreeSet<>(cfg.keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "Unknown config key(s) "
              + unknown
              + " for a "
              + type()
              + " store: the known keys are "
              + new TreeSet<>(KEYS)
              + ".");
    }
    JooqStoreConfig.Builder b = JooqStoreConfig.builder(dialect);
    String url = str(cfg, "url");
    String path = str(cfg, "path");
    if (url != null && path != null) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "A " + type() + " store takes either config key url or path, not both.");
    }
    if (url == null) {
      url =
          switch (dialect) {
            case DUCKDB -> "jdbc:duckdb:" + (path == null ? "" : Path.of(path).toAbsolutePath());
            case H2 -> path == null ? null : "jdbc:h2:file:" + Path.of(path).toAbsolutePath();
            default -> null;
          };
    } else if (path != null) {
      throw new IllegalStateException();
    }
    if (url == null) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "A "
              + type()
              + " store needs config key url (a JDBC URL"
              + (dialect == JooqDialect.H2 ? ") or path (a database file)." : ").")
              + "");
    }
    b.url(url);
    JooqStoreConfigMapper.INSTANCE.apply(withoutNulls(cfg), b);
    if (cfg.get("table_names") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> b.tableName(FeatureKey.of(k.toString()), v.toString()));
    } else if (cfg.get("table_names") != null) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "Config key table_names of a "
              + type()
              + " store must be a table of feature key = table name.");
    }
    if (cfg.get("layout") != null) {
      b.layout(StoreLayout.fromConfig(cfg.get("layout")));
    }
    if (cfg.get("connect_timeout_seconds") != null) {
      Object v = cfg.get("connect_timeout_seconds");
      int seconds;
      try {
        seconds = Integer.parseInt(v.toString().trim());
      } catch (NumberFormatException e) {
        seconds = 0;
      }
      if (seconds < 1) {
        throw new MetaxyException(
            ErrorCode.INVALID_CONFIG,
            "Config key connect_timeout_seconds of a "
                + type()
                + " store must be a whole number of seconds, at least 1; got "
                + v
                + ".");
      }
      b.connectTimeoutSeconds(seconds);
    }
    return new JooqMetadataStore(settings, b.build());
  }

  /** The configuration without keys set to null (a null leaves the builder's default). */
  private static Map<String, Object> withoutNulls(Map<String, Object> cfg) {
    Map<String, Object> out = new HashMap<>();
    cfg.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static String str(Map<String, Object> cfg, String key) {
    Object v = cfg.get(key);
    return v == null ? null : v.toString();
  }

  /** Store type {@code duckdb}: the project's default embedded store. */
  public static final class DuckDb extends JooqStoreProvider {
    public DuckDb() {
      super(JooqDialect.DUCKDB);
    }
  }

  /** Store type {@code postgres}. */
  public static final class Postgres extends JooqStoreProvider {
    public Postgres() {
      super(JooqDialect.POSTGRES);
    }
  }

  /** Store type {@code h2}. */
  public static final class H2 extends JooqStoreProvider {
    public H2() {
      super(JooqDialect.H2);
    }
  }

  /** Store type {@code mariadb}. */
  public static final class MariaDb extends JooqStoreProvider {
    public MariaDb() {
      super(JooqDialect.MARIADB);
    }
  }
}
