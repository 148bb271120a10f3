package io.metaxy.domain.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.InvalidFilterException;
import io.metaxy.domain.error.UnknownFilterColumnException;
import io.metaxy.domain.key.FeatureKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterLimitsTest {
  private static final FeatureKey F = FeatureKey.of("kit/samples");

  @Test
  void twoThousandNestedParenthesesAreAClearErrorNotAStackOverflow() {
    String f = "(".repeat(2_000) + "x = 1" + ")".repeat(2_000);
    assertThatThrownBy(() -> FilterParser.parse(f))
        .isInstanceOf(InvalidFilterException.class)
        .hasMessageContaining("deeper than " + FilterParser.MAX_DEPTH)
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(600));
  }

  @Test
  void a100000ChainedNotIsAClearErrorNotAStackOverflow() {
    String f = "NOT ".repeat(100_000) + "x = 1";
    assertThatThrownBy(() -> FilterParser.parse(f))
        .isInstanceOf(InvalidFilterException.class)
        .hasMessageContaining("deeper than " + FilterParser.MAX_DEPTH);
  }

  @Test
  void nestingUpToTheLimitParses() {
    String parens =
        "(".repeat(FilterParser.MAX_DEPTH) + "x = 1" + ")".repeat(FilterParser.MAX_DEPTH);
    assertThat(FilterParser.parse(parens)).isInstanceOf(FilterExpression.Comparison.class);
    String nots = "NOT ".repeat(FilterParser.MAX_DEPTH) + "x = 1";
    assertThat(FilterParser.parse(nots)).isNotNull();
    String over = "(".repeat(FilterParser.MAX_DEPTH + 1) + "x = 1" + ")".repeat(101);
    assertThatThrownBy(() -> FilterParser.parse(over)).isInstanceOf(InvalidFilterException.class);
  }

  @Test
  void longFlatConjunctionsAreNotNesting() {
    String f = String.join(" AND ", java.util.Collections.nCopies(5_000, "(x = 1)"));
    assertThat(FilterParser.parse(f)).isInstanceOf(FilterExpression.And.class);
  }

  @Test
  void referencedColumnsAreCollected() {
    FilterExpression e =
        FilterParser.parse("a = 1 AND (NOT b IS NULL OR c IN (1, 2)) AND 'x' = d AND a > 2");
    assertThat(FilterColumns.referenced(e)).containsExactly("a", "b", "c", "d");
  }

  @Test
  void anUnknownColumnIsNamedWithTheKnownColumns() {
    assertThatThrownBy(
            () ->
                FilterColumns.parseChecked(
                    F, List.of("sample_id = 's'", "sampel_id IS NULL"), Set.of("sample_id", "x")))
        .isInstanceOf(UnknownFilterColumnException.class)
        .hasMessageContaining("\"sampel_id\"")
        .hasMessageContaining("[sample_id, x]")
        .hasMessageContaining("kit/samples");
    assertThat(FilterColumns.parseChecked(F, List.of("x > 1"), Set.of("x"))).hasSize(1);
  }
}
