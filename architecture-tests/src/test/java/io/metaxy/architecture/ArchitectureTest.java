package io.metaxy.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules over every module this one depends on (all published modules). Each layer
 * must hold a minimum number of classes, so the rules cannot pass on an empty import.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = MetaxyRules.production();
  }

  @Test
  void importIsNotEmpty() {
    Map<String, Long> perModule = new TreeMap<>();
    for (JavaClass c : classes) {
      String[] parts = c.getPackageName().split("\\.");
      String module = parts.length > 2 ? parts[2] : c.getPackageName();
      if (module.equals("adapter") && parts.length > 3) {
        module = "adapter." + parts[3];
      }
      perModule.merge(module, 1L, Long::sum);
    }
    assertThat(perModule.getOrDefault("domain", 0L))
        .as("domain classes %s", perModule)
        .isGreaterThanOrEqualTo(50);
    assertThat(perModule.getOrDefault("ports", 0L))
        .as("ports classes %s", perModule)
        .isGreaterThanOrEqualTo(30);
    assertThat(perModule.getOrDefault("json", 0L))
        .as("json classes %s", perModule)
        .isGreaterThanOrEqualTo(1);
    assertThat(perModule.keySet().stream().filter(m -> m.startsWith("adapter.")))
        .as("adapters on the classpath %s", perModule)
        .isNotEmpty();
    perModule.forEach(
        (module, n) -> assertThat(n).as("classes of %s", module).isGreaterThanOrEqualTo(1));
  }

  @Test
  void domainDependsOnJdkAndVavrOnly() {
    MetaxyRules.domainIsPure("io.metaxy").check(classes);
  }

  @Test
  void portsDependOnDomainAndJdkOnly() {
    MetaxyRules.portsDependOnDomainAndJdkOnly("io.metaxy").check(classes);
  }

  @Test
  void vavrStaysOutOfPortsAndAdapters() {
    MetaxyRules.vavrStaysOutOfPortsAndAdapters("io.metaxy").check(classes);
  }

  @Test
  void domainApiHidesVavr() {
    MetaxyRules.domainApiHidesVavr("io.metaxy").check(classes);
  }

  @Test
  void sharedSqlDependsOnNoAdapter() {
    assertThat(MetaxyRules.count(classes, "io.metaxy.sql")).isGreaterThanOrEqualTo(10);
    MetaxyRules.sharedSqlDependsOnNoAdapter("io.metaxy").check(classes);
  }

  @Test
  void noPackageCyclesBetweenModules() {
    MetaxyRules.noCyclesBetweenModules("io.metaxy").check(classes);
  }

  @Test
  void noPackageCyclesInsideTheDomain() {
    MetaxyRules.noCyclesInsideDomain("io.metaxy").check(classes);
  }

  @Test
  void adaptersNeverDependOnEachOther() {
    assertThat(MetaxyRules.count(classes, "io.metaxy.adapter.")).isGreaterThanOrEqualTo(2);
    MetaxyRules.adaptersAreIndependent("io.metaxy").check(classes);
  }

  @Test
  void coreNeverDependsOnOuterModules() {
    MetaxyRules.coreDoesNotDependOnOuterModules("io.metaxy").check(classes);
  }

  @Test
  void noLibraryDependsOnApplications() {
    MetaxyRules.nobodyDependsOnApplications("io.metaxy").check(classes);
  }

  @Test
  void internalPackagesAreUsedOnlyByTheirModule() {
    assertThat(classes.stream().filter(c -> c.getPackageName().contains(".internal")).count())
        .isGreaterThanOrEqualTo(10);
    MetaxyRules.internalPackagesStayInside("io.metaxy").check(classes);
  }

  @Test
  void ebeanIsUsedThroughItsPublicApiOnly() {
    assertThat(MetaxyRules.count(classes, "io.metaxy.adapter.ebean")).isGreaterThanOrEqualTo(10);
    MetaxyRules.ebeanPublicApiOnly("io.metaxy").check(classes);
  }

  @Test
  void librariesDoNotPrintToTheConsole() {
    MetaxyRules.librariesDoNotUseTheConsole("io.metaxy").check(classes);
  }
}
