package io.metaxy.domain.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SQL three-valued logic: comparisons with NULL are unknown, and only TRUE passes. */
class FilterEvaluatorTest {

  private static boolean test(String filter, Map<String, Object> row) {
    return FilterEvaluator.test(FilterParser.parse(filter), row::get);
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @ParameterizedTest(name = "{0} with x=1, n=NULL -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "x = 1 | true",
        "x = 2 | false",
        "n = 1 | false",
        "NOT n = 1 | false", // NOT unknown = unknown
        "n != 1 | false",
        "n = NULL | false",
        "n IS NULL | true",
        "n IS NOT NULL | false",
        "x IS NULL | false",
        "x IS NOT NULL | true",
        "n = 1 OR x = 1 | true", // unknown OR true = true
        "n = 1 OR x = 2 | false", // unknown OR false = unknown
        "NOT (n = 1 OR x = 2) | false",
        "n = 1 AND x = 2 | false", // unknown AND false = false
        "NOT (n = 1 AND x = 2) | true",
        "n = 1 AND x = 1 | false", // unknown AND true = unknown
        "NOT (n = 1 AND x = 1) | false",
        "x IN (1, 2) | true",
        "x IN (2, 3) | false",
        "x IN (2, NULL) | false", // unknown
        "NOT x IN (2, NULL) | false",
        "x NOT IN (2, 3) | true",
        "x NOT IN (2, NULL) | false", // unknown, as in SQL
        "x NOT IN (1, NULL) | false",
        "x IN (1, NULL) | true",
        "n IN (1) | false",
        "n NOT IN (1) | false",
        "missing IS NULL | true",
      })
  void threeValuedLogic(String filter, boolean expected) {
    assertThat(test(filter, row("x", 1L, "n", null))).isEqualTo(expected);
  }

  @Test
  void numbersCompareAcrossJavaTypes() {
    assertThat(test("x = 1", row("x", 1))).isTrue();
    assertThat(test("x = 1", row("x", 1.0d))).isTrue();
    assertThat(test("x < 0.5", row("x", 0.25f))).isTrue();
    assertThat(test("x >= 10", row("x", new BigDecimal("10.00")))).isTrue();
    assertThat(test("x > 10", row("x", (short) 9))).isFalse();
  }

  @Test
  void stringsBooleansAndColumns() {
    assertThat(test("s = 'it''s'", row("s", "it's"))).isTrue();
    assertThat(test("s < 'b'", row("s", "a"))).isTrue();
    assertThat(test("s <> 'a'", row("s", "a"))).isFalse();
    assertThat(test("f = TRUE", row("f", true))).isTrue();
    assertThat(test("f = TRUE", row("f", false))).isFalse();
    assertThat(test("a = b", row("a", "x", "b", "x"))).isTrue();
    assertThat(test("a < b", row("a", 1L, "b", 2L))).isTrue();
    assertThat(test("\"my col\" = 3", row("my col", 3L))).isTrue();
  }

  @Test
  void precedenceIsHonouredWhenEvaluating() {
    Map<String, Object> r = row("a", 1L, "b", 0L, "c", 0L);
    assertThat(test("a = 1 OR b = 1 AND c = 1", r)).isTrue();
    assertThat(test("(a = 1 OR b = 1) AND c = 1", r)).isFalse();
  }
}
