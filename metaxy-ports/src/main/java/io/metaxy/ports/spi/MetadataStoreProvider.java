package io.metaxy.ports.spi;

import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.util.Map;

/**
 * Creates stores of one type named in configuration ({@code stores.<name>.type}). Adapters list
 * their providers in {@code META-INF/services/io.metaxy.ports.spi.MetadataStoreProvider}; stores
 * remain plain classes that can also be constructed directly.
 */
public interface MetadataStoreProvider {
  /** The type name, e.g. {@code duckdb}, {@code postgres}, {@code memory}. */
  String type();

  /**
   * Creates an unopened store. {@code config} is the adapter-specific table ({@code
   * stores.<name>.config}); an unknown or bad key is an error naming it.
   */
  MetadataStore create(StoreSettings settings, Map<String, Object> config);

  /**
   * The keys {@code stores.<name>.config} may hold, when the provider declares them: configuration
   * loading then reports a misspelled key together with every other problem of the file, before any
   * store is created. Empty (the default): not declared, checked only by {@link #create}.
   */
  default java.util.Optional<java.util.Set<String>> configKeys() {
    return java.util.Optional.empty();
  }

  /**
   * Whether stores of this type create missing tables when {@code auto_create_tables} is not
   * configured. {@code true} unless the store kind is meant to be run migrations-first.
   */
  default boolean autoCreateTablesByDefault() {
    return true;
  }
}
