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
 * MetadataStoreCompatibilityKit}, directly or through another {@code *CompatibilityTest}, and names
 * the store. Only adapters present on the classpath are checked.
 */
class CompatibilityTestCoverageTest {
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

  private static boolean runsTheKit(KitTest t, Map<String, KitTest> all, int depth) {
    if (t.superclass().equals("MetadataStoreCompatibilityKit")) {
      return true;
    }
    KitTest parent = all.get(t.superclass());
    return parent != null && depth < 10 && runsTheKit(parent, all, depth + 1);
  }

  /** Names of the concrete kit tests that exercise {@code store} (directly or via a parent). */
  static List<String> coveringTests(String store, Map<String, KitTest> all) {
    List<String> out = new ArrayList<>();
    Pattern mention = Pattern.compile("\\b" + Pattern.quote(store) + "\\b");
    for (KitTest t : all.values()) {
      if (t.isAbstract() || !runsTheKit(t, all, 0)) {
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
              "%s has no concrete *CompatibilityTest extending MetadataStoreCompatibilityKit that"
                  + " creates it: add one to its adapter's tests (found kit tests: %s)",
              store.getName(), kitTests.keySet())
          .isNotEmpty();
    }
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
            Path.of("a/BazCompatibilityTest.java"),
            "class BazCompatibilityTest extends SomethingElse { BazMetadataStore s; }",
            Path.of("a/QuxCompatibilityTest.java"),
            "abstract class QuxCompatibilityTest extends MetadataStoreCompatibilityKit {"
                + " QuxMetadataStore s; }");
    Map<String, KitTest> all = parse(sources);
    assertThat(coveringTests("FooMetadataStore", all)).containsExactly("FooCompatibilityTest");
    assertThat(coveringTests("BarMetadataStore", all)).containsExactly("BarH2CompatibilityTest");
    assertThat(coveringTests("BazMetadataStore", all)).as("does not run the kit").isEmpty();
    assertThat(coveringTests("QuxMetadataStore", all)).as("abstract only").isEmpty();
    assertThat(coveringTests("NoneMetadataStore", all)).isEmpty();
    assertThat(coveringTests("Foo", all)).as("whole names only").isEmpty();
  }
}
