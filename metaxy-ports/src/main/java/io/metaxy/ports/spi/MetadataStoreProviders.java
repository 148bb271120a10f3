package io.metaxy.ports.spi;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds {@link MetadataStoreProvider}s on the class path by type. */
public final class MetadataStoreProviders {
  /** Which artifact provides each built-in store type. */
  private static final Map<String, String> ARTIFACTS =
      Map.of(
          "memory", "io.metaxy:metaxy-adapter-inmemory",
          "duckdb", "io.metaxy:metaxy-adapter-jooq",
          "postgres", "io.metaxy:metaxy-adapter-jooq",
          "h2", "io.metaxy:metaxy-adapter-jooq",
          "mariadb", "io.metaxy:metaxy-adapter-jooq",
          "ebean", "io.metaxy:metaxy-adapter-ebean",
          "spark", "io.metaxy:metaxy-adapter-spark");

  private MetadataStoreProviders() {}

  /** Every provider visible to {@code loader}, by type. */
  public static Map<String, MetadataStoreProvider> all(ClassLoader loader) {
    Map<String, MetadataStoreProvider> out = new TreeMap<>();
    for (MetadataStoreProvider p : ServiceLoader.load(MetadataStoreProvider.class, loader)) {
      out.putIfAbsent(p.type(), p);
    }
    return out;
  }

  /** The provider of {@code type}; the error names the artifact to add when none is found. */
  public static MetadataStoreProvider find(String type) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    Map<String, MetadataStoreProvider> all =
        all(cl == null ? MetadataStoreProviders.class.getClassLoader() : cl);
    MetadataStoreProvider p = all.get(type);
    if (p != null) {
      return p;
    }
    String artifact = ARTIFACTS.get(type);
    throw new MetaxyException(
        ErrorCode.PROVIDER_NOT_FOUND,
        "No metadata store provider for type \""
            + type
            + "\". "
            + (artifact != null
                ? "Add the dependency " + artifact + " to your build."
                : "Known types on the class path: "
                    + all.keySet()
                    + "; built-in types: "
                    + new TreeMap<>(ARTIFACTS).keySet()
                    + "."));
  }
}
