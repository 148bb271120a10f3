package io.metaxy.domain.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.InvalidDefinitionsException;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldDep;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.FieldsMapping;
import io.metaxy.domain.spec.Lineage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The §7 tree shape: defaults, unknown members named by path, every problem together. */
class SpecJsonTest {

  private static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static InvalidDefinitionsException invalid(Object doc) {
    try {
      SpecJson.fromDocument(doc);
    } catch (InvalidDefinitionsException e) {
      return e;
    }
    throw new AssertionError("expected InvalidDefinitionsException");
  }

  @Test
  void omittedMembersTakeTheDefaults() {
    FeatureSpec s =
        SpecJson.fromTree(
            obj(
                "key",
                "example/crop",
                "id_columns",
                List.of("video_id"),
                "deps",
                List.of(obj("feature", "example/video"))));
    assertThat(s)
        .isEqualTo(
            FeatureSpec.builder("example/crop")
                .idColumns("video_id")
                .dependsOn("example/video")
                .build());
    assertThat(s.fields()).extracting(FieldSpec::codeVersion).containsExactly("__metaxy_initial__");
  }

  @Test
  void allMarkersAndLineageForms() {
    FeatureSpec s =
        SpecJson.fromTree(
            obj(
                "key",
                "c",
                "id_columns",
                List.of("id"),
                "deps",
                List.of(
                    obj("feature", "a", "lineage", obj("type", "1:N", "on", List.of("vid"))),
                    obj(
                        "feature",
                        "b",
                        "lineage",
                        obj("relationship", obj("type", "N:1", "on", List.of("sensor_id"))))),
                "fields",
                List.of(
                    obj("key", "x", "deps", SpecJson.ALL_DEP),
                    obj(
                        "key",
                        "y",
                        "deps",
                        List.of(
                            obj("feature", "a", "fields", SpecJson.ALL_DEP),
                            obj("feature", "b"),
                            obj("feature", "b", "fields", List.of("z")))))));
    assertThat(s.deps().get(0).lineage()).isEqualTo(Lineage.expansion("vid"));
    assertThat(s.deps().get(1).lineage()).isEqualTo(Lineage.aggregation("sensor_id"));
    assertThat(s.fields().get(0).dependsOnAll()).isTrue();
    List<FieldDep> fds = s.fields().get(1).deps();
    assertThat(fds.get(0).allFields()).isTrue();
    assertThat(fds.get(1).allFields()).isTrue();
    assertThat(fds.get(2).fields()).containsExactly(FieldKey.of("z"));
  }

  @Test
  void unknownMembersAreNamedWithTheirPath() {
    Map<String, Object> doc =
        obj(
            "features",
            List.of(
                obj(
                    "key",
                    "example/crop",
                    "id_columns",
                    List.of("video_id"),
                    "colour",
                    "red",
                    "deps",
                    List.of(
                        obj(
                            "feature",
                            "example/video",
                            "optinal",
                            true,
                            "fields_mapping",
                            obj("mapping", obj("type", "all", "extra", 1)),
                            "lineage",
                            obj("relationship", obj("type", "1:1", "cardinality", "x")))),
                    "fields",
                    List.of(
                        obj(
                            "key",
                            "frames",
                            "version",
                            "1",
                            "deps",
                            List.of(obj("feature", "example/video", "field", "frames")))))),
            "version",
            2);
    InvalidDefinitionsException e = invalid(doc);
    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_DEFINITIONS);
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "$: unknown member \"version\"; allowed members are [feature_schemas, features,"
                + " project]",
            "$.features[0]: unknown member \"colour\"; allowed members are [deps, description,"
                + " fields, id_columns, key, metadata]",
            "$.features[0] (feature example/crop).deps[0]: unknown member \"optinal\"; allowed"
                + " members are [feature, fields_mapping, filters, lineage, optional, rename,"
                + " select, sql_filters]",
            "$.features[0] (feature example/crop).deps[0].fields_mapping.mapping: unknown member"
                + " \"extra\"; allowed members are [type]",
            "$.features[0] (feature example/crop).deps[0].lineage.relationship: unknown member"
                + " \"cardinality\"; allowed members are [type]",
            "$.features[0] (feature example/crop).fields[0]: unknown member \"version\"; allowed"
                + " members are [code_version, deps, key]",
            "$.features[0] (feature example/crop).fields[0].deps[0]: unknown member \"field\";"
                + " allowed members are [feature, fields]");
    assertThat(e)
        .hasMessageStartingWith("[MX013] Invalid feature definitions:")
        .hasMessageContaining("unknown member \"optinal\"");
  }

  @Test
  void wrongTypesBadValuesAndInvalidSpecsAreCollected() {
    Map<String, Object> doc =
        obj(
            "features",
            List.of(
                obj("key", "Bad Key", "id_columns", List.of("id")),
                obj("key", "a", "id_columns", "id"),
                obj(
                    "key",
                    "b",
                    "id_columns",
                    List.of("id"),
                    "deps",
                    List.of(
                        obj("feature", "a", "optional", "yes"),
                        obj("feature", "a", "lineage", obj("type", "N:1", "on", List.of())),
                        obj("feature", "a", "lineage", obj("type", "2:2")),
                        obj("feature", "a", "fields_mapping", obj("mapping", obj("type", "x"))),
                        obj("feature", "a", "filters", List.of("x = 1 --")))),
                obj(
                    "key",
                    "c",
                    "id_columns",
                    List.of(),
                    "fields",
                    List.of(obj("key", "f"), obj("key", "f"))),
                "not an object"));
    InvalidDefinitionsException e = invalid(doc);
    List<String> p = e.problems();
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("$.features[0] (feature Bad Key): [MX001]")
                    .contains("part \"Bad Key\""));
    assertThat(p)
        .contains(
            "$.features[1] (feature a).id_columns: expected an array, got String id",
            "$.features[2] (feature b).deps[0].optional: expected true or false, got yes",
            "$.features[2] (feature b).deps[1].lineage.on: aggregation (N:1) needs at least one"
                + " column to group by; omit \"on\" (or give null) to group by the feature's ID"
                + " columns",
            "$.features[2] (feature b).deps[2].lineage.type: unknown lineage \"2:2\"; use 1:1, N:1"
                + " or 1:N",
            "$.features[2] (feature b).deps[3].fields_mapping.mapping.type: unknown fields mapping"
                + " \"x\"; use default, all, none or specific",
            "$.features[4]: expected an object, got String not an object");
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("$.features[2] (feature b).deps[4]: ")
                    .contains("Invalid filter \"x = 1 --\" at position 6"));
    assertThat(p)
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("$.features[3] (feature c): ")
                    .contains("has no ID columns")
                    .contains("declares field \"f\" more than once"));
  }

  @Test
  void nonStringListElementsAreReportedNotTurnedIntoText() {
    Map<String, Object> doc =
        obj(
            "features",
            List.of(
                obj(
                    "key",
                    "a",
                    "id_columns",
                    java.util.Arrays.asList("id", null),
                    "deps",
                    List.of(
                        obj(
                            "feature",
                            "v",
                            "select",
                            List.of("x", 5),
                            "rename",
                            obj("x", true),
                            "filters",
                            List.of(new ArrayList<>(List.of("x = 1"))),
                            "lineage",
                            obj("type", "N:1", "on", List.of(obj()))),
                        obj(
                            "feature",
                            "w",
                            "fields_mapping",
                            obj(
                                "mapping",
                                obj("type", "specific", "mapping", obj("f", List.of(1)))))),
                    "fields",
                    List.of(
                        obj(
                            "key",
                            "f",
                            "deps",
                            List.of(obj("feature", "v", "fields", List.of(2))))))));
    assertThat(invalid(doc).problems())
        .containsExactlyInAnyOrder(
            "$.features[0] (feature a).id_columns[1]: expected a string, got nothing (missing or"
                + " null)",
            "$.features[0] (feature a).deps[0].select[1]: expected a string, got Integer 5",
            "$.features[0] (feature a).deps[0].rename.x: expected a string, got Boolean true",
            "$.features[0] (feature a).deps[0].filters[0]: expected a string, got ArrayList [x = 1]",
            "$.features[0] (feature a).deps[0].lineage.on[0]: expected a string, got"
                + " LinkedHashMap {}",
            "$.features[0] (feature a).deps[1].fields_mapping.mapping.mapping.f[0]: expected a"
                + " string, got Integer 1",
            "$.features[0] (feature a).fields[0].deps[0].fields[0]: expected a string, got Integer"
                + " 2");
  }

  @Test
  void missingFeaturesMember() {
    assertThat(invalid(obj()).problems())
        .containsExactly("$.features: expected an array, got nothing (missing or null)");
    assertThat(invalid(List.of()).problems())
        .singleElement()
        .satisfies(s -> assertThat(s).startsWith("$: expected an object, got "));
  }

  @Test
  void treeRoundTripUsesEveryMember() {
    FeatureSpec spec =
        FeatureSpec.builder("example/crop")
            .idColumns("video_id", "frame")
            .dependsOn(
                FeatureDep.builder("example/video")
                    .select("frames", "fps")
                    .rename("frame_rate", "fps")
                    .filter("fps >= 24 AND codec IN ('h264', 'av1')")
                    .fieldsMapping(
                        FieldsMapping.specific(
                            Map.of(FieldKey.of("frames"), List.of(FieldKey.of("frames")))))
                    .lineage(Lineage.expansion("video_id"))
                    .build())
            .dependsOn(
                FeatureDep.builder("example/sensor")
                    .fieldsMapping(FieldsMapping.all())
                    .lineage(Lineage.aggregation("sensor_id"))
                    .optional()
                    .build())
            .dependsOn(
                FeatureDep.builder("example/meta").fieldsMapping(FieldsMapping.none()).build())
            .field(FieldSpec.builder("frames").codeVersion("3").dependsOn("example/video").build())
            .field(FieldSpec.builder("mix").dependsOnAll().build())
            .field(
                FieldSpec.builder("temp")
                    .dependsOn("example/sensor", "celsius", "kelvin")
                    .dependsOn("example/meta")
                    .build())
            .metadata("owner", "vision")
            .metadata("tags", List.of("a", "b"))
            .description("Cropped frames")
            .build();
    Map<String, Object> tree = SpecJson.toTree(spec);
    assertThat(SpecJson.fromTree(tree)).isEqualTo(spec);
    assertThat(SpecJson.fromDocument(SpecJson.toDocument(List.of(spec, spec))))
        .containsExactly(spec, spec);
    // canonical JSON: sorted keys, Python's separators, stable
    String canonical = SpecJson.canonical(spec);
    assertThat(canonical)
        .startsWith("{\"deps\": [{\"feature\": \"example/video\", \"fields_mapping\": ")
        .contains("\"sql_filters\": [\"fps >= 24")
        .contains("\"id_generation_pattern\": null, \"on\": [\"video_id\"], \"type\": \"1:N\"");
    assertThat(canonical).isEqualTo(SpecJson.canonical(SpecJson.fromTree(tree)));
    assertThat(SpecJson.canonical(new ArrayList<>(List.of("a\"\n\u0001"))))
        .isEqualTo("[\"a\\\"\\n\\u0001\"]");
  }
}
