package io.metaxy.config;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.ports.discovery.DiscoveredFeature;
import io.metaxy.ports.naming.TableNamingConvention;
import io.metaxy.ports.spi.MetadataStoreProvider;
import io.metaxy.ports.spi.MetadataStoreProviders;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOnlyStore;
import io.metaxy.ports.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link Metaxy#init()} returns: the configuration, the discovered features and their graph,
 * and the configured stores. Stores are created through their provider on first use, opened, and
 * closed with this context.
 */
public final class MetaxyContext implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetaxyContext.class);

  private final MetaxyConfig config;
  private final FeatureGraph graph;
  private final List<DiscoveredFeature> features;
  private final ClassLoader classLoader;
  private final Clock clock;
  private final boolean readOnly;
  private final Map<String, MetadataStore> stores = new LinkedHashMap<>();

  MetaxyContext(
      MetaxyConfig config,
      FeatureGraph graph,
      List<DiscoveredFeature> features,
      ClassLoader classLoader,
      Clock clock,
      boolean readOnly) {
    this.readOnly = readOnly;
    this.config = config;
    this.graph = graph;
    this.features = List.copyOf(features);
    this.classLoader = classLoader;
    this.clock = clock;
  }

  public MetaxyConfig config() {
    return config;
  }

  /** The validated graph of every discovered feature. */
  public FeatureGraph graph() {
    return graph;
  }

  /** Discovered features in discovery order, with their declaring classes where they have one. */
  public List<DiscoveredFeature> features() {
    return features;
  }

  /** The class declaring {@code feature}, if it was discovered from a class. */
  public Optional<Class<?>> featureClass(FeatureKey feature) {
    graph.get(feature);
    return features.stream()
        .filter(f -> f.spec().key().equals(feature))
        .findFirst()
        .map(DiscoveredFeature::declaringClass);
  }

  /** The default store ({@code store} in {@code metaxy.toml}), opened. */
  public synchronized MetadataStore defaultStore() {
    return store(config.defaultStore());
  }

  /**
   * The store named {@code name}, created through the provider of its type on first use and opened;
   * its fallback stores are created first. A missing provider is an error naming the artifact to
   * add.
   */
  public synchronized MetadataStore store(String name) {
    return store(name, new ArrayList<>());
  }

  private MetadataStore store(String name, List<String> creating) {
    MetadataStore existing = stores.get(name);
    if (existing != null) {
      return existing;
    }
    StoreConfig sc = config.store(name);
    creating.add(name);
    StoreSettings.Builder settings = settingsBuilder(sc);
    for (String fb : sc.fallbackStores()) {
      if (!creating.contains(fb)) {
        settings.fallbackStore(store(fb, creating));
      }
    }
    MetadataStoreProvider provider = provider(sc.type());
    LOG.debug("Creating store {} of type {}", name, sc.type());
    MetadataStore store = provider.create(settings.build(), providerConfig(sc));
    if (readOnly) {
      store = ReadOnlyStore.of(store);
    }
    store.open();
    stores.put(name, store);
    return store;
  }

  /**
   * The adapter config handed to the provider: {@code stores.<name>.config}; for {@code ebean}
   * stores {@code ext.ebean.infer_table_names} fills in {@code infer_table_names} when unset. The
   * parent folder of a {@code path} (an embedded database file) is created.
   */
  private Map<String, Object> providerConfig(StoreConfig sc) {
    Map<String, Object> cfg = new LinkedHashMap<>(sc.config());
    if (sc.type().equals("ebean") && !cfg.containsKey("infer_table_names")) {
      cfg.put("infer_table_names", config.ebean().inferTableNames());
    }
    if (cfg.get("path") instanceof String p && !p.isBlank()) {
      Path file = config.baseDir().resolve(p).toAbsolutePath().normalize();
      cfg.put("path", file.toString());
      Path parent = file.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        try {
          Files.createDirectories(parent);
          LOG.info("Created {} for store {}", parent, sc.name());
        } catch (IOException e) {
          throw new ConfigException(
              List.of(
                  "stores."
                      + sc.name()
                      + ".config.path: cannot create folder "
                      + parent
                      + ": "
                      + e.getMessage()));
        }
      }
    }
    return cfg;
  }

  /** The settings a store named {@code name} is created with (no fallbacks). */
  public StoreSettings storeSettings(String name) {
    return settingsBuilder(config.store(name)).build();
  }

  private StoreSettings.Builder settingsBuilder(StoreConfig sc) {
    return StoreSettings.builder(graph)
        .project(config.project())
        .hashAlgorithm(config.hashAlgorithm())
        .truncation(config.truncation())
        .clock(clock)
        .tableNaming(
            sc.tablePrefix().isEmpty()
                ? TableNamingConvention.defaults()
                : TableNamingConvention.prefixed(sc.tablePrefix()))
        .systemTableNames(config.systemTableNames())
        .readOnly(readOnly)
        .autoCreateTables(
            !readOnly
                && config
                    .autoCreateTablesSetting()
                    .orElseGet(() -> provider(sc.type()).autoCreateTablesByDefault()));
  }

  private MetadataStoreProvider provider(String type) {
    MetadataStoreProvider p = MetadataStoreProviders.all(classLoader).get(type);
    return p != null ? p : MetadataStoreProviders.find(type);
  }

  /**
   * Whether stores are opened for inspection only ({@link Metaxy.Builder#readOnly}): read-only
   * connections where the database has them, no table creation, writes refused ({@link
   * ReadOnlyStore}).
   */
  public boolean readOnly() {
    return readOnly;
  }

  /** Names of the stores created so far. */
  public synchronized List<String> openStores() {
    return List.copyOf(stores.keySet());
  }

  /**
   * The default store as {@code type}, e.g. {@code defaultStore(EbeanMetadataStore.class)}: typed
   * access to an adapter's extras without a cast. A store of another type is an error naming both.
   */
  public <T extends MetadataStore> T defaultStore(Class<T> type) {
    return store(config.defaultStore(), type);
  }

  /** The store named {@code name} as {@code type} (see {@link #defaultStore(Class)}). */
  public <T extends MetadataStore> T store(String name, Class<T> type) {
    MetadataStore s = store(name);
    if (!type.isInstance(s)) {
      throw new ConfigException(
          List.of(
              "stores."
                  + name
                  + ": is a "
                  + s.getClass().getName()
                  + ", not a "
                  + type.getName()
                  + " (check stores."
                  + name
                  + ".type)"));
    }
    return type.cast(s);
  }

  /** Closes every store created by this context, dependents before their fallbacks. */
  @Override
  public synchronized void close() {
    List<String> names = new ArrayList<>(stores.keySet());
    Collections.reverse(names);
    RuntimeException first = null;
    for (String n : names) {
      try {
        stores.get(n).close();
      } catch (RuntimeException e) {
        LOG.warn("Closing store {} failed: {}", n, e.toString());
        first = first == null ? e : first;
      }
    }
    stores.clear();
    if (first != null) {
      throw first;
    }
  }
}
