package io.metaxy.cli;

/** {@link OperationsEndToEndCliTest} on DuckDB files. */
class DuckDbOperationsCliTest extends OperationsEndToEndCliTest {
  @Override
  String storesToml() {
    return """
        [stores.dev]
        type = "duckdb"
        config = { path = ".metaxy/dev.duckdb" }
        [stores.copy]
        type = "duckdb"
        config = { path = ".metaxy/copy.duckdb" }
        """;
  }
}
