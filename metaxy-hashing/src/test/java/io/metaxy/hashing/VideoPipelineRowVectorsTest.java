package io.metaxy.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.provenance.ProvenanceEngine;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.json.DefinitionsCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine reproduces every row of the {@code rows} section of the shared video-pipeline vectors
 * (md5, sha256, xxhash64 at truncation 8), given the upstream data versions of each row.
 */
class VideoPipelineRowVectorsTest {

  static Path vectors(String name) {
    Path local = Path.of("../metaxy-json/src/test/resources/vectors", name);
    return Files.exists(local) ? local : Path.of("../../shared/vectors", name);
  }

  @SuppressWarnings("unchecked")
  static Stream<Map<String, Object>> rows() throws Exception {
    Map<String, Object> exp =
        DefinitionsCodec.parseObject(
            Files.readString(vectors("video-pipeline.expected.json")), "expected");
    List<Map<String, Object>> rows = (List<Map<String, Object>>) exp.get("rows");
    assertThat(rows).hasSizeGreaterThanOrEqualTo(18);
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  @SuppressWarnings("unchecked")
  void engineMatchesVectorRow(Map<String, Object> vector) {
    FeatureGraph graph = DefinitionsCodec.readGraph(vectors("video-pipeline.definitions.json"));
    HashAlgorithm algorithm = HashAlgorithm.fromConfigName((String) vector.get("hash_algorithm"));
    ProvenanceEngine engine =
        new ProvenanceEngine(graph, StandardRowHashing.hasherFor(algorithm), Truncation.of(8));
    FeatureKey target = FeatureKey.of((String) vector.get("feature"));
    Map<String, Map<String, String>> upstream =
        (Map<String, Map<String, String>>) vector.get("upstream_data_version_by_field");

    List<Row> expected =
        engine
            .expectedRows(
                target,
                feature ->
                    Stream.of(
                        Row.of(
                            "video_id",
                            vector.get("video_id"),
                            SystemColumns.DATA_VERSION_BY_FIELD,
                            upstream.get(feature.toString()))))
            .toList();

    assertThat(expected).hasSize(1);
    Row row = expected.get(0);
    assertThat(row.get("video_id")).isEqualTo(vector.get("video_id"));
    assertThat(row.getMap(SystemColumns.PROVENANCE_BY_FIELD))
        .isEqualTo(vector.get("provenance_by_field"));
    assertThat(row.get(SystemColumns.PROVENANCE)).isEqualTo(vector.get("provenance"));
  }
}
