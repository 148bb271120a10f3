package io.metaxy.domain.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Canonical JSON is the text Python's {@code json.dumps} writes (the spec version hashes it). */
class CanonicalJsonTest {
  @Test
  void floatsAreWrittenLikePythonRepr() {
    // the line Python 0.1.11's interpreter prints for json.dumps of these numbers
    List<Object> numbers =
        List.of(
            1.5,
            1e20,
            1e-5,
            0.0001,
            123456789012345678.0,
            1e16,
            9999999999999998.0,
            -0.0,
            0.1,
            2.5e-7,
            new BigDecimal("0.25"),
            3,
            12345678901234L);
    assertThat(CanonicalJson.write(Map.of("f", numbers)))
        .isEqualTo(
            "{\"f\": [1.5, 1e+20, 1e-05, 0.0001, 1.2345678901234568e+17, 1e+16,"
                + " 9999999999999998.0, -0.0, 0.1, 2.5e-07, 0.25, 3, 12345678901234]}");
  }

  @Test
  void keysSortSeparatorsAndEscapesFollowPython() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("b", List.of("é", "\u007f", "tab\t", "quote\"", true, false));
    tree.put("a", null);
    assertThat(CanonicalJson.write(tree))
        .isEqualTo(
            "{\"a\": null, \"b\": [\"\\u00e9\", \"\\u007f\", \"tab\\t\", \"quote\\\"\", true,"
                + " false]}");
    assertThat(CanonicalJson.writeInOrder(tree)).startsWith("{\"b\": [");
  }

  @Property(tries = 300)
  void everyFiniteDoubleRoundTripsThroughItsPythonText(@ForAll double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return;
    }
    String text = CanonicalJson.pythonFloat(d);
    assertThat(Double.parseDouble(text)).isEqualTo(d);
    double abs = Math.abs(d);
    boolean plain = abs == 0 || (abs >= 1e-4 && abs < 1e16);
    assertThat(text.contains("e")).as(text).isEqualTo(!plain);
    assertThat(text).as(text).matches(plain ? "-?\\d+\\.\\d+" : "-?\\d(\\.\\d+)?e[+-]\\d{2,3}");
  }
}
