package io.metaxy.tck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.tck.internal.Vectors.RowVector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit's oracle must reproduce the shared vectors before it may judge a store. */
class ExpectedProvenanceTest {
  @Test
  void oracleReproducesTheMd5AndSha256RowVectors() {
    FeatureGraph graph = Vectors.videoGraph();
    List<RowVector> rows =
        Vectors.rows().stream()
            .filter(
                r -> r.algorithm() == HashAlgorithm.MD5 || r.algorithm() == HashAlgorithm.SHA256)
            .toList();
    assertThat(rows).hasSize(12);
    for (RowVector r : rows) {
      Map<String, String> upstream = new LinkedHashMap<>();
      r.upstreamDataVersionByField().forEach((f, v) -> upstream.put("example/video." + f, v));
      Map<String, String> byField =
          ExpectedProvenance.byField(graph, FeatureKey.of(r.feature()), upstream, r.algorithm());
      assertThat(byField)
          .as("%s %s %s", r.feature(), r.videoId(), r.algorithm())
          .isEqualTo(r.provenanceByField());
      assertThat(ExpectedProvenance.combined(byField, r.algorithm())).isEqualTo(r.provenance());
    }
  }

  @Test
  void graphVersionsOfTheVectorsAreReadable() {
    FeatureGraph graph = Vectors.videoGraph();
    assertThat(graph.versions().snapshotVersion())
        .isEqualTo(Vectors.snapshotVersion(Vectors.GRAPH));
    FeatureGraph bumped = KitGraphs.withCodeVersion(graph, KitGraphs.VIDEO, "audio", "2");
    assertThat(bumped.versions().snapshotVersion())
        .isEqualTo(Vectors.snapshotVersion(Vectors.AUDIO_CODE_VERSION_2));
    assertThat(bumped.versions().featureVersion(KitGraphs.CROP))
        .isEqualTo(Vectors.featureVersion(Vectors.AUDIO_CODE_VERSION_2, "example/crop"));
  }

  @Test
  void kitGraphsAreValid() {
    assertThat(KitGraphs.roots().size()).isEqualTo(3);
    assertThat(KitGraphs.shaping().size()).isEqualTo(6);
    assertThat(KitGraphs.aggregation().size()).isEqualTo(2);
    assertThat(KitGraphs.expansion().size()).isEqualTo(2);
    assertThat(KitGraphs.optional().size()).isEqualTo(6);
  }
}
