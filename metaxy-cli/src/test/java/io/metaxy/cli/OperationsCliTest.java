package io.metaxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metaxy.adapter.inmemory.InMemoryMetadataStore;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * copy, drop, quarantine, data migration plans, history --migrations, list stores, config print.
 */
class OperationsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FeatureKey VIDEO = FeatureKey.of("example/video");
  private static final FeatureKey CROP = FeatureKey.of("example/crop");

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(dir);
    Files.writeString(
        dir.resolve("metaxy.toml"),
        """
        project = "cli-test"
        entrypoints = ["defs.json"]
        [stores.dev]
        type = "shared-memory"
        config = { id = "%s" }
        [stores.backup]
        type = "shared-memory"
        config = { id = "%s-backup" }
        """
            .formatted(cli.storeId, cli.storeId));
  }

  private static JsonNode json(CliHarness.Result r) throws IOException {
    return CliHarness.json(r);
  }

  private void writeVideos(String... ids) throws IOException {
    cli.writeVideos(VIDEO, ids);
  }

  private List<Row> pending(FeatureKey feature) throws IOException {
    return cli.store().resolveUpdate(feature).collect().toCompute();
  }

  private void computeAll() throws IOException {
    InMemoryMetadataStore store = cli.store();
    for (FeatureKey f : store.graph().topologicalOrder()) {
      if (!store.graph().get(f).isRoot()) {
        Increment.Materialized inc = store.resolveUpdate(f).collect();
        if (!inc.toCompute().isEmpty()) {
          store.write(f, inc.toCompute());
        }
      }
    }
  }

  private static JsonNode feature(JsonNode status, String key) {
    for (JsonNode f : status.get("features")) {
      if (f.get("feature").asText().equals(key)) {
        return f;
      }
    }
    throw new AssertionError("no " + key + " in " + status);
  }

  @Test
  void copyToAnotherStoreThenRerunCopiesNothing() throws IOException {
    writeVideos("v1", "v2", "v3");
    computeAll();
    JsonNode first =
        json(cli.run("metadata", "copy", "--to", "backup", "example/video", "--format", "json"));
    assertThat(first.get("features").get(0).get("rows_written").asLong()).isEqualTo(3);
    JsonNode all = json(cli.run("metadata", "copy", "--to", "backup", "--format", "json"));
    assertThat(all.get("features")).isNotEmpty();
    for (JsonNode f : all.get("features")) {
      long expected = f.get("feature").asText().equals("example/video") ? 0 : 3;
      assertThat(f.get("rows_written").asLong()).as(f.toString()).isEqualTo(expected);
    }
    CliHarness.Result status =
        cli.run("metadata", "status", "--store", "backup", "--assert-in-sync");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    CliHarness.Result same = cli.run("metadata", "copy", "--to", "dev");
    assertThat(same.exitCode()).as(same.toString()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void dropAsksForConfirmationAndYesSkipsIt() throws IOException {
    writeVideos("v1", "v2");
    computeAll();
    CliHarness.Result refused = cli.run("metadata", "drop", "example/crop");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ASSERTION_FAILED);
    assertThat(refused.err()).contains("--yes");
    assertThat(cli.store().hasFeature(CROP)).isTrue();
    CliHarness.Result dropped = cli.run("metadata", "drop", "example/crop", "--yes");
    assertThat(dropped.exitCode()).as(dropped.toString()).isZero();
    assertThat(dropped.out()).contains("Dropped example/crop: 2 row(s)");
    try (Stream<Row> rows =
        cli.store()
            .read(CROP, ReadOptions.defaults().withAllFeatureVersions().withSampleHistory())) {
      assertThat(rows.count()).isZero();
    }
    assertThat(pending(CROP)).hasSize(2);
  }

  @Test
  void quarantinedSamplesAreCountedListedAndReleased() throws IOException {
    writeVideos("v1", "v2", "v3");
    InMemoryMetadataStore store = cli.store();
    List<Row> crop = store.resolveUpdate(CROP).collect().toCompute();
    store.write(CROP, crop.stream().filter(r -> !"v2".equals(r.get("video_id"))).toList());
    store.quarantine(
        CROP, crop.stream().filter(r -> "v2".equals(r.get("video_id"))).toList(), "boom");

    JsonNode status = json(cli.run("metadata", "status", "example/crop", "--format", "json"));
    JsonNode c = feature(status, "example/crop");
    assertThat(c.get("new").asLong()).isZero();
    assertThat(c.get("quarantined").asLong()).isEqualTo(1);
    assertThat(status.get("in_sync").asBoolean()).isTrue();

    JsonNode list = json(cli.run("metadata", "quarantine", "list", "--format", "json"));
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("feature").asText()).isEqualTo("example/crop");
    assertThat(list.get(0).get("error").asText()).isEqualTo("boom");
    assertThat(list.get(0).get("sample").asText()).contains("v2");

    CliHarness.Result bad = cli.run("metadata", "quarantine", "release", "example/crop");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    CliHarness.Result rel =
        cli.run("metadata", "quarantine", "release", "example/crop", "--id", "video_id=v2");
    assertThat(rel.exitCode()).as(rel.toString()).isZero();
    assertThat(rel.out()).contains("Released 1 sample(s)");
    JsonNode after = json(cli.run("metadata", "status", "example/crop", "--format", "json"));
    assertThat(feature(after, "example/crop").get("new").asLong()).isEqualTo(1);
    assertThat(feature(after, "example/crop").get("quarantined").asLong()).isZero();
  }

  @Test
  void statusFilterCountsOnlyMatchingSamples() throws IOException {
    writeVideos("v1", "v2", "v3");
    JsonNode s =
        json(
            cli.run(
                "metadata",
                "status",
                "example/crop",
                "--filter",
                "video_id = 'v1'",
                "--format",
                "json"));
    assertThat(feature(s, "example/crop").get("new").asLong()).isEqualTo(1);
  }

  @Test
  void dataMigrationPlanApplyResumeAndHistory() throws IOException {
    assertThat(cli.run("push").exitCode()).isZero();
    writeVideos("v1", "v2", "v3");
    computeAll();
    String v1 =
        json(cli.run("history", "--format", "json")).get(0).get("snapshot_version").asText();
    cli.setCodeVersion("example/crop", "frames", "2");
    assertThat(cli.run("push").exitCode()).isZero();

    JsonNode plan = json(cli.run("migrate", "data", "plan", v1, "--format", "json"));
    List<String> features = new ArrayList<>();
    plan.get("steps").forEach(s -> features.add(s.get("feature").asText()));
    assertThat(features.get(0)).isEqualTo("example/crop");
    assertThat(features).contains("example/face_detection");
    plan.get("steps")
        .forEach(s -> assertThat(s.get("action").asText()).as(s.toString()).isEqualTo("recompute"));
    CliHarness.Result text = cli.run("migrate", "data", "plan", v1.substring(0, 6));
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out()).contains("example/crop").contains("recompute").contains("frames");

    JsonNode keep =
        json(
            cli.run(
                "migrate", "data", "plan", v1, "--keep-data", "example/crop", "--format", "json"));
    keep.get("steps")
        .forEach(s -> assertThat(s.get("action").asText()).as(s.toString()).isEqualTo("rebase"));

    CliHarness.Result dry =
        cli.run("migrate", "data", "apply", v1, "--keep-data", "example/crop", "--dry-run");
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(dry.out()).contains("would rebase");
    assertThat(cli.run("metadata", "status", "--assert-in-sync").exitCode())
        .isEqualTo(ExitCodes.ASSERTION_FAILED);

    // an interrupted run: the first step was done before the process died
    String id = keep.get("migration_id").asText();
    JsonNode first = keep.get("steps").get(0);
    cli.store().rebase(CROP, first.get("from_version").asText(), null, id);

    JsonNode applied =
        json(
            cli.run(
                "migrate", "data", "apply", v1, "--keep-data", "example/crop", "--format", "json"));
    assertThat(applied.get("outcomes").get(0).get("outcome").asText())
        .isEqualTo("already completed");
    for (int i = 1; i < applied.get("outcomes").size(); i++) {
      assertThat(applied.get("outcomes").get(i).get("outcome").asText()).isEqualTo("rebased");
    }
    CliHarness.Result inSync = cli.run("metadata", "status", "--assert-in-sync");
    assertThat(inSync.exitCode()).as(inSync.toString()).isZero();

    JsonNode events = json(cli.run("history", "--migrations", "--format", "json"));
    List<String> completed = new ArrayList<>();
    events.forEach(
        e -> {
          if (e.get("event_type").asText().equals("feature_completed")) {
            completed.add(e.get("feature").asText());
          }
        });
    assertThat(completed).containsExactlyElementsOf(features);
    assertThat(cli.run("history", "--migrations").out()).contains(id);

    CliHarness.Result unknown = cli.run("migrate", "data", "plan", "nope");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("Unknown snapshot nope");
  }

  @Test
  void listStoresAndConfigPrintWithOrigins() throws IOException {
    JsonNode stores = json(cli.run("list", "stores", "--format", "json"));
    assertThat(stores).hasSize(2);
    assertThat(stores.get(0).get("name").asText()).isEqualTo("dev");
    assertThat(stores.get(0).get("default").asBoolean()).isTrue();
    assertThat(stores.get(1).get("name").asText()).isEqualTo("backup");

    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cl =
        MetaxyCli.commandLine(CliEnvironment.of(Map.of("METAXY_PROJECT", "from-env"), dir));
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
    assertThat(cl.execute("config", "print", "--format", "json")).isZero();
    Map<String, JsonNode> byKey = new java.util.HashMap<>();
    JSON.readTree(out.toString()).forEach(v -> byKey.put(v.get("key").asText(), v));
    assertThat(byKey.get("project").get("value").asText()).isEqualTo("from-env");
    assertThat(byKey.get("project").get("origin").asText()).isEqualTo("env METAXY_PROJECT");
    assertThat(byKey.get("stores.backup.type").get("origin").asText()).contains("metaxy.toml:");
    assertThat(byKey.get("hash_algorithm").get("origin").asText()).isEqualTo("default");
    assertThat(byKey.get("stores.dev.config.id").get("value").asText()).isEqualTo(cli.storeId);
  }
}
