package io.metaxy.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.metaxy.cli.CliEnvironment;
import io.metaxy.cli.MetaxyCli;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.Truncation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The Java CLI on a DuckDB file and a PostgreSQL database Python Metaxy 0.1.11 wrote (video
 * pipeline, md5, graph pushed), with a {@code metaxy.toml} whose only store line names the file or
 * the database: {@code metadata status} finds every feature in sync and {@code history} lists
 * Python's push under the snapshot version of the graph.
 */
class CliOnPythonStoreInteropTest {
  private static final String PG_JDBC = "jdbc:postgresql://127.0.0.1:5432/";
  private static PythonMetaxy python;
  @TempDir Path dir;

  @BeforeAll
  static void venv() {
    python = PythonMetaxy.require();
  }

  private record Result(int exitCode, String out, String err) {}

  private Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = MetaxyCli.commandLine(CliEnvironment.of(Map.of(), dir));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Result(cl.execute(args), out.toString(), err.toString());
  }

  private final List<String> databases = new ArrayList<>();

  @AfterEach
  void dropDatabases() throws SQLException {
    for (String db : databases) {
      try (Connection c = DriverManager.getConnection(PG_JDBC + "test", "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS \"" + db + "\" WITH (FORCE)");
      }
    }
  }

  /** A fresh PostgreSQL database (skipped without the server, failed under CI=true). */
  private String freshDatabase() {
    String db = "metaxy_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection c = DriverManager.getConnection(PG_JDBC + "test", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + db + "\"");
    } catch (SQLException e) {
      String msg = "PostgreSQL is not reachable at 127.0.0.1:5432 (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + ": it is mandatory when CI=true.");
      }
      assumeTrue(false, msg + ": skipping.");
    }
    databases.add(db);
    return db;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"duckdb", "postgres"})
  @SuppressWarnings("unchecked")
  void statusAndHistoryReadAStorePythonWrote(String kind) throws IOException {
    Map<String, Object> scenario;
    try (InputStream in = getClass().getResourceAsStream("/scenarios/video.json")) {
      scenario = PythonMetaxy.JSON.readValue(in, Map.class);
    }
    Map<String, Object> first =
        new LinkedHashMap<>(((List<Map<String, Object>>) scenario.get("steps")).get(0));
    first.put("push", true);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("case", "video");
    request.put("hash", "md5");
    request.put("truncation", 8);
    request.put("steps", List.of(first));
    String storeLine;
    if (kind.equals("duckdb")) {
      request.put("store", "duckdb");
      request.put("path", dir.resolve("shared.duckdb").toString());
      storeLine = "stores.dev = { type = \"duckdb\", config = { path = \"shared.duckdb\" } }";
    } else {
      String db = freshDatabase();
      request.put("store", "postgres");
      request.put("url", "postgresql://postgres@127.0.0.1:5432/" + db);
      storeLine =
          "stores.dev = { type = \"postgres\", config = { url = \""
              + PG_JDBC
              + db
              + "\", user = \"postgres\" } }";
    }
    python.run("shared_store.py", request);

    // the definitions Python has, as a definitions file
    Map<String, Object> dump =
        python.run("dump_versions.py", Map.of("case", "video", "truncation", 8));
    List<Object> specs = new ArrayList<>();
    Map<String, Object> schemas = new LinkedHashMap<>();
    ((Map<String, Map<String, Object>>) dump.get("features"))
        .forEach(
            (k, f) -> {
              specs.add(f.get("spec"));
              schemas.put(k, f.get("schema"));
            });
    Files.writeString(
        dir.resolve("defs.json"),
        PythonMetaxy.JSON.writeValueAsString(
            Map.of("features", specs, "feature_schemas", schemas)));
    Files.writeString(
        dir.resolve("metaxy.toml"),
        """
        project = "interop"
        entrypoints = ["defs.json"]
        """
            + storeLine
            + "\n");

    Result status = cli("metadata", "status", "--assert-in-sync", "--format", "json");
    assertThat(status.exitCode()).as("%s", status).isZero();
    JsonNode s = PythonMetaxy.JSON.readTree(status.out());
    assertThat(s.get("in_sync").asBoolean()).isTrue();
    int checked = 0;
    for (JsonNode f : s.get("features")) {
      if (!f.get("root").asBoolean()) {
        assertThat(f.get("new").asLong()).as("%s", f).isZero();
        assertThat(f.get("stale").asLong()).as("%s", f).isZero();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(4);

    Result history = cli("history", "--format", "json");
    assertThat(history.exitCode()).as("%s", history).isZero();
    JsonNode h = PythonMetaxy.JSON.readTree(history.out());
    FeatureGraph graph = JavaScenario.graphOf(dump);
    assertThat(h).hasSize(1);
    assertThat(h.get(0).get("snapshot_version").asText())
        .as("derived from the rows Python pushed")
        .isEqualTo(graph.versions(Truncation.of(8)).snapshotVersion());
    assertThat(h.get(0).get("features").asInt()).isEqualTo(graph.size());
    assertThat(h.get(0).get("current").asBoolean()).isTrue();
  }
}
