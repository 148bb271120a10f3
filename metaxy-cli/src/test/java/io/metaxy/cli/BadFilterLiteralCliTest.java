package io.metaxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.config.ConfigLoader;
import io.metaxy.config.Metaxy;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.ReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A filter literal that cannot be a value of its column (text against a BIGINT column, a NUL
 * character) is a usage error on the default SQL store (DuckDB): exit 2, one error line naming the
 * column, no SQL and no stack trace, and nothing is deleted.
 */
class BadFilterLiteralCliTest {
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

  private MetaxyContext context() {
    return Metaxy.builder().loader(ConfigLoader.of(Map.of(), dir)).init();
  }

  private static Row video(String id, long frames) {
    return Row.of(
        "video_id",
        id,
        "n_frames",
        frames,
        SystemColumns.PROVENANCE_BY_FIELD,
        Map.of("audio", "a-" + id, "frames", "f-" + id));
  }

  @Test
  void literalsThatDoNotFitTheColumnExitTwoWithOneLineAndDeleteNothing() throws IOException {
    Files.writeString(
        dir.resolve("defs.json"), CliHarness.resource("/video-pipeline.definitions.json"));
    Files.writeString(dir.resolve("metaxy.toml"), "entrypoints = [\"defs.json\"]\n");
    try (MetaxyContext mx = context()) {
      mx.defaultStore().write(VIDEO, List.of(video("v1", 10L), video("v2", 20L)));
    }

    for (String filter : List.of("n_frames = 'abc'", "video_id = 'v\u00001'")) {
      CliHarness.Result r =
          run("metadata", "delete", "example/video", "--filter", filter, "--hard");
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
      List<String> errors = r.err().lines().filter(l -> l.startsWith("error:")).toList();
      assertThat(errors).as(r.toString()).hasSize(1);
      assertThat(errors.get(0))
          .as(r.toString())
          .contains(filter.startsWith("n_frames") ? "n_frames" : "video_id")
          .doesNotContainIgnoringCase("select ")
          .doesNotContainIgnoringCase("delete from");
      assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception");
      assertThat(r.err().lines().count()).as("no stack trace: " + r).isLessThanOrEqualTo(3);
    }

    try (MetaxyContext mx = context();
        Stream<Row> rows =
            mx.defaultStore().read(VIDEO, ReadOptions.defaults().withSampleHistory())) {
      assertThat(rows.count()).as("nothing was deleted").isEqualTo(2);
    }
  }
}
