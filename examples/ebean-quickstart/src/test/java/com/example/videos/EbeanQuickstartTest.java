package com.example.videos;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.videos.VideoPipeline.Outcome;
import com.example.videos.VideoPipeline.VideoFile;
import io.ebean.DB;
import io.metaxy.adapter.ebean.EbeanMetadataStore;
import io.metaxy.cli.CliEnvironment;
import io.metaxy.cli.MetaxyCli;
import io.metaxy.config.ConfigLoader;
import io.metaxy.config.Metaxy;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.store.UpstreamVersions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The example as a user runs it: metaxy.toml, migrations generated and applied, the pipeline (3
 * new, then 0), a code-version bump of the root (0/0/0 with a warning until the roots are
 * re-written, then 3 new), Ebean queries of the current rows — on H2 and on PostgreSQL (mandatory
 * under {@code CI=true}).
 */
class EbeanQuickstartTest {
  private static final FeatureKey VIDEO = FeatureKey.of("video");
  private static final List<VideoFile> FILES =
      List.of(
          new VideoFile("v1", "/videos/v1.mp4", "f-1", "a-1"),
          new VideoFile("v2", "/videos/v2.mp4", "f-2", "a-2"),
          new VideoFile("v3", "/videos/v3.mp4", "f-3", "a-3"));
  private static final Path EXAMPLE = Path.of("").toAbsolutePath();

  @TempDir Path tmp;

  @Test
  void pipelineOnH2() throws Exception {
    runPipeline(
        Map.of(
            "VIDEOS_DB_URL",
            "jdbc:h2:" + tmp.resolve("videos").toAbsolutePath(),
            "VIDEOS_DB_USER",
            "sa"));
  }

  @Test
  void pipelineOnPostgres() throws Exception {
    String server = "jdbc:postgresql://127.0.0.1:5432/";
    String db = "metaxy_example_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(server + "test", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("PostgreSQL at 127.0.0.1:5432 is required under CI=true", e);
      }
      Assumptions.abort("PostgreSQL at 127.0.0.1:5432 is not reachable: " + e.getMessage());
    }
    try {
      runPipeline(Map.of("VIDEOS_DB_URL", server + db, "VIDEOS_DB_USER", "postgres"));
    } finally {
      try (Connection c = DriverManager.getConnection(server + "test", "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  private void runPipeline(Map<String, String> env) throws Exception {
    try (MetaxyContext metaxy =
        Metaxy.builder()
            .loader(ConfigLoader.of(env, EXAMPLE))
            .configFile(EXAMPLE.resolve("metaxy.toml"))
            .init()) {
      EbeanMetadataStore store = metaxy.defaultStore(EbeanMetadataStore.class);
      assertThat(store.settings().autoCreateTables())
          .as("ebean stores are migrations-first")
          .isFalse();
      // DB.find(...) works without extra keys: the store's database is Ebean's default.
      assertThat(DB.getDefault()).isSameAs(store.database());

      Path migrations = tmp.resolve("dbmigration");
      Main.migrate(store, migrations);
      try (Stream<Path> files = Files.list(migrations)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .anyMatch(n -> n.startsWith("V1__") && n.endsWith(".sql"));
      }
      assertThat(store.schemaMigrator().status(migrations).featuresPending()).isEmpty();
      assertThat(store.schemaMigrator().status(migrations).featuresApplied()).isNotEmpty();

      // The code before the bump: video's frames at code version 0.
      FeatureGraph current = store.graph();
      FeatureSpec video = current.get(VIDEO);
      FeatureSpec oldVideo =
          FeatureSpec.builder(VIDEO)
              .idColumns(video.idColumns())
              .field("frames", "0")
              .field("audio", video.field(FieldKey.of("audio")).orElseThrow().codeVersion())
              .build();
      EbeanMetadataStore before = (EbeanMetadataStore) store.withGraph(current.with(oldVideo));
      VideoPipeline.writeVideos(before, FILES);
      assertThat(VideoPipeline.processFrames(before)).isEqualTo(new Outcome(3, 0));
      VideoPipeline.writeVideos(before, FILES);
      assertThat(VideoPipeline.processFrames(before)).isEqualTo(new Outcome(0, 0));

      // After the bump: the roots are stored under the old version, so nothing is computed ...
      assertThat(VideoPipeline.processFrames(store)).isEqualTo(new Outcome(0, 0));
      assertThat(UpstreamVersions.check(store, VideoPipeline.FRAMES))
          .containsExactly(new UpstreamVersions.Outdated(VIDEO, true, 3, 0));
      // ... and metadata status says why instead of "All features are in sync".
      String status = cli(env, "metadata", "status");
      assertThat(status)
          .contains(
              "Warning: root video: 3 sample(s) under older versions only, 0 under the current"
                  + " one")
          .contains("Some features need an update.")
          .doesNotContain("All features are in sync");

      // Re-writing the roots under the current code brings the samples back as new.
      VideoPipeline.writeVideos(store, FILES);
      assertThat(VideoPipeline.processFrames(store)).isEqualTo(new Outcome(3, 0));
      assertThat(VideoPipeline.processFrames(store)).isEqualTo(new Outcome(0, 0));
      assertThat(UpstreamVersions.check(store, VideoPipeline.FRAMES)).isEmpty();
      assertThat(cli(env, "metadata", "status")).contains("All features are in sync.");

      // Ebean queries: the table keeps history (3 writes of v1 over two feature versions) ...
      assertThat(store.database().find(Video.class).where().eq("sampleId", "v1").findCount())
          .isEqualTo(3);
      // ... currentRows gives the latest live row of the current feature version.
      List<Video> v1 = store.currentRows(Video.class).where().eq("sampleId", "v1").findList();
      assertThat(v1).hasSize(1);
      assertThat(v1.get(0).getPath()).isEqualTo("/videos/v1.mp4");
      assertThat(v1.get(0).getMetaxyFeatureVersion())
          .isEqualTo(current.versions().featureVersion(VIDEO));
      List<VideoFrames> frames =
          store.currentRows(VideoFrames.class).orderBy("sampleId").findList();
      assertThat(frames).extracting(VideoFrames::getSampleId).containsExactly("v1", "v2", "v3");
      assertThat(frames).extracting(VideoFrames::getFrameCount).containsOnly(72L);
    }
  }

  private static String cli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl =
        MetaxyCli.commandLine(
            new CliEnvironment(
                env, EXAMPLE, EbeanQuickstartTest.class.getClassLoader(), Clock.systemUTC()));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    assertThat(code).as("exit code of metaxy %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }
}
