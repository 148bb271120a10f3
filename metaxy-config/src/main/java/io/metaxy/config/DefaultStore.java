package io.metaxy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The store used when {@code metaxy.toml} defines none: the embedded store under {@code .metaxy/}
 * in the configuration's base directory (the working directory when there is no file).
 */
public final class DefaultStore {
  /** Provider type of the default embedded store. */
  public static final String TYPE = "memory";

  /** Folder (relative to the base directory) that holds the default store's files. */
  public static final String DIRECTORY = ".metaxy";

  private DefaultStore() {}

  /** The default store's configuration, named {@code name}, rooted at {@code baseDir}. */
  public static StoreConfig config(String name, Path baseDir) {
    return new StoreConfig(name, TYPE, Map.of(), "", List.of());
  }
}
