package io.metaxy.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Python Metaxy dumps the specs it pushes (the {@code feature_spec} column) with its schemas and
 * versions; Java parses them and must compute the same feature, field, code, spec, definition and
 * project versions, and write the same spec JSON back.
 */
class SpecVersionsInteropTest {
  private static PythonMetaxy python;

  @BeforeAll
  static void venv() {
    python = PythonMetaxy.require();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("video", Map.of(), 8),
        Arguments.of("video", Map.of(), 64),
        Arguments.of("video", Map.of("audio_code_version", "2"), 8),
        Arguments.of("lineage", Map.of(), 8),
        Arguments.of("lineage", Map.of("code_version", "2"), 12),
        Arguments.of("mappings", Map.of(), 8),
        Arguments.of("mappings", Map.of(), 64));
  }

  /** What Python dumped for one case, parsed on the Java side. */
  record Dump(
      Map<String, Object> raw,
      List<FeatureSpec> specs,
      Map<FeatureKey, Map<String, Object>> schemas) {
    @SuppressWarnings("unchecked")
    static Dump of(Map<String, Object> raw) {
      List<FeatureSpec> specs = new ArrayList<>();
      Map<FeatureKey, Map<String, Object>> schemas = new LinkedHashMap<>();
      ((Map<String, Map<String, Object>>) raw.get("features"))
          .forEach(
              (k, f) -> {
                FeatureSpec s = SpecJson.fromTree(f.get("spec"));
                specs.add(s);
                schemas.put(s.key(), (Map<String, Object>) f.get("schema"));
              });
      return new Dump(raw, specs, schemas);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> feature(FeatureKey k) {
      return ((Map<String, Map<String, Object>>) raw.get("features")).get(k.toString());
    }
  }

  static Dump dump(String pythonCase, Map<String, String> args, int truncation) {
    return Dump.of(
        python.run(
            "dump_versions.py",
            Map.of("case", pythonCase, "args", args, "truncation", truncation)));
  }

  @ParameterizedTest(name = "{0} {1} truncation {2}")
  @MethodSource("cases")
  void javaComputesTheVersionsPythonPushes(String pythonCase, Map<String, String> args, int t) {
    Dump d = dump(pythonCase, args, t);
    assertThat(d.specs()).isNotEmpty();
    FeatureGraph g = FeatureGraph.of(d.specs());
    GraphVersions v = g.versions(Truncation.of(t));
    for (FeatureSpec s : d.specs()) {
      FeatureKey k = s.key();
      Map<String, Object> py = d.feature(k);
      assertThat(v.fieldVersions(k))
          .as("field versions of %s", k)
          .isEqualTo(py.get("field_versions"));
      assertThat(v.featureVersion(k))
          .as("feature version of %s", k)
          .isEqualTo(py.get("feature_version"));
      assertThat(v.featureCodeVersion(k))
          .as("code version of %s", k)
          .isEqualTo(py.get("code_version"));
      assertThat(v.specVersion(k)).as("spec version of %s", k).isEqualTo(py.get("spec_version"));
      assertThat(v.definitionVersion(k, d.schemas().get(k)))
          .as("definition version of %s", k)
          .isEqualTo(py.get("definition_version"));
      assertThat(SpecJson.toTree(s))
          .as("spec JSON of %s written back", k)
          .isEqualTo(py.get("spec"));
    }
    assertThat(v.projectVersion(d.schemas())).isEqualTo(d.raw().get("project_version"));
    assertThat(g.topologicalOrder().stream().map(FeatureKey::toString).toList())
        .containsExactlyInAnyOrderElementsOf(
            ((List<?>) d.raw().get("topological_order")).stream().map(Object::toString).toList());
  }

  @Test
  void aCodeVersionBumpChangesTheSameVersionsOnBothSides() {
    Dump before = dump("video", Map.of(), 8);
    Dump after = dump("video", Map.of("audio_code_version", "2"), 8);
    GraphVersions vb = FeatureGraph.of(before.specs()).versions(Truncation.of(8));
    GraphVersions va = FeatureGraph.of(after.specs()).versions(Truncation.of(8));
    FeatureKey face = FeatureKey.of("example/face_detection");
    FeatureKey stt = FeatureKey.of("example/stt");
    assertThat(va.featureVersion(face)).isEqualTo(vb.featureVersion(face));
    assertThat(va.featureVersion(face)).isEqualTo(after.feature(face).get("feature_version"));
    assertThat(va.featureVersion(stt))
        .isNotEqualTo(vb.featureVersion(stt))
        .isEqualTo(after.feature(stt).get("feature_version"));
    assertThat(va.projectVersion(after.schemas()))
        .isNotEqualTo(vb.projectVersion(before.schemas()))
        .isEqualTo(after.raw().get("project_version"));
  }

  /** A spec of feature {@code a} (ID column {@code id}) with the one dependency {@code dep}. */
  private static Map<String, Object> withDep(Map<String, ?> dep) {
    return Map.of("key", "a", "id_columns", List.of("id"), "deps", List.of(dep));
  }

  static List<Object> candidates() {
    List<Object> out = new ArrayList<>();
    out.add(Map.of("key", "a", "id_columns", List.of("id")));
    out.add(
        Map.of(
            "key",
            List.of("a", "b"),
            "id_columns",
            List.of("id"),
            "fields",
            List.of("x", Map.of("key", List.of("p", "q")))));
    out.add(
        Map.of(
            "key",
            "a",
            "id_columns",
            List.of("id"),
            "deps",
            List.of("b", Map.of("feature", "c", "filters", List.of("x > 1")))));
    out.add(withDep(Map.of("feature", "b", "sql_filters", List.of("x > 1"))));
    out.add(
        withDep(Map.of("feature", "b", "lineage", Map.of("relationship", Map.of("type", "N:1")))));
    out.add(
        withDep(
            Map.of(
                "feature",
                "b",
                "fields_mapping",
                Map.of(
                    "mapping",
                    Map.of(
                        "type",
                        "specific",
                        "mapping",
                        Map.of("f", List.of("x/y", List.of("z"))))))));
    // rejected by Python
    out.add(Map.of("key", "a", "id_columns", List.of()));
    out.add(Map.of("key", "a"));
    out.add(
        withDep(
            Map.of("feature", "b", "filters", List.of("x > 1"), "sql_filters", List.of("y > 2"))));
    out.add(
        withDep(Map.of("feature", "b", "lineage", Map.of("relationship", Map.of("type", "1:N")))));
    out.add(
        withDep(Map.of("feature", "b", "lineage", Map.of("relationship", Map.of("type", "2:2")))));
    out.add(
        withDep(
            Map.of(
                "feature", "b", "fields_mapping", Map.of("mapping", Map.of("type", "nearest")))));
    out.add(withDep(Map.of("feature", "b", "filters", "x > 1")));
    out.add(withDep(Map.of("feature", "b", "optinal", true)));
    out.add(Map.of("key", "a", "id_columns", List.of("id"), "colour", "red"));
    out.add(
        Map.of(
            "key",
            "a",
            "id_columns",
            List.of("id"),
            "fields",
            List.of(Map.of("key", "f"), Map.of("key", "f"))));
    out.add(
        Map.of(
            "key",
            "a",
            "id_columns",
            List.of("id"),
            "fields",
            List.of(Map.of("key", "f", "version", "1"))));
    out.add(Map.of("key", "Bad Key", "id_columns", List.of("id")));
    out.add(
        Map.of(
            "key",
            "a",
            "id_columns",
            List.of("id"),
            "fields",
            List.of(Map.of("key", "f", "deps", "everything"))));
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCodecAcceptsWhatPythonAcceptsAndRejectsWhatItRejects() {
    List<Object> specs = candidates();
    List<Map<String, Object>> results =
        (List<Map<String, Object>>)
            python.run("validate_specs.py", Map.of("specs", specs)).get("results");
    assertThat(results).hasSameSizeAs(specs);
    int accepted = 0;
    for (int i = 0; i < specs.size(); i++) {
      Object spec = specs.get(i);
      Map<String, Object> py = results.get(i);
      if (Boolean.TRUE.equals(py.get("accepted"))) {
        accepted++;
        FeatureSpec parsed = SpecJson.fromTree(spec);
        assertThat(SpecJson.toTree(parsed))
            .as("normalised form of %s", spec)
            .isEqualTo(py.get("spec"));
      } else {
        assertThatThrownBy(() -> SpecJson.fromTree(spec))
            .as("Python rejects %s (%s)", spec, py.get("error"))
            .isInstanceOf(MetaxyException.class);
      }
    }
    assertThat(accepted)
        .as("both kinds of candidates are exercised")
        .isBetween(1, specs.size() - 1);
  }
}
