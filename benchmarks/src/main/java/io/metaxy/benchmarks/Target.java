package io.metaxy.benchmarks;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.ports.spi.MetadataStoreProvider;
import io.metaxy.ports.spi.MetadataStoreProviders;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A store under test: created through its {@link MetadataStoreProvider} (found on the class path by
 * type) with a configuration pointing at a benchmark {@link Location}. Used only through the ports
 * API.
 *
 * @param name label in the results, e.g. {@code jooq+duckdb}
 * @param db the database, or {@code null} for the stores without one (in-memory; Spark, whose Delta
 *     warehouse is a fresh directory per store, see {@link SparkWarehouses})
 * @param providerType the provider's {@link MetadataStoreProvider#type()}
 * @param config adapter configuration for a location ({@code null} location for in-memory)
 */
public record Target(
    String name, DbKind db, String providerType, Function<Location, Map<String, Object>> config) {

  /**
   * Every target the benchmark knows, available or not. The jOOQ stores run in their default
   * (python) layout, which {@link SqlAmplifier} copies as the store writes it.
   */
  public static List<Target> all() {
    return List.of(
        new Target("in-memory", null, "memory", loc -> Map.of()),
        new Target("jooq+duckdb", DbKind.DUCKDB, "duckdb", loc -> jooq(loc)),
        new Target("jooq+postgres", DbKind.POSTGRES, "postgres", loc -> jooq(loc)),
        new Target("jooq+h2", DbKind.H2, "h2", loc -> jooq(loc)),
        new Target("ebean+h2", DbKind.H2, "ebean", loc -> Map.of("url", loc.url())),
        new Target("ebean+postgres", DbKind.POSTGRES, "ebean", loc -> Map.of("url", loc.url())),
        new Target("jooq+mariadb", DbKind.MARIADB, "mariadb", loc -> jooq(loc)),
        new Target("ebean+mariadb", DbKind.MARIADB, "ebean", loc -> Map.of("url", loc.url())),
        new Target("spark", null, "spark", loc -> SparkWarehouses.next()));
  }

  public static Optional<Target> byName(String name) {
    return all().stream().filter(t -> t.name.equals(name)).findFirst();
  }

  private static Map<String, Object> jooq(Location loc) {
    return Map.of("url", loc.url());
  }

  /**
   * Whether {@link SqlAmplifier} may seed this store at large N: the jOOQ stores, and the Ebean
   * stores on PostgreSQL and MariaDB, whose default (python) layout is the same physical tables as
   * the jOOQ store's (docs/adr/ADR-0008). Not Ebean on H2 (unquoted, upper-cased table names).
   */
  public boolean sqlCopies() {
    return name.startsWith("jooq+")
        || (name.startsWith("ebean+") && (db == DbKind.POSTGRES || db == DbKind.MARIADB));
  }

  private Optional<MetadataStoreProvider> provider() {
    ClassLoader cl = Target.class.getClassLoader();
    return Optional.ofNullable(MetadataStoreProviders.all(cl).get(providerType));
  }

  /** Why this target cannot run here, or {@code null} when it can. */
  public String unavailable(Location.Environment env) {
    if (provider().isEmpty()) {
      return "no MetadataStoreProvider of type \"" + providerType + "\" on the class path";
    }
    return db == null ? null : env.unavailable(db);
  }

  /** An unopened store over {@code location}. */
  public MetadataStore create(FeatureGraph graph, Location location) {
    StoreSettings settings = StoreSettings.builder(graph).build();
    return provider().orElseThrow().create(settings, config.apply(location));
  }
}
