package io.metaxy.adapter.ebean;

import io.metaxy.adapter.ebean.internal.DiscoveredEntities;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.spi.MetadataStoreProvider;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides stores of type {@code ebean}. Config keys ({@code stores.<name>.config}): {@code url}
 * (required), {@code user} (as in the jOOQ stores; {@code username} is a deprecated alias), {@code
 * password}, {@code entity_packages} (list of packages scanned for {@link Feature} entities;
 * entities already discovered in this JVM, e.g. by {@code Metaxy.init()}, are used too), {@code
 * infer_table_names} (default true), {@code system_history_table}, {@code feature_history_table},
 * {@code default_database} (default true: the store's Ebean database becomes Ebean's default, so
 * {@code DB.find(...)} works; set it to false when the application has a default database of its
 * own), {@code layout} ({@code "python"}, the default: Python Metaxy's physical layout, shared with
 * Python; {@code "seed"}: the layout of stores created before, see {@link EbeanLayout}). Unless
 * {@code auto_create_tables} is configured, ebean stores are migrations-first: they do not create
 * tables.
 */
public final class EbeanMetadataStoreProvider implements MetadataStoreProvider {
  private static final Logger LOG = LoggerFactory.getLogger(EbeanMetadataStoreProvider.class);
  private static final Set<String> KEYS =
      Set.of(
          "url",
          "user",
          "username",
          "password",
          "entity_packages",
          "infer_table_names",
          "system_history_table",
          "feature_history_table",
          "default_database",
          EbeanLayout.KEY);

  @Override
  public String type() {
    return "ebean";
  }

  /** The keys of {@code stores.<name>.config}, checked when the configuration is loaded. */
  @Override
  public java.util.Optional<Set<String>> configKeys() {
    return java.util.Optional.of(KEYS);
  }

  /** Ebean stores are migrations-first: generate and apply migrations, or set the key. */
  @Override
  public boolean autoCreateTablesByDefault() {
    return false;
  }

  @Override
  public MetadataStore create(StoreSettings settings, Map<String, Object> config) {
    List<String> problems = new ArrayList<>();
    for (String k : new TreeSet<>(config.keySet())) {
      if (!KEYS.contains(k)) {
        problems.add("unknown key \"" + k + "\" (known: " + new TreeSet<>(KEYS) + ")");
      }
    }
    if (!(config.get("url") instanceof String)) {
      problems.add("\"url\" is required: a jdbc:h2:, jdbc:postgresql: or jdbc:mariadb: url");
    }
    if (config.containsKey("user") && config.containsKey("username")) {
      problems.add("\"user\" and \"username\" both set: keep \"user\"");
    }
    if (!problems.isEmpty()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG, "Invalid ebean store config: " + String.join("; ", problems));
    }
    EbeanStoreConfig.Builder b = EbeanStoreConfig.builder();
    Map<String, Object> present = new HashMap<>();
    config.forEach(
        (k, v) -> {
          if (v != null) { // a null leaves the builder's default
            present.put(k, v);
          }
        });
    EbeanStoreConfigMapper.INSTANCE.apply(present, b);
    b.username(user(config));
    b.layout(EbeanLayout.fromConfig(config.get(EbeanLayout.KEY)));
    b.defaultDatabase(
        config.get("default_database") == null
            || Boolean.parseBoolean(config.get("default_database").toString()));
    Object pk = config.get("entity_packages");
    if (pk != null) {
      List<String> packages =
          pk instanceof List<?> l
              ? l.stream().map(Object::toString).toList()
              : List.of(pk.toString());
      EbeanFeatureScanner scanner = new EbeanFeatureScanner();
      for (String p : packages) {
        scanner.scan(p, Thread.currentThread().getContextClassLoader());
      }
    }
    // Entity classes discovered in this JVM (by Metaxy.init() or entity_packages) back their
    // features; the graph's spec is authoritative.
    for (FeatureSpec spec : settings.graph().features()) {
      DiscoveredEntities.find(spec.key())
          .ifPresent(c -> b.entities(List.of(EbeanFeatures.of(c, spec))));
    }
    return new EbeanMetadataStore(b.build(), settings);
  }

  private static String user(Map<String, Object> config) {
    if (config.containsKey("username")) {
      LOG.warn(
          "ebean store config key \"username\" is deprecated: use \"user\" (as the jOOQ stores"
              + " do)");
      return str(config.get("username"));
    }
    return str(config.get("user"));
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
