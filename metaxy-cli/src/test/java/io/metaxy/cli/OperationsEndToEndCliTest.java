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
import io.metaxy.ports.quarantine.SampleFailure;
import io.metaxy.ports.quarantine.WriteOutcome;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.WriteOptions;
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
 * End to end on a SQL store (subclasses: DuckDB, PostgreSQL): push v1, write, change code, push v2,
 * plan the data migration, apply it in a child JVM killed with SIGKILL after its first step, re-run
 * to completion, then status is in sync; quarantine and copy between two stores.
 */
abstract class OperationsEndToEndCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FeatureKey VIDEO = FeatureKey.of("example/video");
  private static final FeatureKey CROP = FeatureKey.of("example/crop");

  @TempDir Path dir;

  /** The {@code [stores.dev]} and {@code [stores.copy]} tables of metaxy.toml. */
  abstract String storesToml();

  private CliHarness.Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = MetaxyCli.commandLine(CliEnvironment.of(Map.of(), dir));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new CliHarness.Result(cl.execute(args), out.toString(), err.toString());
  }

  private JsonNode json(String... args) throws IOException {
    CliHarness.Result r = run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return JSON.readTree(r.out());
  }

  private void project() throws IOException {
    Files.writeString(
        dir.resolve("defs.json"), CliHarness.resource("/video-pipeline.definitions.json"));
    Files.writeString(dir.resolve("metaxy.toml"), "entrypoints = [\"defs.json\"]\n" + storesToml());
  }

  /** Writes videos and computes every non-root feature, in one short-lived context. */
  private void writeAndCompute(String... ids) {
    try (MetaxyContext mx = Metaxy.builder().loader(ConfigLoader.of(Map.of(), dir)).init()) {
      MetadataStore store = mx.defaultStore();
      List<Row> rows = new ArrayList<>();
      for (String id : ids) {
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
          if (!inc.toCompute().isEmpty()) {
            store.write(f, inc.toCompute());
          }
        }
      }
    }
  }

  private void setCropFramesCodeVersion(String v) throws IOException {
    String json = Files.readString(dir.resolve("defs.json"));
    int at = json.indexOf("\"key\": \"example/crop\"");
    String field = "{\"key\": \"frames\", \"code_version\": \"";
    int start = json.indexOf(field, at) + field.length();
    int end = json.indexOf('"', start);
    Files.writeString(dir.resolve("defs.json"), json.substring(0, start) + v + json.substring(end));
  }

  @Test
  void planApplyKilledMidwayThenResumedLeavesTheStoreInSync() throws Exception {
    project();
    assertThat(run("push").exitCode()).isZero();
    writeAndCompute("v1", "v2", "v3");
    String v1 = json("history", "--format", "json").get(0).get("snapshot_version").asText();
    setCropFramesCodeVersion("2");
    assertThat(run("push").exitCode()).isZero();

    JsonNode plan =
        json("migrate", "data", "plan", v1, "--keep-data", "example/crop", "--format", "json");
    List<String> steps = new ArrayList<>();
    plan.get("steps").forEach(s -> steps.add(s.get("feature").asText()));
    assertThat(steps).hasSizeGreaterThan(1);
    assertThat(steps.get(0)).isEqualTo("example/crop");
    plan.get("steps").forEach(s -> assertThat(s.get("action").asText()).isEqualTo("rebase"));
    assertThat(run("metadata", "status", "--assert-in-sync").exitCode())
        .isEqualTo(ExitCodes.ASSERTION_FAILED);

    // A child JVM applies the plan and is killed (SIGKILL) after its first step.
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ApplyUntilKilled.class.getName(),
                dir.toString(),
                v1)
            .redirectErrorStream(true)
            .start();
    String marker = null;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("STEP-DONE")) {
          marker = line;
          break;
        }
      }
      assertThat(marker).as("child reached its first step").isEqualTo("STEP-DONE example/crop");
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

    JsonNode applied =
        json("migrate", "data", "apply", v1, "--keep-data", "example/crop", "--format", "json");
    JsonNode outcomes = applied.get("outcomes");
    assertThat(outcomes.get(0).get("outcome").asText()).isEqualTo("already completed");
    for (int i = 1; i < outcomes.size(); i++) {
      assertThat(outcomes.get(i).get("outcome").asText()).isEqualTo("rebased");
      assertThat(outcomes.get(i).get("rows_written").asLong()).isEqualTo(3);
    }
    CliHarness.Result inSync = run("metadata", "status", "--assert-in-sync");
    assertThat(inSync.exitCode()).as(inSync.toString()).isZero();
    JsonNode events = json("history", "--migrations", "--format", "json");
    List<String> completed = new ArrayList<>();
    events.forEach(
        e -> {
          if (e.get("event_type").asText().equals("feature_completed")) {
            completed.add(e.get("feature").asText());
          }
        });
    assertThat(completed).containsExactlyElementsOf(steps);
  }

  @Test
  void quarantineAndCopyBetweenStores() throws Exception {
    project();
    writeAndCompute("v1", "v2");
    try (MetaxyContext mx = Metaxy.builder().loader(ConfigLoader.of(Map.of(), dir)).init()) {
      MetadataStore store = mx.defaultStore();
      store.write(
          VIDEO,
          List.of(
              Row.of(
                  "video_id",
                  "v3",
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("audio", "a3", "frames", "f3"))));
      assertThat(store.quarantine(CROP, List.of(Row.of("video_id", "v3")), "decoder crashed"))
          .isEqualTo(1);
    }
    JsonNode status = json("metadata", "status", "example/crop", "--format", "json");
    JsonNode crop = status.get("features").get(0);
    assertThat(crop.get("new").asLong()).isZero();
    assertThat(crop.get("quarantined").asLong()).isEqualTo(1);
    JsonNode list = json("metadata", "quarantine", "list", "--format", "json");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("error").asText()).isEqualTo("decoder crashed");

    // a code-version bump brings it back
    setCropFramesCodeVersion("9");
    JsonNode bumped = json("metadata", "status", "example/crop", "--format", "json");
    assertThat(bumped.get("features").get(0).get("quarantined").asLong()).isZero();
    setCropFramesCodeVersion("1");
    assertThat(run("metadata", "quarantine", "release", "example/crop", "--all").exitCode())
        .isZero();
    JsonNode released = json("metadata", "status", "example/crop", "--format", "json");
    assertThat(released.get("features").get(0).get("new").asLong()).isEqualTo(1);

    JsonNode copied = json("metadata", "copy", "--to", "copy", "--format", "json");
    assertThat(copied.get("features")).isNotEmpty();
    JsonNode again = json("metadata", "copy", "--to", "copy", "--format", "json");
    again.get("features").forEach(f -> assertThat(f.get("rows_written").asLong()).isZero());
    JsonNode target =
        json("metadata", "status", "--store", "copy", "example/face_detection", "--format", "json");
    assertThat(target.get("in_sync").asBoolean()).as(target.toString()).isTrue();
  }

  @Test
  void pushTagsAreRecordedAndShownByHistory() throws Exception {
    project();
    JsonNode pushed =
        json("push", "--tag", "git_commit=abc123", "-t", "env=prod=eu", "--format", "json");
    assertThat(pushed.get("recorded").asBoolean()).isTrue();
    assertThat(pushed.get("tags").get("git_commit").asText()).isEqualTo("abc123");
    JsonNode history = json("history", "--format", "json");
    assertThat(history).hasSize(1);
    JsonNode tags = history.get(0).get("tags");
    assertThat(tags.get("git_commit").asText()).isEqualTo("abc123");
    assertThat(tags.get("env").asText()).isEqualTo("prod=eu");
    assertThat(tags.has("metaxy")).as("the reserved tag is not a user tag").isFalse();
    CliHarness.Result text = run("history");
    assertThat(text.out()).contains("env=prod=eu, git_commit=abc123");

    CliHarness.Result reserved = run("push", "--tag", "metaxy=1");
    assertThat(reserved.exitCode()).isNotZero();
    assertThat(reserved.err()).contains("reserved");
    CliHarness.Result malformed = run("push", "--tag", "novalue");
    assertThat(malformed.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(malformed.err()).contains("KEY=VALUE");
  }

  @Test
  void failuresWrittenWithTheBatchAreSkippedCountedAndReleased() throws Exception {
    project();
    writeAndCompute("v1");
    try (MetaxyContext mx = Metaxy.builder().loader(ConfigLoader.of(Map.of(), dir)).init()) {
      MetadataStore store = mx.defaultStore();
      store.write(
          VIDEO,
          List.of(
              Row.of(
                  "video_id",
                  "v2",
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("audio", "a2", "frames", "f2")),
              Row.of(
                  "video_id",
                  "v3",
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("audio", "a3", "frames", "f3"))));
      List<Row> todo = store.resolveUpdate(CROP).collect().toCompute();
      List<Row> ok = todo.stream().filter(r -> "v2".equals(r.get("video_id"))).toList();
      List<SampleFailure> failed =
          todo.stream()
              .filter(r -> "v3".equals(r.get("video_id")))
              .map(r -> SampleFailure.of(r, "decoder crashed"))
              .toList();
      assertThat(store.writeWithFailures(CROP, ok, failed, WriteOptions.defaults()))
          .isEqualTo(new WriteOutcome(1, 1));
    }
    JsonNode crop =
        json("metadata", "status", "example/crop", "--format", "json").get("features").get(0);
    assertThat(crop.get("new").asLong()).as(crop.toString()).isZero();
    assertThat(crop.get("quarantined").asLong()).isEqualTo(1);
    assertThat(run("metadata", "status", "example/crop", "--assert-in-sync").exitCode()).isZero();
    assertThat(
            run("metadata", "quarantine", "release", "example/crop", "--id", "video_id=v3")
                .exitCode())
        .isZero();
    JsonNode released =
        json("metadata", "status", "example/crop", "--format", "json").get("features").get(0);
    assertThat(released.get("new").asLong()).isEqualTo(1);
    assertThat(released.get("quarantined").asLong()).isZero();
  }
}
