package io.metaxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metaxy.adapter.inmemory.InMemoryMetadataStore;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaxyCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FeatureKey VIDEO = FeatureKey.of("example/video");
  private static final FeatureKey CROP = FeatureKey.of("example/crop");
  private static final FeatureKey STT = FeatureKey.of("example/stt");
  private static final FeatureKey FACES = FeatureKey.of("example/face_detection");
  private static final FeatureKey SUMMARY = FeatureKey.of("example/summary");

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(dir);
  }

  private static JsonNode json(CliHarness.Result r) throws IOException {
    return CliHarness.json(r);
  }

  private void writeVideos(String... ids) throws IOException {
    cli.writeVideos(VIDEO, ids);
  }

  /** Computes every pending sample of {@code feature} (writes the increment's rows). */
  private long compute(FeatureKey feature) throws IOException {
    InMemoryMetadataStore store = cli.store();
    Increment.Materialized inc = store.resolveUpdate(feature).collect();
    List<Row> rows = inc.toCompute();
    if (!rows.isEmpty()) {
      store.write(feature, rows);
    }
    return rows.size();
  }

  // ------------------------------------------------------------------ list / describe

  @Test
  void listFeaturesPrintsEveryFeatureWithVersion() throws IOException {
    CliHarness.Result r = cli.run("list", "features");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("example/video")
        .contains("example/summary")
        .contains("34d75856") // crop's feature version
        .contains("5 feature(s)");
    JsonNode j = json(cli.run("list", "features", "--format", "json"));
    assertThat(j.size()).isEqualTo(5);
    assertThat(j.get(0).get("key").asText()).isEqualTo("example/video");
    JsonNode crop = j.get(1);
    assertThat(crop.get("key").asText()).isEqualTo("example/crop");
    assertThat(crop.get("feature_version").asText()).isEqualTo("34d75856");
    assertThat(crop.get("deps").get(0).asText()).isEqualTo("example/video");
  }

  @Test
  void describeShowsVersionsAndFieldParents() throws IOException {
    CliHarness.Result r = cli.run("describe", "example/face_detection");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("f1526ee0").contains("example/crop.frames");
    JsonNode j = json(cli.run("describe", "example/stt", "--format", "json"));
    assertThat(j.get("feature_version").asText()).isEqualTo("d953dea4");
    assertThat(j.get("field_parents").get("transcription").get(0).asText())
        .isEqualTo("example/video.audio");
    assertThat(j.get("downstream").get(0).asText()).isEqualTo("example/summary");
    assertThat(j.get("spec").get("key").asText()).isEqualTo("example/stt");
  }

  @Test
  void describeUnknownFeatureIsAUsageError() {
    CliHarness.Result r = cli.run("describe", "example/nope");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("example/nope").doesNotContain("\tat ");
  }

  // ------------------------------------------------------------------ graph render

  @Test
  void graphRenderText() {
    CliHarness.Result r = cli.run("graph", "render");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("example/video (c2ac395f)").contains("  -> example/crop");
  }

  @Test
  void graphRenderJsonListsNodesAndEdges() throws IOException {
    JsonNode j = json(cli.run("graph", "render", "--format", "json"));
    assertThat(j.get("nodes").size()).isEqualTo(5);
    assertThat(j.get("edges").size()).isEqualTo(5);
    assertThat(j.get("snapshot_version").asText()).isEqualTo("caac12a5");
  }

  @Test
  void graphRenderMermaidIsStructurallyValid() throws IOException {
    CliHarness.Result r = cli.run("graph", "render", "--format", "mermaid");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).matches("graph (TD|TB|LR)|flowchart (TD|TB|LR)");
    Pattern node = Pattern.compile("^ {2}([A-Za-z][A-Za-z0-9_]*)\\[\"([^\"]*)\"]$");
    Pattern edge = Pattern.compile("^ {2}([A-Za-z][A-Za-z0-9_]*) --> ([A-Za-z][A-Za-z0-9_]*)$");
    Map<String, String> labels = new java.util.HashMap<>();
    List<String[]> edges = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      Matcher n = node.matcher(line);
      Matcher e = edge.matcher(line);
      if (n.matches()) {
        assertThat(labels.put(n.group(1), n.group(2))).as("duplicate node id " + line).isNull();
      } else if (e.matches()) {
        edges.add(new String[] {e.group(1), e.group(2)});
      } else {
        throw new AssertionError("not a Mermaid node or edge statement: " + line);
      }
    }
    assertThat(labels).hasSize(5);
    assertThat(edges).hasSize(5);
    for (String[] e : edges) {
      assertThat(labels).containsKeys(e[0], e[1]);
    }
    Map<String, String> idByKey = new java.util.HashMap<>();
    labels.forEach((id, label) -> idByKey.put(label.split("<br/>")[0], id));
    assertThat(edges)
        .anySatisfy(
            e ->
                assertThat(e)
                    .containsExactly(
                        idByKey.get("example/crop"), idByKey.get("example/face_detection")));
  }

  @Test
  void graphRenderDotIsAcceptedByGraphviz() throws Exception {
    CliHarness.Result r = cli.run("graph", "render", "--format", "dot");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith("digraph metaxy {")
        .contains("\"example/crop\" -> \"example/face_detection\";");
    Path dotBin = findOnPath("dot");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dotBin != null,
        "Graphviz `dot` is not installed: skipping the Graphviz check of --format dot");
    Path in = Files.writeString(dir.resolve("graph.dot"), r.out());
    Process p =
        new ProcessBuilder(dotBin.toString(), "-Tsvg", in.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("<svg").contains("example/face_detection");
  }

  private static Path findOnPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(d, exe);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ push / history / diff

  @Test
  void pushRecordsOnceAndHistoryListsSnapshots() throws IOException {
    CliHarness.Result first = cli.run("push");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("Recorded snapshot").contains("5 features");
    JsonNode again = json(cli.run("push", "--format", "json"));
    assertThat(again.get("recorded").asBoolean()).isFalse();
    String v1 = again.get("snapshot_version").asText();
    cli.setCodeVersion("example/video", "audio", "2");
    CliHarness.Result second = cli.run("push");
    assertThat(second.out()).contains("Recorded snapshot");
    JsonNode h = json(cli.run("history", "--format", "json"));
    assertThat(h.size()).isEqualTo(2);
    assertThat(h.get(0).get("snapshot_version").asText()).isEqualTo(v1);
    assertThat(h.get(0).get("current").asBoolean()).isFalse();
    assertThat(h.get(1).get("current").asBoolean()).isTrue();
    assertThat(h.get(1).get("features").asInt()).isEqualTo(5);
    CliHarness.Result text = cli.run("history");
    assertThat(text.out()).contains(v1).contains("(current code)");
  }

  @Test
  void graphDiffBetweenTwoPushedSnapshotsNamesChangedFields() throws IOException {
    String v1 = json(cli.run("push", "--format", "json")).get("snapshot_version").asText();
    cli.setCodeVersion("example/video", "audio", "2");
    String v2 = json(cli.run("push", "--format", "json")).get("snapshot_version").asText();
    assertThat(v2).isNotEqualTo(v1).isEqualTo("9e1f7b0e");

    JsonNode d = json(cli.run("graph", "diff", v1, v2, "--format", "json"));
    assertThat(d.get("added").size()).isZero();
    assertThat(d.get("removed").size()).isZero();
    Map<String, JsonNode> changed = new java.util.TreeMap<>();
    d.get("changed").forEach(c -> changed.put(c.get("feature").asText(), c));
    assertThat(changed)
        .containsOnlyKeys("example/video", "example/crop", "example/stt", "example/summary");
    JsonNode video = changed.get("example/video").get("changed_fields");
    assertThat(video.size()).isEqualTo(1);
    assertThat(video.get(0).get("field").asText()).isEqualTo("audio");
    assertThat(video.get(0).get("from_code_version").asText()).isEqualTo("1");
    assertThat(video.get(0).get("to_code_version").asText()).isEqualTo("2");
    JsonNode crop = changed.get("example/crop");
    assertThat(crop.get("from_version").asText()).isEqualTo("34d75856");
    assertThat(crop.get("to_version").asText()).isEqualTo("fe237dc9");
    assertThat(crop.get("changed_fields").size()).isEqualTo(1);
    assertThat(crop.get("changed_fields").get(0).get("field").asText()).isEqualTo("audio");
    assertThat(crop.get("changed_fields").get(0).get("to_version").asText()).isEqualTo("e2b6ce39");
    assertThat(changed.get("example/stt").get("changed_fields").get(0).get("field").asText())
        .isEqualTo("transcription");

    CliHarness.Result text = cli.run("graph", "diff", v1, v2);
    assertThat(text.out())
        .contains("~ example/crop")
        .contains("~ field audio")
        .contains("(code_version 1 -> 2)")
        .doesNotContain("face_detection");

    CliHarness.Result toCurrent = cli.run("graph", "diff", v1);
    assertThat(toCurrent.out()).contains("current (9e1f7b0e)").contains("~ field transcription");
    assertThat(cli.run("graph", "diff", v2, "current").out()).contains("no changes");
  }

  @Test
  void graphDiffUnknownSnapshotIsAUsageError() {
    CliHarness.Result r = cli.run("graph", "diff", "deadbeef");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("deadbeef").contains("metaxy history");
  }

  // ------------------------------------------------------------------ metadata

  @Test
  void metadataStatusCountsAndAssertInSync() throws IOException {
    writeVideos("v1", "v2", "v3");
    CliHarness.Result r = cli.run("metadata", "status", "--assert-in-sync");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.ASSERTION_FAILED);
    assertThat(r.out()).contains("root (skipped").contains("needs update");
    assertThat(r.err()).contains("metadata status [").contains("5/5");

    JsonNode j = json(cli.run("metadata", "status", "--format", "json"));
    assertThat(j.get("in_sync").asBoolean()).isFalse();
    Map<String, JsonNode> byKey = new java.util.HashMap<>();
    j.get("features").forEach(f -> byKey.put(f.get("feature").asText(), f));
    assertThat(byKey.get("example/video").get("root").asBoolean()).isTrue();
    assertThat(byKey.get("example/crop").get("new").asLong()).isEqualTo(3);
    assertThat(byKey.get("example/stt").get("new").asLong()).isEqualTo(3);
    assertThat(byKey.get("example/face_detection").get("new").asLong()).isZero();

    for (FeatureKey k : List.of(CROP, STT, FACES, SUMMARY)) {
      compute(k);
    }
    CliHarness.Result ok = cli.run("metadata", "status", "--assert-in-sync");
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("All features are in sync.");

    // a changed upstream sample makes downstream samples stale
    cli.store()
        .write(
            VIDEO,
            List.of(
                Row.of(
                    "video_id",
                    "v2",
                    SystemColumns.PROVENANCE_BY_FIELD,
                    Map.of("audio", "a-v2-new", "frames", "f-v2"))));
    JsonNode stale =
        json(
            cli.run(
                "metadata", "status", "example/stt", "example/face_detection", "--format", "json"));
    assertThat(stale.get("features").size()).isEqualTo(2);
    assertThat(stale.get("features").get(0).get("stale").asLong()).isEqualTo(1);
    assertThat(stale.get("features").get(1).get("stale").asLong()).isZero();
    // face_detection reads only frames: an audio change leaves it in sync
    CliHarness.Result faces =
        cli.run("metadata", "status", "example/face_detection", "--assert-in-sync");
    assertThat(faces.exitCode()).as(faces.toString()).isZero();
    CliHarness.Result stt = cli.run("metadata", "status", "example/stt", "--assert-in-sync");
    assertThat(stt.exitCode()).as(stt.toString()).isEqualTo(ExitCodes.ASSERTION_FAILED);
  }

  @Test
  void metadataDeleteSoftThenOrphansDownstream() throws IOException {
    writeVideos("v1", "v2");
    compute(CROP);
    CliHarness.Result noFilter = cli.run("metadata", "delete", "example/video");
    assertThat(noFilter.exitCode()).isEqualTo(ExitCodes.USAGE);
    CliHarness.Result r =
        cli.run("metadata", "delete", "example/video", "--filter", "video_id = 'v1'");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Deleted 1 sample(s) of example/video (soft)");
    JsonNode j = json(cli.run("metadata", "status", "example/crop", "--format", "json"));
    assertThat(j.get("features").get(0).get("orphaned").asLong()).isEqualTo(1);
    try (var rows = cli.store().read(VIDEO)) {
      assertThat(rows.map(x -> x.getString("video_id")).toList()).containsExactly("v2");
    }
    JsonNode hard =
        json(cli.run("metadata", "delete", "example/crop", "--all", "--hard", "--format", "json"));
    assertThat(hard.get(0).get("rows_deleted").asLong()).isEqualTo(2);
    assertThat(cli.store().hasFeature(CROP)).isFalse();
  }

  @Test
  void aDeleteFilterOnAnUnknownColumnIsAUsageErrorAndDeletesNothing() throws IOException {
    writeVideos("v1", "v2");
    CliHarness.Result r =
        cli.run("metadata", "delete", "example/video", "--filter", "vdeo_id IS NULL", "--hard");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("vdeo_id").contains("video_id");
    assertThat(r.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    try (var rows = cli.store().read(VIDEO)) {
      assertThat(rows.count()).as("nothing was deleted").isEqualTo(2);
    }
  }

  private static void assertOneErrorLine(CliHarness.Result r) {
    assertThat(r.err().lines().filter(l -> l.startsWith("error:")).count())
        .as(r.toString())
        .isEqualTo(1);
    assertThat(r.err().lines().count()).as("no stack trace").isLessThanOrEqualTo(3);
    assertThat(r.err().lines().mapToInt(String::length).max().orElse(0))
        .as("the message does not echo the whole filter")
        .isLessThan(1_000);
  }

  @Test
  void deeplyNestedFiltersAreAUsageErrorWithAOneLineMessage() throws IOException {
    writeVideos("v1");
    String parens = "(".repeat(2_000) + "video_id = 'v1'" + ")".repeat(2_000);
    CliHarness.Result r =
        cli.run("metadata", "delete", "example/video", "--filter", parens, "--hard");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertOneErrorLine(r);
    assertThat(r.err()).contains("100");
    String nots = "NOT ".repeat(100_000) + "video_id = 'v1'";
    CliHarness.Result n = cli.run("metadata", "delete", "example/video", "--filter", nots);
    assertThat(n.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertOneErrorLine(n);
    try (var rows = cli.store().read(VIDEO)) {
      assertThat(rows.count()).as("nothing was deleted").isEqualTo(1);
    }
  }

  @Test
  void metadataRebaseCarriesRowsToTheNewFeatureVersion() throws IOException {
    writeVideos("v1", "v2", "v3");
    compute(CROP);
    String oldVersion = cli.graph().versions().featureVersion(CROP);
    cli.setCodeVersion("example/crop", "frames", "2");
    String newVersion = cli.graph().versions().featureVersion(CROP);
    assertThat(newVersion).isNotEqualTo(oldVersion);
    JsonNode before = json(cli.run("metadata", "status", "example/crop", "--format", "json"));
    assertThat(before.get("features").get(0).get("new").asLong()).isEqualTo(3);

    CliHarness.Result r = cli.run("metadata", "rebase", "example/crop", "--from", oldVersion);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Rebased example/crop from " + oldVersion + " to " + newVersion);
    assertThat(r.out()).contains("3 row(s) written");
    try (var rows = cli.store().read(CROP)) {
      assertThat(rows.count()).isEqualTo(3);
    }
    JsonNode again =
        json(
            cli.run(
                "metadata", "rebase", "example/crop", "--from", oldVersion, "--format", "json"));
    assertThat(again.get("skipped").asBoolean()).isTrue();
  }

  // ------------------------------------------------------------------ migrate

  @Test
  void migrateOnAStoreWithoutSchemaMigrationsSaysSo() {
    for (String sub : List.of("status", "generate", "apply")) {
      CliHarness.Result r = cli.run("migrate", sub);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.STORE_ERROR);
      assertThat(r.err()).contains("has no schema migrations").contains("metaxy-adapter-jooq");
    }
    assertThat(cli.run("migrate", "status", "--system", "--features").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  // ------------------------------------------------------------------ versions

  @Test
  void versionsOfDefinitionsFileMatchTheVectors() throws IOException {
    JsonNode expected = JSON.readTree(CliHarness.resource("/video-pipeline.expected.json"));
    JsonNode j = json(cli.run("versions", "--definitions", "defs.json", "--format", "json"));
    assertThat(graphVersionsOnly(j)).isEqualTo(expected.get("graph_trunc_8").get("features"));
    assertThat(j.get("features").get("example/crop").get("spec_version").asText()).hasSize(8);
    assertThat(j.get("features").get("example/crop").get("definition_version").asText()).hasSize(8);
    assertThat(j.get("project_version").asText()).hasSize(8);
    assertThat(j.get("snapshot_version"))
        .isEqualTo(expected.get("graph_trunc_8").get("snapshot_version"));
    JsonNode full =
        json(
            cli.run(
                "versions",
                "--definitions",
                "defs.json",
                "--truncation",
                "none",
                "--format",
                "json"));
    assertThat(graphVersionsOnly(full))
        .isEqualTo(expected.get("graph_untruncated").get("features"));
    CliHarness.Result text = cli.run("versions", "--definitions", "defs.json");
    assertThat(text.out())
        .contains("example/crop")
        .contains("2419e09d")
        .contains("snapshot ")
        .contains("project " + j.get("project_version").asText());
    assertThat(cli.run("versions", "--definitions", "defs.json", "--truncation", "4").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void versionsTakesTruncationFromConfig() throws IOException {
    Files.writeString(dir.resolve("metaxy.toml"), "hash_truncation_length = \"none\"\n");
    JsonNode expected = JSON.readTree(CliHarness.resource("/video-pipeline.expected.json"));
    JsonNode j = json(cli.run("versions", "--definitions", "defs.json", "--format", "json"));
    assertThat(graphVersionsOnly(j)).isEqualTo(expected.get("graph_untruncated").get("features"));
  }

  /** The feature and field versions of a {@code versions --format json} output (the vectors). */
  private static JsonNode graphVersionsOnly(JsonNode versions) {
    com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
    versions
        .get("features")
        .fields()
        .forEachRemaining(
            e -> {
              com.fasterxml.jackson.databind.node.ObjectNode f = JSON.createObjectNode();
              f.set("feature_version", e.getValue().get("feature_version"));
              f.set("field_versions", e.getValue().get("field_versions"));
              out.set(e.getKey(), f);
            });
    return out;
  }

  // ------------------------------------------------------------------ errors and usage

  @Test
  void configErrorsExitWith3WithoutStackTraceUnlessDebug() throws IOException {
    Files.writeString(dir.resolve("metaxy.toml"), "projekt = 1\nhash_algorithm = \"crc\"\n");
    CliHarness.Result r = cli.run("list", "features");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(r.err()).contains("projekt").contains("hash_algorithm").doesNotContain("\tat ");
    CliHarness.Result debug = cli.run("list", "features", "--debug");
    assertThat(debug.exitCode()).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(debug.err()).contains("\tat io.metaxy");
    assertThat(cli.run("--debug", "list", "features").err()).contains("\tat io.metaxy");
  }

  @Test
  void missingProviderExitsWith3NamingTheArtifact() throws IOException {
    Files.writeString(
        dir.resolve("metaxy.toml"),
        "entrypoints = [\"defs.json\"]\n[stores.dev]\ntype = \"ebean\"\n");
    CliHarness.Result r = cli.run("history");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(r.err()).contains("io.metaxy:metaxy-adapter-ebean");
  }

  @Test
  void classpathOptionWithAMissingEntryExitsWith2NamingIt() {
    CliHarness.Result r = cli.run("--classpath", "target/missing-classes", "list", "features");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--classpath").contains("missing-classes");
  }

  @Test
  void usageErrorsExitWith2AndHelpListsExitCodes() {
    assertThat(cli.run("frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("graph", "render", "--format", "png").exitCode()).isEqualTo(ExitCodes.USAGE);
    CliHarness.Result help = cli.run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Exit codes:").contains("metadata").contains("versions");
  }

  @Test
  void globalStoreOptionSelectsAnotherStore() throws IOException {
    Files.writeString(
        dir.resolve("metaxy.toml"),
        """
        entrypoints = ["defs.json"]
        [stores.dev]
        type = "shared-memory"
        config = { id = "%s" }
        [stores.other]
        type = "shared-memory"
        config = { id = "%s-other" }
        """
            .formatted(cli.storeId, cli.storeId));
    assertThat(cli.run("push").exitCode()).isZero();
    assertThat(json(cli.run("history", "--store", "other", "--format", "json")).size()).isZero();
    assertThat(json(cli.run("--store", "dev", "history", "--format", "json")).size()).isEqualTo(1);
  }
}
