package io.metaxy.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The BOM lists exactly the published modules of the reactor, at the reactor's version. */
class BomTest {
  private static Path root;
  private static List<RepoLayout.Module> modules;

  @BeforeAll
  static void readReactor() {
    root = RepoLayout.root();
    modules = RepoLayout.modules(root);
  }

  private static Set<String> published() {
    Set<String> out = new TreeSet<>();
    modules.stream().filter(RepoLayout.Module::published).forEach(m -> out.add(m.artifactId()));
    return out;
  }

  @Test
  void reactorIsReadCompletely() {
    assertThat(modules)
        .extracting(RepoLayout.Module::artifactId)
        .contains("metaxy-bom", "metaxy-domain", "metaxy-ports", "metaxy-architecture-tests");
    assertThat(published()).contains("metaxy-domain", "metaxy-json", "metaxy-ports");
    assertThat(published())
        .as("unpublished modules are never expected in the BOM")
        .doesNotContain("metaxy-bom", "metaxy-architecture-tests");
  }

  @Test
  void unpublishedListDecidesByModulePath() {
    assertThat(RepoLayout.isPublished("metaxy-domain")).isTrue();
    assertThat(RepoLayout.isPublished("adapter-jooq")).isTrue();
    assertThat(RepoLayout.isPublished("architecture-tests")).isFalse();
    assertThat(RepoLayout.isPublished("benchmarks")).isFalse();
    assertThat(RepoLayout.isPublished("examples/quickstart")).isFalse();
    assertThat(RepoLayout.isPublished("examples")).isFalse();
    assertThat(RepoLayout.isPublished("bom")).isFalse();
  }

  @Test
  void bomListsEveryPublishedModuleAndNothingElse() {
    Map<String, String> managed = RepoLayout.managedDependencies(root.resolve("bom/pom.xml"));
    Set<String> listed = new TreeSet<>();
    managed.keySet().stream()
        .filter(k -> k.startsWith("io.metaxy:"))
        .forEach(k -> listed.add(k.substring("io.metaxy:".length())));
    Set<String> missing = new TreeSet<>(published());
    missing.removeAll(listed);
    Set<String> extra = new TreeSet<>(listed);
    extra.removeAll(published());
    // one failure that names both the missing and the extra artifacts
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add(
          "published modules missing from bom/pom.xml: add a <dependency> (groupId io.metaxy,"
              + " version as the others) for each of "
              + missing);
    }
    if (!extra.isEmpty()) {
      problems.add(
          "bom/pom.xml lists "
              + extra
              + ", which are not published modules of the reactor: remove them, or add the"
              + " module to the root pom (unpublished: "
              + RepoLayout.UNPUBLISHED
              + ")");
    }
    assertThat(problems).as(String.join("; ", problems)).isEmpty();
  }

  @Test
  void bomVersionsAreTheReactorVersion() {
    String version = RepoLayout.version(root.resolve("pom.xml"));
    assertThat(RepoLayout.version(root.resolve("bom/pom.xml"))).isEqualTo(version);
    RepoLayout.managedDependencies(root.resolve("bom/pom.xml")).entrySet().stream()
        .filter(e -> e.getKey().startsWith("io.metaxy:"))
        .forEach(
            e -> {
              String artifact = e.getKey();
              String v = e.getValue();
              assertThat(v)
                  .as("version of %s in bom/pom.xml", artifact)
                  .isIn(version, "${project.version}");
            });
  }

  /** Test-only libraries of the build: a consumer does not need their versions. */
  private static final Set<String> TEST_ONLY =
      Set.of(
          "org.junit:junit-bom",
          "net.jqwik:jqwik",
          "com.tngtech.archunit:archunit-junit5",
          "org.assertj:assertj-core");

  @Test
  void bomManagesEveryThirdPartyVersionTheBuildTestsWith() {
    Map<String, String> build = RepoLayout.resolvedManagedDependencies(root.resolve("pom.xml"));
    Map<String, String> bom = RepoLayout.resolvedManagedDependencies(root.resolve("bom/pom.xml"));
    assertThat(build)
        .containsKey("io.ebean:ebean-core")
        .containsKey("com.fasterxml.jackson:jackson-bom");
    List<String> problems = new ArrayList<>();
    build.forEach(
        (artifact, v) -> {
          if (TEST_ONLY.contains(artifact)) {
            return;
          }
          if (!bom.containsKey(artifact)) {
            problems.add(artifact + " " + v + " is missing from bom/pom.xml");
          } else if (!v.equals(bom.get(artifact))) {
            problems.add(
                artifact + ": bom/pom.xml has " + bom.get(artifact) + ", the build tests " + v);
          }
        });
    assertThat(problems).as(String.join("; ", problems)).isEmpty();
  }

  @Test
  void architectureTestsSeeEveryPublishedModule() {
    Set<String> deps = new TreeSet<>();
    RepoLayout.dependencies(root.resolve("architecture-tests/pom.xml")).keySet().stream()
        .filter(k -> k.startsWith("io.metaxy:"))
        .forEach(k -> deps.add(k.substring("io.metaxy:".length())));
    Set<String> missing = new TreeSet<>(published());
    missing.removeAll(deps);
    assertThat(missing)
        .as(
            "published modules the ArchUnit rules do not see: add %s as dependencies of"
                + " architecture-tests/pom.xml",
            missing)
        .isEmpty();
  }
}
