package io.metaxy.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Record-level interop without a shared store: Python Metaxy resolves a scenario on its Delta (or
 * DuckDB) store, Java on the in-memory store; the new, stale and orphaned samples and their
 * provenance must be identical at every step (first run, idle rerun, code-version bump, upstream
 * data changes). Then Java's stored rows are fed to Python, which must find nothing to recompute
 * and resolve the downstream features exactly as Java does.
 */
class IncrementInteropTest {
  private static PythonMetaxy python;
  private static final Map<String, FeatureGraph> GRAPHS = new HashMap<>();

  @BeforeAll
  static void venv() {
    python = PythonMetaxy.require();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> scenario(String name) throws IOException {
    try (InputStream in =
        IncrementInteropTest.class.getResourceAsStream("/scenarios/" + name + ".json")) {
      return PythonMetaxy.JSON.readValue(in, Map.class);
    }
  }

  /** The graph Python defines for a case and arguments (cached: one Python run each). */
  static FeatureGraph graph(String pythonCase, Map<String, Object> args) {
    return GRAPHS.computeIfAbsent(
        pythonCase + args,
        k ->
            JavaScenario.graphOf(
                python.run(
                    "dump_versions.py",
                    Map.of("case", pythonCase, "args", args, "truncation", 8))));
  }

  static Stream<Arguments> scenarios() {
    return Stream.of(
        Arguments.of("video", "md5", "delta"),
        Arguments.of("video", "xxhash32", "delta"),
        Arguments.of("video", "sha256", "delta"),
        Arguments.of("lineage", "md5", "delta"),
        Arguments.of("lineage", "xxhash64", "delta"),
        Arguments.of("lineage", "md5", "duckdb"));
  }

  @ParameterizedTest(name = "{0} {1} on Python''s {2} store")
  @MethodSource("scenarios")
  @SuppressWarnings("unchecked")
  void javaAndPythonResolveTheSameIncrements(String name, String hash, String pythonStore)
      throws IOException {
    Map<String, Object> request = new LinkedHashMap<>(scenario(name));
    request.put("hash", hash);
    request.put("truncation", 8);
    request.put("store", pythonStore);
    String pythonCase = (String) request.get("case");
    Map<String, Object> py = python.run("resolve_scenario.py", request);
    Map<String, Object> java = new JavaScenario(args -> graph(pythonCase, args)).run(request);

    List<Object> pySteps = (List<Object>) py.get("steps");
    List<Object> javaSteps = (List<Object>) java.get("steps");
    assertThat(javaSteps).hasSameSizeAs(pySteps);
    int nonEmpty = 0;
    for (int i = 0; i < pySteps.size(); i++) {
      Map<String, Object> p = (Map<String, Object>) pySteps.get(i);
      Map<String, Object> j = (Map<String, Object>) javaSteps.get(i);
      assertThat(j.keySet()).isEqualTo(p.keySet());
      for (String feature : p.keySet()) {
        assertThat(j.get(feature)).as("step %d, %s", i, feature).isEqualTo(p.get(feature));
        nonEmpty +=
            ((Map<String, List<?>>) p.get(feature)).values().stream().mapToInt(List::size).sum();
      }
    }
    assertThat(nonEmpty).as("the scenario produces work to compare").isGreaterThan(0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void rowsJavaComputedAreUpToDateForPythonAndResolveTheSameDownstream() throws IOException {
    Map<String, Object> request = new LinkedHashMap<>(scenario("video"));
    request.put("hash", "md5");
    request.put("truncation", 8);
    Map<String, Object> first = ((List<Map<String, Object>>) request.get("steps")).get(0);

    // Java computes and stores video and crop
    Map<String, Object> javaStep = new LinkedHashMap<>(first);
    javaStep.put("run", List.of("example/video", "example/crop"));
    Map<String, Object> javaRequest = new LinkedHashMap<>(request);
    javaRequest.put("steps", List.of(javaStep));
    JavaScenario java = new JavaScenario(args -> graph("video", args));
    java.run(javaRequest);

    // Python receives Java's stored rows, finds them current, and resolves the rest
    Map<String, Object> written = new LinkedHashMap<>();
    for (String f : List.of("example/video", "example/crop")) {
      List<Map<String, Object>> rows = new ArrayList<>();
      try (Stream<Row> s = java.store().read(FeatureKey.of(f), ReadOptions.defaults())) {
        s.forEach(
            r -> {
              Map<String, Object> m = new LinkedHashMap<>();
              for (String c :
                  List.of(
                      "video_id",
                      JavaScenario.PBF,
                      JavaScenario.PROV,
                      "metaxy_data_version_by_field",
                      "metaxy_data_version")) {
                Object v = r.get(c);
                m.put(c, v instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : v);
              }
              rows.add(m);
            });
      }
      assertThat(rows).as("rows of %s Java stored", f).hasSize(3);
      written.put(f, rows);
    }
    List<String> rest =
        List.of(
            "example/video",
            "example/crop",
            "example/face_detection",
            "example/stt",
            "example/summary");
    Map<String, Object> pyStep = new LinkedHashMap<>(first);
    pyStep.put("write", written);
    pyStep.put("run", rest);
    Map<String, Object> pyRequest = new LinkedHashMap<>(request);
    pyRequest.put("steps", List.of(pyStep));
    Map<String, Object> py =
        (Map<String, Object>)
            ((List<Object>) python.run("resolve_scenario.py", pyRequest).get("steps")).get(0);

    Map<String, Object> javaRest = new LinkedHashMap<>(first);
    javaRest.put("run", rest);
    Map<String, Object> javaRestRequest = new LinkedHashMap<>(request);
    javaRestRequest.put("steps", List.of(javaRest));
    Map<String, Object> javaResult =
        (Map<String, Object>) ((List<Object>) java.run(javaRestRequest).get("steps")).get(0);

    Map<String, List<?>> empty =
        Map.of("new", List.of(), "stale", List.of(), "orphaned", List.of());
    assertThat(py.get("example/video"))
        .as("Python: Java's video rows are current")
        .isEqualTo(empty);
    assertThat(py.get("example/crop")).as("Python: Java's crop rows are current").isEqualTo(empty);
    assertThat(((Map<String, List<?>>) py.get("example/face_detection")).get("new")).hasSize(3);
    assertThat(py).isEqualTo(javaResult);
  }
}
