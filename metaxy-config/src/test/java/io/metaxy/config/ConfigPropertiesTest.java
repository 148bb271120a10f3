package io.metaxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of interpolation and environment overrides. */
class ConfigPropertiesTest {
  private static final Path DIR = Path.of("/nonexistent-metaxy-config-dir");

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .ofMaxLength(20)
        .filter(v -> !v.contains("$") && !v.contains("\\"));
  }

  @Property(tries = 200)
  void envOverrideSetsTheNestedStoreConfigKey(
      @ForAll("names") String store, @ForAll("names") String key, @ForAll("values") String value) {
    Map<String, String> env =
        Map.of(
            "METAXY_STORE",
            store,
            "METAXY_STORES__" + store.toUpperCase(Locale.ROOT) + "__TYPE",
            "memory",
            "METAXY_STORES__"
                + store.toUpperCase(Locale.ROOT)
                + "__CONFIG__"
                + key.toUpperCase(Locale.ROOT),
            value);
    MetaxyConfig c = ConfigLoader.of(env, DIR).loadString("", DIR);
    StoreConfig s = c.store(store);
    if (key.equals("table_prefix")) {
      assertThat(s.tablePrefix()).isEqualTo(value);
    } else {
      assertThat(s.config()).containsEntry(key, value);
    }
  }

  @Property(tries = 200)
  void interpolationUsesTheVariableOrTheDefault(
      @ForAll("names") String var,
      @ForAll("values") String value,
      @ForAll("values") String fallback,
      @ForAll boolean set) {
    String dflt = fallback.replace("}", "");
    Map<String, String> env = set ? Map.of(var.toUpperCase(Locale.ROOT), value) : Map.of();
    String toml =
        "project = \"x-${" + var.toUpperCase(Locale.ROOT) + ":-" + escape(dflt) + "}-y\"\n";
    String expected = "x-" + (set && !value.isEmpty() ? value : dflt) + "-y";
    if (expected.isBlank()) {
      return;
    }
    assertThat(ConfigLoader.of(env, DIR).loadString(toml, DIR).project()).isEqualTo(expected);
  }

  @Property(tries = 100)
  void stringsWithoutReferencesAreUnchanged(@ForAll("values") String value) {
    if (value.isBlank()) {
      return;
    }
    String toml = "project = \"" + escape(value) + "\"\n";
    assertThat(ConfigLoader.of(Map.of(), DIR).loadString(toml, DIR).project()).isEqualTo(value);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
