package io.metaxy.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.cli.MetaxyCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code metaxy versions} (Java CLI) and Python Metaxy print the same feature, field, spec,
 * definition and project versions for the same definitions file, whichever side wrote it.
 */
class VersionsCommandInteropTest {
  private static PythonMetaxy python;
  @TempDir Path dir;

  @BeforeAll
  static void venv() {
    python = PythonMetaxy.require();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> javaCli(Path definitions, int truncation) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = MetaxyCli.commandLine(CliEnvironment.of(Map.of(), dir));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code =
        cl.execute(
            "versions",
            "--definitions",
            definitions.toString(),
            "--truncation",
            String.valueOf(truncation),
            "--format",
            "json");
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    return PythonMetaxy.JSON.readValue(out.toString(), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static void assertSameVersions(Map<String, Object> java, Map<String, Object> py) {
    Map<String, Map<String, Object>> jf = (Map<String, Map<String, Object>>) java.get("features");
    Map<String, Map<String, Object>> pf = (Map<String, Map<String, Object>>) py.get("features");
    assertThat(jf.keySet()).isEqualTo(pf.keySet());
    pf.forEach(
        (key, expected) -> {
          for (String version :
              List.of("feature_version", "field_versions", "spec_version", "definition_version")) {
            assertThat(jf.get(key).get(version))
                .as("%s of %s", version, key)
                .isEqualTo(expected.get(version));
          }
        });
    assertThat(java.get("project_version")).isEqualTo(py.get("project_version"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void definitionsPushedByPythonClassesGiveTheSameVersions() throws IOException {
    Map<String, Object> dump =
        python.run("dump_versions.py", Map.of("case", "video", "truncation", 8));
    Map<String, Object> doc = new LinkedHashMap<>();
    Map<String, Object> schemas = new LinkedHashMap<>();
    List<Object> specs = new java.util.ArrayList<>();
    ((Map<String, Map<String, Object>>) dump.get("features"))
        .forEach(
            (k, f) -> {
              specs.add(f.get("spec"));
              schemas.put(k, f.get("schema"));
            });
    doc.put("features", specs);
    doc.put("feature_schemas", schemas);
    Path file = dir.resolve("from-python.json");
    Files.writeString(file, PythonMetaxy.JSON.writeValueAsString(doc));

    Map<String, Object> java = javaCli(file, 8);
    assertSameVersions(java, dump);
    assertSameVersions(
        java,
        python.run("versions_of_definitions.py", Map.of("definitions", doc, "truncation", 8)));
  }

  @Test
  void aDefinitionsFileWrittenForJavaGivesTheSameVersionsInPython() throws IOException {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/video-pipeline.definitions.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path file = dir.resolve("defs.json");
    Files.writeString(file, json);
    for (int truncation : new int[] {8, 64}) {
      Map<String, Object> java = javaCli(file, truncation);
      Map<String, Object> py =
          python.run(
              "versions_of_definitions.py",
              Map.of(
                  "definitions",
                  PythonMetaxy.JSON.readValue(json, Map.class),
                  "truncation",
                  truncation));
      assertSameVersions(java, py);
    }
  }
}
