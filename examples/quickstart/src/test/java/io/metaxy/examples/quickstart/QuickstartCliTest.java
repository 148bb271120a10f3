package io.metaxy.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metaxy.cli.CliEnvironment;
import io.metaxy.cli.MetaxyCli;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.json.DefinitionsCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI on the quickstart: a folder laid out like the repository root (its {@code metaxy.toml}
 * and the quickstart's definitions file), the quickstart run there, then {@code metaxy list
 * features} and {@code metaxy metadata status} see its features and store.
 */
class QuickstartCliTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final String DEFS = "examples/quickstart/quickstart.definitions.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = MetaxyCli.commandLine(CliEnvironment.of(Map.of(), dir));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Result(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void theShippedDefinitionsAreThoseOfTheLastRun() throws IOException {
    FeatureGraph shipped = DefinitionsCodec.readGraph(Files.readString(ROOT.resolve(DEFS)));
    FeatureGraph code = FeatureGraph.of(VideoPipeline.features("2"));
    assertThat(shipped.versions().snapshotVersion()).isEqualTo(code.versions().snapshotVersion());
    assertThat(Files.readString(ROOT.resolve("metaxy.toml"))).contains(DEFS);
  }

  @Test
  void listFeaturesAndStatusSeeTheQuickstartStore() throws IOException {
    Files.copy(ROOT.resolve("metaxy.toml"), dir.resolve("metaxy.toml"));
    Files.createDirectories(dir.resolve(DEFS).getParent());
    Files.copy(ROOT.resolve(DEFS), dir.resolve(DEFS));
    Quickstart.run(
        dir, Map.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(dir.resolve(".metaxy/metaxy.duckdb")).exists();

    Result list = cli("list", "features", "--format", "json");
    assertThat(list.code()).as(list.err()).isZero();
    List<String> keys = new ArrayList<>();
    JSON.readTree(list.out()).forEach(f -> keys.add(f.get("key").asText()));
    assertThat(keys)
        .containsExactlyInAnyOrder(
            "example/video", "example/crop", "example/face_detection", "example/stt");

    Result status = cli("metadata", "status", "--assert-in-sync", "--format", "json");
    assertThat(status.code()).as(status.out() + status.err()).isZero();
    JsonNode doc = JSON.readTree(status.out());
    assertThat(doc.get("in_sync").asBoolean()).isTrue();
    for (JsonNode f : doc.get("features")) {
      if (f.get("feature").asText().equals("example/video")) {
        assertThat(f.get("status").asText()).isEqualTo("root");
      } else {
        assertThat(f.get("status").asText()).as(f.toString()).isEqualTo("in sync");
        assertThat(f.get("new").asLong() + f.get("stale").asLong() + f.get("orphaned").asLong())
            .isZero();
      }
    }
    // The store holds the quickstart's rows: deleting crop's makes status see them missing.
    Result drop = cli("metadata", "drop", "example/crop", "--yes");
    assertThat(drop.code()).as(drop.err()).isZero();
    assertThat(drop.out()).contains("Dropped example/crop: " + 2 * Quickstart.VIDEOS);
    JsonNode after = JSON.readTree(cli("metadata", "status", "--format", "json").out());
    for (JsonNode f : after.get("features")) {
      if (f.get("feature").asText().equals("example/crop")) {
        assertThat(f.get("new").asLong()).isEqualTo(Quickstart.VIDEOS);
      }
    }
  }
}
