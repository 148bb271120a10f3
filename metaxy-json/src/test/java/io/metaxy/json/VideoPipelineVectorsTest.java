package io.metaxy.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reproduces every graph-level value of the shared video-pipeline vectors. */
class VideoPipelineVectorsTest {

  static Path vectors(String name) {
    Path p = Path.of("src/test/resources/vectors", name);
    return Files.exists(p) ? p : Path.of("../../shared/vectors", name);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> expected() throws Exception {
    return DefinitionsCodec.parseObject(
        Files.readString(vectors("video-pipeline.expected.json")), "expected");
  }

  @SuppressWarnings("unchecked")
  private static void assertMatches(GraphVersions v, FeatureGraph g, Map<String, Object> section) {
    Map<String, Object> features = (Map<String, Object>) section.get("features");
    assertThat(features).hasSize(g.size());
    features.forEach(
        (key, value) -> {
          Map<String, Object> f = (Map<String, Object>) value;
          FeatureKey k = FeatureKey.of(key);
          assertThat(v.featureVersion(k))
              .as("feature version of %s", key)
              .isEqualTo(f.get("feature_version"));
          assertThat(v.fieldVersions(k))
              .as("field versions of %s", key)
              .isEqualTo(f.get("field_versions"));
        });
    assertThat(v.snapshotVersion()).isEqualTo(section.get("snapshot_version"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void graphVersionsMatchVectorsTruncatedAndFull() throws Exception {
    FeatureGraph g = DefinitionsCodec.readGraph(vectors("video-pipeline.definitions.json"));
    Map<String, Object> exp = expected();
    assertMatches(g.versions(Truncation.of(8)), g, (Map<String, Object>) exp.get("graph_trunc_8"));
    assertMatches(
        g.versions(Truncation.NONE), g, (Map<String, Object>) exp.get("graph_untruncated"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void audioBumpKeepsFaceDetection() throws Exception {
    FeatureGraph g = DefinitionsCodec.readGraph(vectors("video-pipeline.definitions.json"));
    FeatureSpec video = g.get("example/video");
    FeatureSpec.Builder b = FeatureSpec.builder(video.key()).idColumns(video.idColumns());
    for (FieldSpec f : video.fields()) {
      b.field(f.key().toString().equals("audio") ? f.toBuilder().codeVersion("2").build() : f);
    }
    FeatureGraph g2 = g.with(b.build());
    Map<String, Object> exp = expected();
    assertMatches(g2.versions(), g2, (Map<String, Object>) exp.get("audio_code_version_2_trunc_8"));
    FeatureKey face = FeatureKey.of("example/face_detection");
    assertThat(g2.versions().featureVersion(face)).isEqualTo(g.versions().featureVersion(face));
  }
}
