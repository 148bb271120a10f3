package io.metaxy.domain.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.InvalidFilterException;
import io.metaxy.domain.filter.FilterExpression.And;
import io.metaxy.domain.filter.FilterExpression.Comparison;
import io.metaxy.domain.filter.FilterExpression.ComparisonOperator;
import io.metaxy.domain.filter.FilterExpression.In;
import io.metaxy.domain.filter.FilterExpression.IsNull;
import io.metaxy.domain.filter.FilterExpression.Not;
import io.metaxy.domain.filter.FilterExpression.Operand.Column;
import io.metaxy.domain.filter.FilterExpression.Operand.Literal;
import io.metaxy.domain.filter.FilterExpression.Or;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter grammar of docs/semantics.md §1: parsed into a tree, never concatenated; bad input
 * names a position.
 */
class FilterParserTest {

  private static Comparison cmp(String column, ComparisonOperator op, Object value) {
    return new Comparison(new Column(column), op, new Literal(value));
  }

  static Stream<Arguments> comparisons() {
    return Stream.of(
        Arguments.of("a = 1", ComparisonOperator.EQ),
        Arguments.of("a == 1", ComparisonOperator.EQ),
        Arguments.of("a != 1", ComparisonOperator.NE),
        Arguments.of("a <> 1", ComparisonOperator.NE),
        Arguments.of("a < 1", ComparisonOperator.LT),
        Arguments.of("a <= 1", ComparisonOperator.LE),
        Arguments.of("a > 1", ComparisonOperator.GT),
        Arguments.of("a >= 1", ComparisonOperator.GE),
        Arguments.of("a>=1", ComparisonOperator.GE));
  }

  @ParameterizedTest
  @MethodSource("comparisons")
  void everyComparisonOperator(String text, ComparisonOperator op) {
    assertThat(FilterParser.parse(text)).isEqualTo(cmp("a", op, 1L));
  }

  @Test
  void literals() {
    assertThat(FilterParser.parse("s = 'it''s'"))
        .isEqualTo(cmp("s", ComparisonOperator.EQ, "it's"));
    assertThat(FilterParser.parse("s = ''")).isEqualTo(cmp("s", ComparisonOperator.EQ, ""));
    assertThat(FilterParser.parse("x > 0.5"))
        .isEqualTo(cmp("x", ComparisonOperator.GT, new BigDecimal("0.5")));
    assertThat(FilterParser.parse("x > -2")).isEqualTo(cmp("x", ComparisonOperator.GT, -2L));
    assertThat(FilterParser.parse("x > 1e3"))
        .isEqualTo(cmp("x", ComparisonOperator.GT, new BigDecimal("1e3")));
    assertThat(FilterParser.parse("x < 99999999999999999999"))
        .isEqualTo(cmp("x", ComparisonOperator.LT, new BigDecimal("99999999999999999999")));
    assertThat(FilterParser.parse("flag = TRUE"))
        .isEqualTo(cmp("flag", ComparisonOperator.EQ, true));
    assertThat(FilterParser.parse("flag = false"))
        .isEqualTo(cmp("flag", ComparisonOperator.EQ, false));
    assertThat(FilterParser.parse("x = NULL")).isEqualTo(cmp("x", ComparisonOperator.EQ, null));
    // column on the right, column against column
    assertThat(FilterParser.parse("1 < x"))
        .isEqualTo(new Comparison(new Literal(1L), ComparisonOperator.LT, new Column("x")));
    assertThat(FilterParser.parse("a = b"))
        .isEqualTo(new Comparison(new Column("a"), ComparisonOperator.EQ, new Column("b")));
  }

  @Test
  void quotedIdentifiers() {
    assertThat(FilterParser.parse("\"my col\" = 1"))
        .isEqualTo(cmp("my col", ComparisonOperator.EQ, 1L));
    assertThat(FilterParser.parse("`select` = 1"))
        .isEqualTo(cmp("select", ComparisonOperator.EQ, 1L));
    assertThat(FilterParser.parse("\"a\"\"b\" = 1"))
        .isEqualTo(cmp("a\"b", ComparisonOperator.EQ, 1L));
    // a quoted keyword is a column
    assertThat(FilterParser.parse("\"and\" IS NULL"))
        .isEqualTo(new IsNull(new Column("and"), false));
    // an identifier that merely starts with a keyword is a column
    assertThat(FilterParser.parse("order_no = 1 or notes is null"))
        .isEqualTo(
            new Or(
                List.of(
                    cmp("order_no", ComparisonOperator.EQ, 1L),
                    new IsNull(new Column("notes"), false))));
  }

  @Test
  void nullTestsAndInLists() {
    assertThat(FilterParser.parse("x IS NULL")).isEqualTo(new IsNull(new Column("x"), false));
    assertThat(FilterParser.parse("x is not null")).isEqualTo(new IsNull(new Column("x"), true));
    assertThat(FilterParser.parse("x IN (1, 'a', NULL, TRUE)"))
        .isEqualTo(
            new In(
                new Column("x"),
                List.of(new Literal(1L), new Literal("a"), new Literal(null), new Literal(true)),
                false));
    assertThat(FilterParser.parse("x NOT IN ('a')"))
        .isEqualTo(new In(new Column("x"), List.of(new Literal("a")), true));
  }

  @Test
  void precedenceNotBindsTighterThanAndWhichBindsTighterThanOr() {
    FilterExpression a = cmp("a", ComparisonOperator.EQ, 1L);
    FilterExpression b = cmp("b", ComparisonOperator.EQ, 2L);
    FilterExpression c = cmp("c", ComparisonOperator.EQ, 3L);
    assertThat(FilterParser.parse("a = 1 OR b = 2 AND c = 3"))
        .isEqualTo(new Or(List.of(a, new And(List.of(b, c)))));
    assertThat(FilterParser.parse("a = 1 AND b = 2 OR c = 3"))
        .isEqualTo(new Or(List.of(new And(List.of(a, b)), c)));
    assertThat(FilterParser.parse("(a = 1 OR b = 2) AND c = 3"))
        .isEqualTo(new And(List.of(new Or(List.of(a, b)), c)));
    assertThat(FilterParser.parse("NOT a = 1 AND b = 2"))
        .isEqualTo(new And(List.of(new Not(a), b)));
    assertThat(FilterParser.parse("NOT (a = 1 AND b = 2)"))
        .isEqualTo(new Not(new And(List.of(a, b))));
    assertThat(FilterParser.parse("not not a = 1")).isEqualTo(new Not(new Not(a)));
    assertThat(FilterParser.parse("a = 1 and b = 2 and c = 3"))
        .isEqualTo(new And(List.of(a, b, c)));
    assertThat(FilterParser.parse("((a = 1))")).isEqualTo(a);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("a = 1 -- comment", 6, "unexpected character '-'"),
        Arguments.of("a = 1 /* c */", 6, "unexpected character '/'"),
        Arguments.of("a = 1; DROP TABLE t", 5, "unexpected character ';'"),
        Arguments.of("lower(a) = 'x'", 5, "expected a comparison"),
        Arguments.of("a = 'it''s", 4, "unterminated ' quote"),
        Arguments.of("\"col = 1", 0, "unterminated \" quote"),
        Arguments.of("a =", 3, "expected a column or a literal"),
        Arguments.of("a = 1 b = 2", 6, "unexpected 'b'"),
        Arguments.of("(a = 1", 6, "expected ')'"),
        Arguments.of("a IS 1", 5, "expected NULL after IS"),
        Arguments.of("a IS NOT 1", 9, "expected NULL after IS NOT"),
        Arguments.of("a IN (b)", 6, "IN lists take literals only"),
        Arguments.of("a IN 1", 5, "expected '(' after IN"),
        Arguments.of("a IN (1, 2", 10, "expected ')' closing the IN list"),
        Arguments.of("a ! 1", 2, "use != or NOT"),
        Arguments.of("a = 1.2.3", 4, "bad number 1.2.3"),
        Arguments.of("a = AND", 4, "found keyword AND"),
        Arguments.of("a", 1, "expected a comparison"),
        Arguments.of("a = 1 AND", 9, "expected a column or a literal"),
        Arguments.of("a = $1", 4, "unexpected character '$'"));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void rejectsWithPosition(String text, int position, String reason) {
    assertThatThrownBy(() -> FilterParser.parse(text))
        .isInstanceOfSatisfying(
            InvalidFilterException.class,
            e -> {
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.expression()).isEqualTo(text);
              assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FILTER);
            })
        .hasMessageContaining("[MX012]")
        .hasMessageContaining("Invalid filter \"" + text + "\" at position " + position)
        .hasMessageContaining(reason);
  }

  @Test
  void emptyFilterIsRejected() {
    assertThatThrownBy(() -> FilterParser.parse("  "))
        .isInstanceOf(InvalidFilterException.class)
        .hasMessageContaining("Filter expression is empty");
    assertThatThrownBy(() -> FilterParser.parse(null)).isInstanceOf(InvalidFilterException.class);
  }

  @Test
  void symbolsOfOperators() {
    assertThat(ComparisonOperator.NE.symbol()).isEqualTo("!=");
    assertThat(ComparisonOperator.LE.symbol()).isEqualTo("<=");
  }
}
