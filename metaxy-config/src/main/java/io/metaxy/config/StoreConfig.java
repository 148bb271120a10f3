package io.metaxy.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code [stores.<name>]} table of {@code metaxy.toml}.
 *
 * @param name the store name
 * @param type the provider type ({@code memory}, {@code duckdb}, {@code postgres}, ...)
 * @param config the adapter-specific {@code config} table, with {@code ${VAR}} expanded; {@code
 *     table_prefix} is taken out of it into {@link #tablePrefix()}
 * @param tablePrefix prefix of every feature table name ({@code ""} for none)
 * @param fallbackStores names of stores read when a feature is absent here, in order
 */
public record StoreConfig(
    String name,
    String type,
    Map<String, Object> config,
    String tablePrefix,
    List<String> fallbackStores) {
  public StoreConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    tablePrefix = tablePrefix == null ? "" : tablePrefix;
    fallbackStores = List.copyOf(fallbackStores);
  }
}
