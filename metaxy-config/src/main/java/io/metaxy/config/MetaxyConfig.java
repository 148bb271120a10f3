package io.metaxy.config;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.ports.naming.SystemTableNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated contents of {@code metaxy.toml} after {@code ${VAR}} expansion and {@code METAXY_*}
 * overrides. Immutable; {@link ConfigLoader} builds it from files, {@link #builder()} from code.
 *
 * <p>Defaults (no file): project {@code default}, no entry points, one store {@code dev} ({@link
 * DefaultStore}: DuckDB in {@code .metaxy/}), {@code md5}, truncation 8, tables created
 * automatically, default system table names.
 */
public final class MetaxyConfig {
  /** The name of the store defined when the configuration defines none. */
  public static final String DEFAULT_STORE_NAME = "dev";

  private final String project;
  private final List<String> entrypoints;
  private final String defaultStore;
  private final Map<String, StoreConfig> stores;
  private final HashAlgorithm hashAlgorithm;
  private final Truncation truncation;
  private final Boolean autoCreateTables;
  private final SystemTableNames systemTableNames;
  private final EbeanExtConfig ebean;
  private final Path source;
  private final Path baseDir;

  private MetaxyConfig(Builder b) {
    this.project = b.project;
    this.entrypoints = List.copyOf(b.entrypoints);
    this.stores = Collections.unmodifiableMap(new LinkedHashMap<>(b.stores));
    this.defaultStore = b.defaultStore;
    this.hashAlgorithm = b.hashAlgorithm;
    this.truncation = b.truncation;
    this.autoCreateTables = b.autoCreateTables;
    this.systemTableNames = b.systemTableNames;
    this.ebean = b.ebean;
    this.source = b.source;
    this.baseDir = b.baseDir.toAbsolutePath().normalize();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.project = project;
    b.entrypoints.addAll(entrypoints);
    b.defaultStore = defaultStore;
    b.stores.putAll(stores);
    b.hashAlgorithm = hashAlgorithm;
    b.truncation = truncation;
    b.autoCreateTables = autoCreateTables;
    b.systemTableNames = systemTableNames;
    b.ebean = ebean;
    b.source = source;
    b.baseDir = baseDir;
    return b;
  }

  /** {@code project}: the project name recorded with snapshots and migration events. */
  public String project() {
    return project;
  }

  /** {@code entrypoints}: Java packages to scan and JSON definitions files, in order. */
  public List<String> entrypoints() {
    return entrypoints;
  }

  /** {@code store}: the name of the default store. */
  public String defaultStore() {
    return defaultStore;
  }

  /** {@code stores}: every store by name, in file order. */
  public Map<String, StoreConfig> stores() {
    return stores;
  }

  /** The store named {@code name}; the error lists the names that exist. */
  public StoreConfig store(String name) {
    StoreConfig s = stores.get(name);
    if (s == null) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "No store named \""
              + name
              + "\" in the configuration: define [stores."
              + name
              + "] in metaxy.toml or use one of "
              + stores.keySet()
              + ".");
    }
    return s;
  }

  public HashAlgorithm hashAlgorithm() {
    return hashAlgorithm;
  }

  /** {@code hash_truncation_length}. */
  public Truncation truncation() {
    return truncation;
  }

  /**
   * {@code auto_create_tables}: the configured value, or {@code true} when unset. When unset, each
   * store takes its provider's default instead ({@link #autoCreateTablesSetting()}): {@code true}
   * for the jOOQ stores (the embedded quickstart runs in one command), {@code false} for {@code
   * ebean} (migrations first: generate and apply them, see docs/ebean-adapter.md).
   */
  public boolean autoCreateTables() {
    return autoCreateTables == null || autoCreateTables;
  }

  /** {@code auto_create_tables} as configured, empty when unset (the store kind decides). */
  public java.util.Optional<Boolean> autoCreateTablesSetting() {
    return java.util.Optional.ofNullable(autoCreateTables);
  }

  /** {@code system_tables.feature_versions} and {@code system_tables.migration_events}. */
  public SystemTableNames systemTableNames() {
    return systemTableNames;
  }

  /** {@code ext.ebean}. */
  public EbeanExtConfig ebean() {
    return ebean;
  }

  /** The file this configuration was read from, if any. */
  public Optional<Path> source() {
    return Optional.ofNullable(source);
  }

  /** The directory relative paths are resolved against: the file's folder or the working dir. */
  public Path baseDir() {
    return baseDir;
  }

  @Override
  public String toString() {
    return "MetaxyConfig{project="
        + project
        + ", entrypoints="
        + entrypoints
        + ", store="
        + defaultStore
        + ", stores="
        + stores.keySet()
        + ", source="
        + source
        + "}";
  }

  /** Builds a {@link MetaxyConfig} in code; {@link #build()} applies the documented defaults. */
  public static final class Builder {
    private String project = "default";
    private final List<String> entrypoints = new ArrayList<>();
    private String defaultStore = DEFAULT_STORE_NAME;
    private final Map<String, StoreConfig> stores = new LinkedHashMap<>();
    private HashAlgorithm hashAlgorithm = HashAlgorithm.MD5;
    private Truncation truncation = Truncation.DEFAULT;
    private Boolean autoCreateTables;
    private SystemTableNames systemTableNames = SystemTableNames.defaults();
    private EbeanExtConfig ebean = EbeanExtConfig.defaults();
    private Path source;
    private Path baseDir = Path.of("");

    private Builder() {}

    public Builder project(String v) {
      this.project = Objects.requireNonNull(v);
      return this;
    }

    public Builder entrypoint(String v) {
      this.entrypoints.add(Objects.requireNonNull(v));
      return this;
    }

    public Builder entrypoints(List<String> v) {
      this.entrypoints.clear();
      this.entrypoints.addAll(v);
      return this;
    }

    public Builder defaultStore(String v) {
      this.defaultStore = Objects.requireNonNull(v);
      return this;
    }

    public Builder store(StoreConfig v) {
      this.stores.put(v.name(), v);
      return this;
    }

    public Builder hashAlgorithm(HashAlgorithm v) {
      this.hashAlgorithm = Objects.requireNonNull(v);
      return this;
    }

    public Builder truncation(Truncation v) {
      this.truncation = Objects.requireNonNull(v);
      return this;
    }

    public Builder autoCreateTables(boolean v) {
      this.autoCreateTables = v;
      return this;
    }

    public Builder systemTableNames(SystemTableNames v) {
      this.systemTableNames = Objects.requireNonNull(v);
      return this;
    }

    public Builder ebean(EbeanExtConfig v) {
      this.ebean = Objects.requireNonNull(v);
      return this;
    }

    public Builder source(Path v) {
      this.source = v;
      return this;
    }

    public Builder baseDir(Path v) {
      this.baseDir = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Builds the configuration. With no stores, defines the default embedded store ({@link
     * DefaultStore}) under {@link #DEFAULT_STORE_NAME}.
     */
    public MetaxyConfig build() {
      if (stores.isEmpty()) {
        StoreConfig dflt = DefaultStore.config(defaultStore, baseDir.toAbsolutePath());
        stores.put(dflt.name(), dflt);
      }
      if (!stores.containsKey(defaultStore)) {
        throw new ConfigException(
            List.of(
                "store: the default store \""
                    + defaultStore
                    + "\" is not defined; define [stores."
                    + defaultStore
                    + "] or set store to one of "
                    + stores.keySet()));
      }
      return new MetaxyConfig(this);
    }
  }
}
