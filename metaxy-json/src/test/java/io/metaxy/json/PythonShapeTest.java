package io.metaxy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.InvalidDefinitionsException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.Sha256;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.Lineage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec JSON shape and the spec, definition and project versions of Python Metaxy 0.1.11. The
 * expected versions below were printed by Python Metaxy 0.1.11 for the same definitions (the
 * interop-tests module recomputes them with the real library).
 */
class PythonShapeTest {
  private static FeatureGraph video() throws Exception {
    return DefinitionsCodec.readGraph(
        Files.readString(Path.of("src/test/resources/vectors/video-pipeline.definitions.json")));
  }

  @Test
  void specDefinitionAndProjectVersionsOfTheVideoPipeline() throws Exception {
    GraphVersions v = video().versions(Truncation.of(8));
    Map<String, List<String>> python =
        Map.of(
            "example/video", List.of("aff0d7c9", "bc64ae79"),
            "example/crop", List.of("6f1aa5c7", "8be0f646"),
            "example/face_detection", List.of("db23633a", "ecf9b6cd"),
            "example/stt", List.of("cd5e4e04", "977795ea"),
            "example/summary", List.of("77b9d879", "b99ecddc"));
    python.forEach(
        (key, versions) -> {
          FeatureKey k = FeatureKey.of(key);
          assertThat(v.specVersion(k)).as("spec version of %s", key).isEqualTo(versions.get(0));
          assertThat(v.definitionVersion(k, Map.of()))
              .as("definition version of %s", key)
              .isEqualTo(versions.get(1));
        });
    assertThat(v.projectVersion(Map.of())).isEqualTo("ceccea2d");
  }

  @Test
  void definitionVersionHashesTheSpecVersionThenTheSortedSchema() throws Exception {
    GraphVersions v = video().versions(Truncation.NONE);
    FeatureKey crop = FeatureKey.of("example/crop");
    Map<String, Object> schema = Map.of("type", "object", "title", "Crop");
    String expected =
        Sha256.start()
            .update(v.specVersion(crop))
            .update("{\"title\": \"Crop\", \"type\": \"object\"}")
            .hex();
    assertThat(v.definitionVersion(crop, schema)).isEqualTo(expected);
    assertThat(v.definitionVersion(crop, schema)).isNotEqualTo(v.definitionVersion(crop, Map.of()));
    assertThat(FeatureGraph.of(List.of()).versions(Truncation.of(8)).projectVersion(Map.of()))
        .isEqualTo("empty");
  }

  @Test
  void defaultMappingOptionsDecideTheParentFields() {
    String json =
        """
        {"features": [
          {"key": "audio", "id_columns": ["id"],
           "fields": ["audio/french", "audio/english", "noise"]},
          {"key": "dubbed", "id_columns": ["id"],
           "deps": [{"feature": "audio", "fields_mapping": {"mapping": {"type": "default",
                     "match_suffix": true, "exclude_fields": ["noise"]}}}],
           "fields": ["french", "other"]},
          {"key": "plain", "id_columns": ["id"], "deps": ["audio"], "fields": ["noise", "other"]}
        ]}
        """;
    FeatureGraph g = DefinitionsCodec.readGraph(json);
    FeatureKey audio = FeatureKey.of("audio");
    assertThat(g.parentFields(FeatureKey.of("dubbed"), FieldKey.of("french")))
        .containsExactly(new FieldRef(audio, FieldKey.of("audio/french")));
    assertThat(g.parentFields(FeatureKey.of("dubbed"), FieldKey.of("other")))
        .containsExactlyInAnyOrder(
            new FieldRef(audio, FieldKey.of("audio/french")),
            new FieldRef(audio, FieldKey.of("audio/english")));
    assertThat(g.parentFields(FeatureKey.of("plain"), FieldKey.of("noise")))
        .containsExactly(new FieldRef(audio, FieldKey.of("noise")));
    assertThat(g.parentFields(FeatureKey.of("plain"), FieldKey.of("other"))).hasSize(3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aggregationWithoutOnGroupsByTheIdColumnsAndKeepsOnNull() {
    String json =
        """
        {"features": [
          {"key": "readings", "id_columns": ["sensor_id", "reading_id"]},
          {"key": "daily", "id_columns": ["sensor_id"],
           "deps": [{"feature": "readings", "lineage": {"relationship": {"type": "N:1"}},
                     "sql_filters": ["reading_id <> 'x'"], "rename": {}}]}
        ]}
        """;
    FeatureSpec daily = DefinitionsCodec.readSpecs(json).get(1);
    Lineage.Aggregation a = (Lineage.Aggregation) daily.deps().get(0).lineage();
    assertThat(a.on()).containsExactly("sensor_id");
    assertThat(a.onDeclared()).isFalse();
    Map<String, Object> dep =
        ((List<Map<String, Object>>)
                DefinitionsCodec.parseObject(DefinitionsCodec.writeSpec(daily), "spec").get("deps"))
            .get(0);
    assertThat(dep)
        .containsEntry("sql_filters", List.of("reading_id <> 'x'"))
        .containsEntry("rename", Map.of());
    assertThat((Map<String, Object>) ((Map<String, Object>) dep.get("lineage")).get("relationship"))
        .containsOnlyKeys("type", "on")
        .containsEntry("type", "N:1")
        .containsEntry("on", null);
    assertThat(DefinitionsCodec.readSpec(DefinitionsCodec.writeSpec(daily))).isEqualTo(daily);
    FeatureSpec regrouped = daily.toBuilder().idColumns(List.of("sensor_id")).build();
    assertThat(((Lineage.Aggregation) regrouped.deps().get(0).lineage()).on())
        .containsExactly("sensor_id");
  }

  @Test
  void filtersAndSqlFiltersTogetherAreRejectedLikePython() {
    String json =
        """
        {"features": [{"key": "a", "id_columns": ["id"],
          "deps": [{"feature": "b", "filters": ["x > 1"], "sql_filters": ["x > 2"]}]}]}
        """;
    assertThatThrownBy(() -> DefinitionsCodec.readSpecs(json))
        .isInstanceOf(InvalidDefinitionsException.class)
        .hasMessageContaining("give \"filters\" or \"sql_filters\"");
  }
}
