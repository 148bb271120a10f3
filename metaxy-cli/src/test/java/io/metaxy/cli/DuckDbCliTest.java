package io.metaxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metaxy.config.ConfigLoader;
import io.metaxy.config.Metaxy;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.MetadataStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI on the default embedded store (DuckDB in .metaxy/), state kept across invocations. */
class DuckDbCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private CliHarness.Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = MetaxyCli.commandLine(CliEnvironment.of(Map.of(), dir));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new CliHarness.Result(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void defaultStorePersistsSnapshotsAndMetadataAcrossInvocations() throws IOException {
    Files.writeString(
        dir.resolve("defs.json"), CliHarness.resource("/video-pipeline.definitions.json"));
    Files.writeString(dir.resolve("metaxy.toml"), "entrypoints = [\"defs.json\"]\n");

    CliHarness.Result push = run("push", "--format", "json");
    assertThat(push.exitCode()).as(push.toString()).isZero();
    String v1 = JSON.readTree(push.out()).get("snapshot_version").asText();
    assertThat(dir.resolve(".metaxy/metaxy.duckdb")).exists();

    try (MetaxyContext mx = Metaxy.builder().loader(ConfigLoader.of(Map.of(), dir)).init()) {
      MetadataStore store = mx.defaultStore();
      store.write(
          FeatureKey.of("example/video"),
          List.of(
              Row.of(
                  "video_id",
                  "v1",
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("audio", "a1", "frames", "f1")),
              Row.of(
                  "video_id",
                  "v2",
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("audio", "a2", "frames", "f2"))));
    }

    CliHarness.Result status = run("metadata", "status", "--assert-in-sync", "--format", "json");
    assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCodes.ASSERTION_FAILED);
    JsonNode j = JSON.readTree(status.out());
    assertThat(j.get("features").get(1).get("feature").asText()).isEqualTo("example/crop");
    assertThat(j.get("features").get(1).get("new").asLong()).isEqualTo(2);

    String json = Files.readString(dir.resolve("defs.json"));
    Files.writeString(
        dir.resolve("defs.json"),
        json.replace(
            "{\"key\": \"transcription\", \"code_version\": \"1\"",
            "{\"key\": \"transcription\", \"code_version\": \"7\""));
    assertThat(run("push").exitCode()).isZero();
    CliHarness.Result diff = run("graph", "diff", v1);
    assertThat(diff.exitCode()).as(diff.toString()).isZero();
    assertThat(diff.out())
        .contains("~ example/stt")
        .contains("~ field transcription")
        .contains("(code_version 1 -> 7)")
        .doesNotContain("example/crop");
  }

  @Test
  void migrateStatusGenerateApplyOnDuckDb() throws IOException {
    Files.writeString(
        dir.resolve("defs.json"), CliHarness.resource("/video-pipeline.definitions.json"));
    Files.writeString(dir.resolve("metaxy.toml"), "entrypoints = [\"defs.json\"]\n");
    JsonNode before = JSON.readTree(run("migrate", "status", "--format", "json").out());
    assertThat(before.get("system").get("pending").size()).isPositive();
    CliHarness.Result gen = run("migrate", "generate", "--dir", "db/features");
    assertThat(gen.exitCode()).as(gen.toString()).isZero();
    try (var files = Files.list(dir.resolve("db/features"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .singleElement()
          .asString()
          .endsWith(".sql");
    }
    CliHarness.Result apply = run("migrate", "apply", "--dir", "db/features");
    assertThat(apply.exitCode()).as(apply.toString()).isZero();
    assertThat(apply.out()).contains("System tables: 1").contains("Feature tables: 1");
    JsonNode after =
        JSON.readTree(run("migrate", "status", "--dir", "db/features", "--format", "json").out());
    assertThat(after.get("system").get("pending").size()).isZero();
    assertThat(after.get("features").get("pending").size()).isZero();
    assertThat(after.get("features").get("applied").size()).isEqualTo(1);
  }
}
