package io.metaxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metaxy.config.ConfigLoader;
import io.metaxy.config.Metaxy;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Inspection commands open a DuckDB file read-only: they read it while another process holds it
 * read-only too, refuse writes, and — since DuckDB lets no other process open a file that one
 * process has open for writing — fail with an error naming the file and the writer's PID.
 */
class DuckDbReadOnlyCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FeatureKey VIDEO = FeatureKey.of("example/video");

  @TempDir Path dir;

  private CliHarness.Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = MetaxyCli.commandLine(CliEnvironment.of(Map.of(), dir));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new CliHarness.Result(cl.execute(args), out.toString(), err.toString());
  }

  private MetaxyContext context(boolean readOnly) {
    return Metaxy.builder().loader(ConfigLoader.of(Map.of(), dir)).readOnly(readOnly).init();
  }

  /** Videos v1..v3 written, every other feature computed except crop of v3. */
  private void project() throws IOException {
    Files.writeString(
        dir.resolve("defs.json"), CliHarness.resource("/video-pipeline.definitions.json"));
    Files.writeString(
        dir.resolve("metaxy.toml"),
        """
        entrypoints = ["defs.json"]
        [stores.dev]
        type = "duckdb"
        config = { path = ".metaxy/dev.duckdb" }
        """);
    try (MetaxyContext mx = context(false)) {
      MetadataStore store = mx.defaultStore();
      List<Row> rows = new ArrayList<>();
      for (String id : List.of("v1", "v2", "v3")) {
        rows.add(
            Row.of(
                "video_id",
                id,
                SystemColumns.PROVENANCE_BY_FIELD,
                Map.of("audio", "a-" + id, "frames", "f-" + id)));
      }
      store.write(VIDEO, rows);
      for (FeatureKey f : mx.graph().topologicalOrder()) {
        if (!mx.graph().get(f).isRoot()) {
          Increment.Materialized inc = store.resolveUpdate(f).collect();
          List<Row> todo =
              inc.toCompute().stream()
                  .filter(
                      r -> !(f.toString().equals("example/crop") && "v3".equals(r.get("video_id"))))
                  .toList();
          if (!todo.isEmpty()) {
            store.write(f, todo);
          }
        }
      }
    }
  }

  private Process hold(String mode) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            HoldStoreOpen.class.getName(),
            dir.toString(),
            mode)
        .redirectErrorStream(true)
        .start();
  }

  private static String awaitHolding(Process p) throws IOException {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (line.startsWith("HOLDING ")) {
        return line;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("child exited without holding the store:\n" + seen);
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroyForcibly();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  private static long newOf(JsonNode status, String feature) {
    for (JsonNode f : status.get("features")) {
      if (f.get("feature").asText().equals(feature)) {
        return f.get("new").asLong();
      }
    }
    throw new AssertionError(feature + " missing in " + status);
  }

  @Test
  void statusReadsWhileAnotherProcessInspectsTheFile() throws Exception {
    project();
    Process reader = hold("read");
    try {
      awaitHolding(reader);
      CliHarness.Result status = run("metadata", "status", "--format", "json");
      assertThat(status.exitCode()).as(status.toString()).isZero();
      JsonNode doc = JSON.readTree(status.out());
      assertThat(newOf(doc, "example/crop")).isEqualTo(1);
      assertThat(newOf(doc, "example/face_detection")).isZero();
      assertThat(doc.get("in_sync").asBoolean()).isFalse();
      CliHarness.Result list = run("list", "features");
      assertThat(list.exitCode()).as(list.toString()).isZero();
    } finally {
      stop(reader);
    }
  }

  @Test
  void aFileOpenForWritingElsewhereIsNamedWithItsWriter() throws Exception {
    project();
    Process writer = hold("write");
    try {
      String pid = awaitHolding(writer).substring("HOLDING ".length());
      long start = System.nanoTime();
      CliHarness.Result status = run("metadata", "status");
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("read-only open refused after " + millis + " ms");
      assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCodes.STORE_ERROR);
      assertThat(status.err())
          .contains(dir.resolve(".metaxy/dev.duckdb").toString())
          .contains("PID " + pid)
          .contains("after the writer has finished");
    } finally {
      stop(writer);
    }
    CliHarness.Result after = run("metadata", "status", "--format", "json");
    assertThat(after.exitCode()).as(after.toString()).isZero();
    assertThat(newOf(JSON.readTree(after.out()), "example/crop")).isEqualTo(1);
  }

  @Test
  void aReadOnlyStoreRefusesWrites() throws Exception {
    project();
    try (MetaxyContext mx = context(true)) {
      MetadataStore store = mx.defaultStore();
      assertThat(store.hasFeature(VIDEO)).isTrue();
      Row row =
          Row.of(
              "video_id",
              "v9",
              SystemColumns.PROVENANCE_BY_FIELD,
              Map.of("audio", "a", "frames", "f"));
      assertThatThrownBy(() -> store.write(VIDEO, List.of(row)))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("write example/video")
          .hasMessageContaining("read-only");
      assertThatThrownBy(store::push).hasMessageContaining("read-only");
      assertThatThrownBy(() -> store.withGraph(mx.graph()).write(VIDEO, List.of(row)))
          .hasMessageContaining("read-only");
    }
    try (MetaxyContext mx = context(false)) {
      assertThat(mx.defaultStore().read(VIDEO).count()).isEqualTo(3);
    }
  }

  @Test
  void aStoreNotYetCreatedReadsAsEmptyAndIsNotCreated() throws Exception {
    Files.writeString(
        dir.resolve("defs.json"), CliHarness.resource("/video-pipeline.definitions.json"));
    Files.writeString(
        dir.resolve("metaxy.toml"),
        """
        entrypoints = ["defs.json"]
        [stores.dev]
        type = "duckdb"
        config = { path = ".metaxy/dev.duckdb" }
        """);
    CliHarness.Result history = run("history");
    assertThat(history.exitCode()).as(history.toString()).isZero();
    assertThat(history.out()).contains("No snapshots recorded");
    CliHarness.Result status = run("metadata", "status", "--assert-in-sync");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(dir.resolve(".metaxy/dev.duckdb")).as("inspection creates no file").doesNotExist();
  }
}
