package com.example.videos;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.ports.store.UpstreamVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/ebean-adapter.md shows this project's files verbatim (the tagged regions), so the guide's
 * pom, entities, metaxy.toml and code are the ones the build compiles and runs.
 */
class GuideExcerptsTest {
  private static final Path GUIDE = Path.of("../../docs/ebean-adapter.md");

  @ParameterizedTest
  @CsvSource({
    "pom.xml, pom",
    "metaxy.toml, toml",
    "src/main/java/com/example/videos/Video.java, video",
    "src/main/java/com/example/videos/VideoFrames.java, frames",
    "src/main/java/com/example/videos/VideoPipeline.java, pipeline",
    "src/main/java/com/example/videos/Main.java, main",
    "src/main/java/com/example/videos/InCode.java, incode"
  })
  void guideShowsTheTaggedRegionVerbatim(String file, String tag) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(file));
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("tag::" + tag + "[]")) {
        start = i;
      } else if (lines.get(i).contains("end::" + tag + "[]")) {
        end = i;
      }
    }
    assertThat(start).as("tag %s in %s", tag, file).isNotNegative();
    assertThat(end).isGreaterThan(start + 1);
    String excerpt = String.join("\n", lines.subList(start + 1, end));
    assertThat(Files.readString(GUIDE))
        .as("docs/ebean-adapter.md shows %s [%s] verbatim", file, tag)
        .contains(excerpt);
  }

  @Test
  void guideShowsTheStatusWarningAndTheCurrentRowsQueryTheTestsCheck() throws Exception {
    String guide = Files.readString(GUIDE);
    String warning = new UpstreamVersions.Outdated(FeatureKey.of("video"), true, 3, 0).message();
    assertThat(guide).contains("Warning: " + warning + ".");
    String test =
        Files.readString(Path.of("src/test/java/com/example/videos/EbeanQuickstartTest.java"));
    String query =
        "List<Video> v1 = store.currentRows(Video.class).where().eq(\"sampleId\", \"v1\").findList();";
    assertThat(test).contains(query);
    assertThat(guide).contains(query);
  }
}
