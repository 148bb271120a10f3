package io.metaxy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.GraphCycleException;
import io.metaxy.domain.error.InvalidDefinitionsException;
import io.metaxy.domain.error.InvalidSpecException;
import io.metaxy.domain.error.Problem;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldsMapping;
import io.metaxy.domain.spec.Lineage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** §7 through Jackson: read → write → read round trips, and errors that name their path. */
class DefinitionsCodecTest {

  private static String resource(String name) throws Exception {
    Path p = Path.of("src/test/resources/definitions", name);
    return Files.readString(p);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "vectors/video-pipeline.definitions.json",
        "definitions/every-member.definitions.json"
      })
  void readWriteReadGivesEqualSpecs(String file) throws Exception {
    String json = Files.readString(Path.of("src/test/resources", file));
    List<FeatureSpec> first = DefinitionsCodec.readSpecs(json);
    String written = DefinitionsCodec.write(first);
    List<FeatureSpec> second = DefinitionsCodec.readSpecs(written);
    assertThat(second).isEqualTo(first);
    assertThat(DefinitionsCodec.write(second)).isEqualTo(written); // writing is stable
    // the graph (and so every version) is the same
    FeatureGraph a = FeatureGraph.of(first);
    FeatureGraph b = FeatureGraph.of(second);
    assertThat(b.versions().snapshotVersion()).isEqualTo(a.versions().snapshotVersion());
    for (FeatureSpec s : first) {
      assertThat(b.versions().specVersion(s.key())).isEqualTo(a.versions().specVersion(s.key()));
      // single-spec form (snapshot column) round trips too
      assertThat(DefinitionsCodec.readSpec(DefinitionsCodec.writeSpec(s))).isEqualTo(s);
    }
  }

  @Test
  void everyMemberIsRead() throws Exception {
    FeatureGraph g = DefinitionsCodec.readGraph(resource("every-member.definitions.json"));
    FeatureSpec raw = g.get("sensors/raw");
    assertThat(raw.idColumns()).containsExactly("sensor_id", "ts");
    assertThat(raw.field(FieldKey.of("humidity")).orElseThrow().codeVersion())
        .isEqualTo("__metaxy_initial__");
    assertThat(raw.metadata())
        .containsEntry("owner", "iot")
        .containsEntry("retention_days", 30)
        .containsEntry("ratio", new BigDecimal("0.25"))
        .containsEntry("tags", List.of("a", "b"));
    assertThat(raw.description()).isEqualTo("Raw sensor readings");

    FeatureDep daily = g.get("sensors/daily").deps().get(0);
    assertThat(daily.select()).containsExactly("sensor_id", "ts", "temp");
    assertThat(daily.rename()).isEqualTo(Map.of("celsius_value", "temp"));
    assertThat(daily.filters()).hasSize(2);
    assertThat(daily.parsedFilters()).hasSize(2);
    assertThat(daily.fieldsMapping()).isEqualTo(FieldsMapping.all());
    assertThat(daily.lineage()).isEqualTo(Lineage.aggregation("sensor_id"));
    assertThat(g.get("sensors/daily").fields().get(0).dependsOnAll()).isTrue();

    FeatureSpec frames = g.get("example/frames");
    assertThat(frames.deps().get(0).lineage()).isEqualTo(Lineage.expansion("video_id"));
    assertThat(frames.deps().get(0).fieldsMapping())
        .isEqualTo(
            FieldsMapping.specific(
                Map.of(
                    FieldKey.of("image"), List.of(FieldKey.of("frames")),
                    FieldKey.of("sound"), List.of(FieldKey.of("audio"), FieldKey.of("meta/fps")))));
    assertThat(frames.deps().get(1).optional()).isTrue();
    assertThat(frames.deps().get(1).fieldsMapping()).isEqualTo(FieldsMapping.none());
    assertThat(g.parentFields(FieldRef.of("example/frames", "sound")).toString())
        .isEqualTo("[example/video.audio, example/video.meta/fps]");
    assertThat(g.parentFields(FieldRef.of("example/frames", "context")).toString())
        .isEqualTo("[example/video.frames, sensors/daily.mean_temp]");
    // explicit null members take the defaults
    FeatureDep summary = g.get("example/summary").deps().get(0);
    assertThat(summary.select()).isNull();
    assertThat(summary.rename()).isEmpty();
    assertThat(summary.filters()).isEmpty();
    assertThat(g.parentFields(FieldRef.of("example/summary", "default")))
        .extracting(FieldRef::toString)
        .containsExactly("example/frames.context", "example/frames.image", "example/frames.sound");
    assertThat(g.topologicalOrder())
        .extracting(FeatureKey::toString)
        .containsExactly(
            "example/video", "sensors/raw", "sensors/daily", "example/frames", "example/summary");
  }

  @Test
  void unknownMembersAreErrorsNamingTheirPath() {
    String json =
        """
        {"features": [{"key": "a", "id_columns": ["id"], "fields": [{"key": "x", "code": "1"}]},
                      {"key": "b", "id_columns": ["id"], "deps": [{"feature": "a", "on": ["id"]}],
                       "lables": {}}]}
        """;
    assertThatThrownBy(() -> DefinitionsCodec.readSpecs(json))
        .isInstanceOfSatisfying(
            InvalidDefinitionsException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "$.features[0] (feature a).fields[0]: unknown member \"code\"; allowed"
                            + " members are [code_version, deps, key]",
                        "$.features[1]: unknown member \"lables\"; allowed members are [deps,"
                            + " description, fields, id_columns, key, metadata]",
                        "$.features[1] (feature b).deps[0]: unknown member \"on\"; allowed"
                            + " members are [feature, fields_mapping, filters, lineage, optional,"
                            + " rename, select, sql_filters]"))
        .hasMessageContaining("[MX013] Invalid feature definitions:");
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> DefinitionsCodec.readSpecs("{\"features\": [\n  {\"key\": }]}"))
        .isInstanceOf(InvalidDefinitionsException.class)
        .hasMessageContaining("definitions: not valid JSON at line 2, column");
    assertThatThrownBy(() -> DefinitionsCodec.readSpecs("{\"features\": [], \"features\": []}"))
        .isInstanceOf(InvalidDefinitionsException.class)
        .hasMessageContaining("Duplicate field 'features'");
    assertThatThrownBy(() -> DefinitionsCodec.parseObject("[1]", "expected"))
        .isInstanceOf(InvalidDefinitionsException.class)
        .hasMessageContaining("expected: expected a JSON object");
  }

  @Test
  void graphErrorsSurfaceThroughTheCodec() {
    String cycle =
        """
        {"features": [{"key": "a", "id_columns": ["id"], "deps": [{"feature": "c"}]},
                      {"key": "b", "id_columns": ["id"], "deps": [{"feature": "a"}]},
                      {"key": "c", "id_columns": ["id"], "deps": [{"feature": "b"}]}]}
        """;
    assertThatThrownBy(() -> DefinitionsCodec.readGraph(cycle))
        .isInstanceOfSatisfying(
            GraphCycleException.class,
            e -> assertThat(e.cycle()).containsExactly("a", "c", "b", "a"))
        .hasMessageContaining("a -> c -> b -> a");
    String several =
        """
        {"features": [{"key": "a", "id_columns": ["id"], "fields": [{"key": "x"}]},
                      {"key": "b", "id_columns": ["id"], "deps": [{"feature": "a"}, {"feature": "z"}],
                       "fields": [{"key": "y", "deps": [{"feature": "a", "fields": ["nope"]}]}]}]}
        """;
    assertThatThrownBy(() -> DefinitionsCodec.readGraph(several))
        .isInstanceOfSatisfying(
            InvalidSpecException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::code)
                    .containsExactly(
                        ErrorCode.MISSING_DEPENDENCY, ErrorCode.UNKNOWN_FIELD_DEPENDENCY));
  }

  @Test
  void writesTheShapeThePythonOriginalWrites() throws Exception {
    FeatureSpec crop =
        DefinitionsCodec.readGraph(
                Files.readString(
                    Path.of("src/test/resources/vectors/video-pipeline.definitions.json")))
            .get("example/crop");
    Map<String, Object> tree =
        DefinitionsCodec.parseObject(DefinitionsCodec.writeSpec(crop), "spec");
    assertThat(tree)
        .containsOnlyKeys("key", "id_columns", "deps", "fields", "metadata", "description");
    @SuppressWarnings("unchecked")
    Map<String, Object> dep = ((List<Map<String, Object>>) tree.get("deps")).get(0);
    assertThat(dep)
        .containsEntry("feature", "example/video")
        .containsEntry("optional", false)
        .containsEntry("lineage", Map.of("relationship", Map.of("type", "1:1")))
        .containsEntry("sql_filters", null)
        .containsEntry(
            "fields_mapping",
            Map.of(
                "mapping",
                Map.of("type", "default", "match_suffix", false, "exclude_fields", List.of())));
  }
}
