package io.metaxy.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every concrete {@code MetadataStore} of an adapter on the classpath is run by the compatibility
 * kit: some concrete {@code *CompatibilityTest} (in any module's test sources) extends {@code
 * MetadataStoreCompatibilityKit} or {@code TabularStoreCompatibilityKit}, directly or through
 * another {@code *CompatibilityTest}, and names the store. A store that offers schema migrations
 * (it overrides {@code findSchemaMigrator()}: the SQL stores) is run only by the tabular kit, which
 * adds the table naming and schema migration groups. Only adapters present on the classpath are
 * checked.
 */
class CompatibilityTestCoverageTest {
  static final String BASE_KIT = "MetadataStoreCompatibilityKit";
  static final String TABULAR_KIT = "TabularStoreCompatibilityKit";

  private static final Pattern DECLARATION =
      Pattern.compile("(abstract\\s+)?class\\s+(\\w+CompatibilityTest)\\s+extends\\s+(\\w+)");

  /** A compatibility test source: its class, whether abstract, its superclass, its text. */
  record KitTest(String name, boolean isAbstract, String superclass, String source) {}

  static Map<String, KitTest> parse(Map<Path, String> sources) {
    Map<String, KitTest> out = new LinkedHashMap<>();
    sources.forEach(
        (path, text) -> {
          Matcher m = DECLARATION.matcher(text);
          if (m.find()) {
            out.put(m.group(2), new KitTest(m.group(2), m.group(1) != null, m.group(3), text));
          }
        });
    return out;
  }

  /** The kit {@code t} runs, directly or through parents: one of the two kit names, or null. */
  static String kitOf(KitTest t, Map<String, KitTest> all) {
    KitTest k = t;
    for (int depth = 0; k != null && depth < 10; depth++) {
      if (k.superclass().equals(BASE_KIT) || k.superclass().equals(TABULAR_KIT)) {
        return k.superclass();
      }
      k = all.get(k.superclass());
    }
    return null;
  }

  /** Names of the concrete kit tests that exercise {@code store} (directly or via a parent). */
  static List<String> coveringTests(String store, Map<String, KitTest> all) {
    List<String> out = new ArrayList<>();
    Pattern mention = Pattern.compile("\\b" + Pattern.quote(store) + "\\b");
    for (KitTest t : all.values()) {
      if (t.isAbstract() || kitOf(t, all) == null) {
        continue;
      }
      KitTest k = t;
      for (int depth = 0; k != null && depth < 10; depth++) {
        if (mention.matcher(k.source()).find()) {
          out.add(t.name());
          break;
        }
        k = all.get(k.superclass());
      }
    }
    return out;
  }

  /**
   * Names of the concrete kit tests of {@code store} that run the base kit, not the tabular one.
   */
  static List<String> testsOutsideTheTabularKit(String store, Map<String, KitTest> all) {
    return coveringTests(store, all).stream()
        .filter(name -> !TABULAR_KIT.equals(kitOf(all.get(name), all)))
        .toList();
  }

  /** Whether the store offers schema migrations: it or an adapter superclass overrides them. */
  static boolean offersSchemaMigrations(JavaClass store) {
    return store.getAllMethods().stream()
        .anyMatch(
            m ->
                m.getName().equals("findSchemaMigrator")
                    && m.getOwner().getPackageName().startsWith("io.metaxy.adapter."));
  }

  static List<JavaClass> adapterStores(JavaClasses classes) {
    return classes.stream()
        .filter(c -> c.getPackageName().startsWith("io.metaxy.adapter."))
        .filter(c -> !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT))
        .filter(c -> c.isAssignableTo("io.metaxy.ports.store.MetadataStore"))
        .toList();
  }

  @Test
  void everyAdapterStoreRunsTheCompatibilityKit() {
    List<JavaClass> stores = adapterStores(MetaxyRules.production());
    assertThat(stores)
        .as("concrete MetadataStore implementations in adapters")
        .extracting(JavaClass::getSimpleName)
        .contains("InMemoryMetadataStore");
    Map<String, KitTest> kitTests = parse(RepoLayout.compatibilityTestSources(RepoLayout.root()));
    for (JavaClass store : stores) {
      assertThat(coveringTests(store.getSimpleName(), kitTests))
          .as(
              "%s has no concrete *CompatibilityTest extending MetadataStoreCompatibilityKit or"
                  + " TabularStoreCompatibilityKit that creates it: add one to its adapter's tests"
                  + " (found kit tests: %s)",
              store.getName(), kitTests.keySet())
          .isNotEmpty();
    }
  }

  @Test
  void everySqlStoreRunsTheTabularKit() {
    List<JavaClass> sqlStores =
        adapterStores(MetaxyRules.production()).stream()
            .filter(CompatibilityTestCoverageTest::offersSchemaMigrations)
            .toList();
    assertThat(sqlStores)
        .as("stores with schema migrations (the SQL stores)")
        .extracting(JavaClass::getSimpleName)
        .contains("JooqMetadataStore", "EbeanMetadataStore")
        .doesNotContain("InMemoryMetadataStore");
    Map<String, KitTest> kitTests = parse(RepoLayout.compatibilityTestSources(RepoLayout.root()));
    for (JavaClass store : sqlStores) {
      assertThat(testsOutsideTheTabularKit(store.getSimpleName(), kitTests))
          .as(
              "%s has tables and schema migrations: its *CompatibilityTest classes must extend"
                  + " TabularStoreCompatibilityKit (which adds the table naming and schema"
                  + " migration groups), not MetadataStoreCompatibilityKit",
              store.getName())
          .isEmpty();
    }
  }

  @Test
  void tabularCheckRejectsASqlStoreOnTheBaseKit() {
    Map<String, KitTest> all =
        parse(
            Map.of(
                Path.of("a/AbstractSqlCompatibilityTest.java"),
                "abstract class AbstractSqlCompatibilityTest extends TabularStoreCompatibilityKit"
                    + " { MetadataStore createStore() { return new SqlMetadataStore(); } }",
                Path.of("a/SqlH2CompatibilityTest.java"),
                "class SqlH2CompatibilityTest extends AbstractSqlCompatibilityTest {}",
                Path.of("a/SqlPgCompatibilityTest.java"),
                "class SqlPgCompatibilityTest extends MetadataStoreCompatibilityKit {"
                    + " SqlMetadataStore s; }"));
    assertThat(coveringTests("SqlMetadataStore", all))
        .containsExactlyInAnyOrder("SqlH2CompatibilityTest", "SqlPgCompatibilityTest");
    assertThat(testsOutsideTheTabularKit("SqlMetadataStore", all))
        .containsExactly("SqlPgCompatibilityTest");
    assertThat(kitOf(all.get("SqlH2CompatibilityTest"), all)).isEqualTo(TABULAR_KIT);
  }

  @Test
  void coverageCheckRejectsAStoreWithoutKitTest() {
    Map<Path, String> sources =
        Map.of(
            Path.of("a/FooCompatibilityTest.java"),
            "class FooCompatibilityTest extends MetadataStoreCompatibilityKit {"
                + " MetadataStore createStore() { return new FooMetadataStore(); } }",
            Path.of("a/AbstractBarCompatibilityTest.java"),
            "abstract class AbstractBarCompatibilityTest extends MetadataStoreCompatibilityKit {"
                + " MetadataStore createStore() { return new BarMetadataStore(); } }",
            Path.of("a/BarH2CompatibilityTest.java"),
            "class BarH2CompatibilityTest extends AbstractBarCompatibilityTest {}",
            Path.of("a/TabCompatibilityTest.java"),
            "class TabCompatibilityTest extends TabularStoreCompatibilityKit { TabMetadataStore s; }",
            Path.of("a/BazCompatibilityTest.java"),
            "class BazCompatibilityTest extends SomethingElse { BazMetadataStore s; }",
            Path.of("a/QuxCompatibilityTest.java"),
            "abstract class QuxCompatibilityTest extends MetadataStoreCompatibilityKit {"
                + " QuxMetadataStore s; }");
    Map<String, KitTest> all = parse(sources);
    assertThat(coveringTests("FooMetadataStore", all)).containsExactly("FooCompatibilityTest");
    assertThat(coveringTests("BarMetadataStore", all)).containsExactly("BarH2CompatibilityTest");
    assertThat(coveringTests("TabMetadataStore", all)).containsExactly("TabCompatibilityTest");
    assertThat(coveringTests("BazMetadataStore", all)).as("does not run the kit").isEmpty();
    assertThat(coveringTests("QuxMetadataStore", all)).as("abstract only").isEmpty();
    assertThat(coveringTests("NoneMetadataStore", all)).isEmpty();
    assertThat(coveringTests("Foo", all)).as("whole names only").isEmpty();
  }
}
