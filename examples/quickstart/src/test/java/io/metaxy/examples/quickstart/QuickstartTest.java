package io.metaxy.examples.quickstart;

import static io.metaxy.examples.quickstart.VideoPipeline.CROP;
import static io.metaxy.examples.quickstart.VideoPipeline.FACE_DETECTION;
import static io.metaxy.examples.quickstart.VideoPipeline.STT;
import static io.metaxy.examples.quickstart.VideoPipeline.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {
  @TempDir Path dir;

  private List<Quickstart.RunReport> runQuickstart(ByteArrayOutputStream buf) {
    return Quickstart.run(dir, Map.of(), new PrintStream(buf, true, StandardCharsets.UTF_8));
  }

  @Test
  void computesEverythingThenNothingThenOnlyWhatDependsOnAudioAndRerunsAlike() {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    runQuickstart(first);
    // a second demo run over the same .metaxy/ store starts afresh and reports the same facts
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<Quickstart.RunReport> runs = runQuickstart(buf);
    assertThat(buf.toString(StandardCharsets.UTF_8))
        .isEqualTo(first.toString(StandardCharsets.UTF_8));
    assertThat(runs).hasSize(3);
    int n = Quickstart.VIDEOS;
    assertThat(runs.get(0).computed())
        .containsExactlyInAnyOrderEntriesOf(Map.of(VIDEO, n, CROP, n, FACE_DETECTION, n, STT, n));
    assertThat(runs.get(1).computed())
        .containsExactlyInAnyOrderEntriesOf(Map.of(VIDEO, 0, CROP, 0, FACE_DETECTION, 0, STT, 0));
    assertThat(runs.get(2).computed())
        .containsExactlyInAnyOrderEntriesOf(Map.of(VIDEO, n, CROP, n, FACE_DETECTION, 0, STT, n));
    assertThat(runs.get(2).cropChanges()).hasSize(n);
    assertThat(runs.get(2).cropChanges().values())
        .allSatisfy(f -> assertThat(f).containsExactly("audio"));
    assertThat(runs.get(0).cropChanges().values())
        .allSatisfy(f -> assertThat(f).containsExactly("audio", "frames"));

    String report = buf.toString(StandardCharsets.UTF_8);
    assertThat(report)
        .contains("store duckdb .metaxy/metaxy.duckdb")
        .contains("crop: fields changed [audio] for video_1")
        .contains("face_detection: skipped");
    assertThat(dir.resolve(".metaxy/metaxy.duckdb")).exists();
  }

  @Test
  void readmeExcerptIsAtMostTwentyLines() throws Exception {
    Path src =
        Path.of("src/main/java/io/metaxy/examples/quickstart/VideoPipeline.java").toAbsolutePath();
    List<String> lines = Files.readAllLines(src);
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// tag::quickstart[]")) {
        start = i;
      } else if (lines.get(i).contains("// end::quickstart[]")) {
        end = i;
      }
    }
    assertThat(start).isNotNegative();
    assertThat(end - start - 1).isBetween(1, 20);
    // The README shows exactly these lines (indentation removed), so it cannot drift.
    String readme = Files.readString(Path.of("../../README.md"));
    for (String line : lines.subList(start + 1, end)) {
      assertThat(readme).as("README.md quickstart excerpt").contains(line.strip());
    }
  }
}
