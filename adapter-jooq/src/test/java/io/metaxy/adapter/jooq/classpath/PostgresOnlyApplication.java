package io.metaxy.adapter.jooq.classpath;

import io.metaxy.adapter.jooq.JooqStoreProvider;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL-only application, run in a child JVM by {@link PostgresOnlyClassPathTest} with a
 * class path that holds the jOOQ adapter and the PostgreSQL driver but no other database artifact.
 * Prints one {@code key=value} line per finding; the test asserts them.
 */
public final class PostgresOnlyApplication {
  private PostgresOnlyApplication() {}

  /** Arguments: JDBC url, user, schema. */
  public static void main(String[] args) {
    print("duckdb_driver_present", present("org.duckdb.DuckDBDriver"));
    FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder("app/video").idColumns("video_id").field("frames", "1").build());
    StoreSettings settings = StoreSettings.builder(graph).build();
    Map<String, Object> config = Map.of("url", args[0], "user", args[1], "schema", args[2]);
    List<Row> samples =
        List.of(
            Row.of("video_id", "v1", SystemColumns.PROVENANCE_BY_FIELD, Map.of("frames", "a")),
            Row.of("video_id", "v2", SystemColumns.PROVENANCE_BY_FIELD, Map.of("frames", "b")));
    try (MetadataStore store = new JooqStoreProvider.Postgres().create(settings, config).open()) {
      Increment.Materialized first =
          store
              .resolveUpdate(graph.get("app/video").key(), ResolveOptions.withSamples(samples))
              .collect();
      print("first_new", first.newRows().size());
      store.write(graph.get("app/video").key(), first.toCompute());
      Increment.Materialized second =
          store
              .resolveUpdate(graph.get("app/video").key(), ResolveOptions.withSamples(samples))
              .collect();
      print("second_new", second.newRows().size());
      print("second_stale", second.staleRows().size());
    }
    try {
      new JooqStoreProvider.DuckDb().create(settings, Map.of()).open().close();
      print("duckdb_error", "none");
    } catch (MetaxyException e) {
      print("duckdb_error", e.getMessage());
    }
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, PostgresOnlyApplication.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @SuppressWarnings("SystemOut")
  private static void print(String key, Object value) {
    System.out.println(key + "=" + value);
  }
}
