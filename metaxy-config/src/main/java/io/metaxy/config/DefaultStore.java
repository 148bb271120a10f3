package io.metaxy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The store used when {@code metaxy.toml} defines none: an embedded DuckDB database {@code
 * .metaxy/metaxy.duckdb} in the configuration's base directory (the working directory when there is
 * no file). It needs {@code io.metaxy:metaxy-adapter-jooq} and the DuckDB driver {@code
 * org.duckdb:duckdb_jdbc} on the class path; without either the store's creation fails naming it.
 */
public final class DefaultStore {
  /** Provider type of the default embedded store. */
  public static final String TYPE = "duckdb";

  /** Folder (relative to the base directory) that holds the default store's files. */
  public static final String DIRECTORY = ".metaxy";

  /** The database file inside {@link #DIRECTORY}. */
  public static final String FILE = "metaxy.duckdb";

  private DefaultStore() {}

  /** The default store's configuration, named {@code name}, rooted at {@code baseDir}. */
  public static StoreConfig config(String name, Path baseDir) {
    Path file = baseDir.resolve(DIRECTORY).resolve(FILE).toAbsolutePath().normalize();
    return new StoreConfig(name, TYPE, Map.of("path", file.toString()), "", List.of());
  }
}
