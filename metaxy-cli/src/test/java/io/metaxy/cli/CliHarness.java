package io.metaxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metaxy.adapter.inmemory.InMemoryMetadataStore;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.json.DefinitionsCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;

/** A project folder with metaxy.toml and the video definitions, and a way to run the CLI in it. */
final class CliHarness {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Outcome of one invocation. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  final Path dir;
  final String storeId = UUID.randomUUID().toString();

  CliHarness(Path dir) throws IOException {
    this.dir = dir;
    Files.writeString(dir.resolve("defs.json"), resource("/video-pipeline.definitions.json"));
    Files.writeString(
        dir.resolve("metaxy.toml"),
        """
        project = "cli-test"
        entrypoints = ["defs.json"]
        [stores.dev]
        type = "shared-memory"
        config = { id = "%s" }
        """
            .formatted(storeId));
  }

  static String resource(String name) throws IOException {
    try (InputStream in = CliHarness.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = MetaxyCli.commandLine(CliEnvironment.of(Map.of(), dir));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** The definitions currently in defs.json. */
  FeatureGraph graph() throws IOException {
    return DefinitionsCodec.readGraph(Files.readString(dir.resolve("defs.json")));
  }

  /** Replaces a code version in defs.json (first occurrence after the feature's key). */
  void setCodeVersion(String feature, String field, String version) throws IOException {
    String json = Files.readString(dir.resolve("defs.json"));
    int at = json.indexOf("\"key\": \"" + feature + "\"");
    int f = json.indexOf("{\"key\": \"" + field + "\", \"code_version\": \"", at);
    int start = f + ("{\"key\": \"" + field + "\", \"code_version\": \"").length();
    int end = json.indexOf('"', start);
    Files.writeString(
        dir.resolve("defs.json"), json.substring(0, start) + version + json.substring(end));
  }

  /** The shared store under the current definitions (open). */
  InMemoryMetadataStore store() throws IOException {
    InMemoryMetadataStore base = SharedMemoryProvider.STORES.get(storeId);
    if (base == null) {
      run("history"); // creates it
      base = SharedMemoryProvider.STORES.get(storeId);
    }
    InMemoryMetadataStore s = base.withGraph(graph());
    s.open();
    return s;
  }

  /** Writes root samples {@code ids} of {@code video} with provenance derived from each id. */
  void writeVideos(FeatureKey video, String... ids) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String id : ids) {
      rows.add(
          Row.of(
              "video_id",
              id,
              SystemColumns.PROVENANCE_BY_FIELD,
              Map.of("audio", "a-" + id, "frames", "f-" + id)));
    }
    store().write(video, rows);
  }

  /** The JSON a successful command printed (fails on a non-zero exit code). */
  static JsonNode json(Result r) throws IOException {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return JSON.readTree(r.out());
  }
}
