package io.metaxy.sql;

import io.metaxy.domain.error.InvalidFilterException;
import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.filter.FilterExpression.Operand;
import io.metaxy.domain.filter.FilterParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Translates the domain's parsed {@link FilterExpression} tree into a jOOQ {@link Condition}:
 * column names become quoted identifiers, literals become bind values, never SQL text. A column the
 * relation lacks evaluates to NULL, as in the in-memory evaluator.
 */
public final class FilterTranslator {
  private final Function<String, Field<?>> columns;

  /** The predicate being translated (for error messages), or {@code null}. */
  private String expression;

  /** {@code columns} resolves a column name to a field of the relation, or {@code null}. */
  public FilterTranslator(Function<String, Field<?>> columns) {
    this.columns = columns;
  }

  /** AND of the parsed predicates. */
  public Condition all(List<String> predicates) {
    List<Condition> out = new ArrayList<>();
    for (String p : predicates) {
      out.add(translate(p));
    }
    return DSL.and(out);
  }

  /** OR of the parsed predicates ({@code false} when there are none). */
  public Condition any(List<String> predicates) {
    if (predicates.isEmpty()) {
      return DSL.falseCondition();
    }
    List<Condition> out = new ArrayList<>();
    for (String p : predicates) {
      out.add(translate(p));
    }
    return DSL.or(out);
  }

  private Condition translate(String predicate) {
    FilterExpression parsed = FilterParser.parse(predicate);
    expression = predicate;
    try {
      return translate(parsed);
    } finally {
      expression = null;
    }
  }

  public Condition translate(FilterExpression e) {
    if (e instanceof FilterExpression.And a) {
      return DSL.and(a.operands().stream().map(this::translate).toList());
    }
    if (e instanceof FilterExpression.Or o) {
      return DSL.or(o.operands().stream().map(this::translate).toList());
    }
    if (e instanceof FilterExpression.Not n) {
      return DSL.not(translate(n.operand()));
    }
    if (e instanceof FilterExpression.IsNull n) {
      Field<?> f = operand(n.operand(), null);
      return n.negated() ? f.isNotNull() : f.isNull();
    }
    if (e instanceof FilterExpression.In in) {
      @SuppressWarnings("unchecked")
      Field<Object> f = (Field<Object>) operand(in.operand(), null);
      List<Field<?>> values = new ArrayList<>();
      for (Operand.Literal l : in.values()) {
        values.add(literal(l.value(), f, n(in.operand())));
      }
      return in.negated() ? f.notIn(values.toArray(new Field<?>[0])) : f.in(values);
    }
    FilterExpression.Comparison c = (FilterExpression.Comparison) e;
    Field<?> lf = c.left() instanceof Operand.Column ? operand(c.left(), null) : null;
    Field<?> rf = c.right() instanceof Operand.Column ? operand(c.right(), null) : null;
    if (lf == null) {
      lf = rf == null ? operand(c.left(), null) : literal(lit(c.left()), rf, n(c.right()));
    }
    if (rf == null) {
      rf = literal(lit(c.right()), lf, n(c.left()));
    }
    @SuppressWarnings("unchecked")
    Field<Object> l = (Field<Object>) lf;
    @SuppressWarnings("unchecked")
    Field<Object> r = (Field<Object>) rf;
    return switch (c.operator()) {
      case EQ -> l.eq(r);
      case NE -> l.ne(r);
      case LT -> l.lt(r);
      case LE -> l.le(r);
      case GT -> l.gt(r);
      case GE -> l.ge(r);
    };
  }

  private Field<?> operand(Operand o, DataType<?> context) {
    if (o instanceof Operand.Column c) {
      Field<?> f = columns.apply(c.name());
      return f == null ? DSL.castNull(SQLDataType.VARCHAR) : f;
    }
    return literal(((Operand.Literal) o).value(), null, null);
  }

  private static Object lit(Operand o) {
    return ((Operand.Literal) o).value();
  }

  /** The column name of an operand (for messages), or {@code null} for a literal. */
  private static String n(Operand o) {
    return o instanceof Operand.Column c ? c.name() : null;
  }

  /**
   * A bind value, converted to the type of the column it is compared with where that keeps its
   * meaning; a literal that cannot be a value of that column (text against a number or timestamp
   * column, a NUL character) is a bad filter, reported before any SQL runs.
   */
  private Field<?> literal(Object v, Field<?> against, String column) {
    DataType<?> context = against == null ? null : against.getDataType();
    if (v instanceof String s && s.indexOf('\0') >= 0) {
      throw bad(v, column, "contains a NUL character, which SQL databases do not store in text");
    }
    if (v == null) {
      return context == null ? DSL.castNull(SQLDataType.VARCHAR) : DSL.castNull(context);
    }
    if (context == null || column == null) {
      return DSL.val(v);
    }
    if (context.isString() && !(v instanceof String)) {
      return DSL.val(v instanceof BigDecimal b ? b.toPlainString() : v.toString());
    }
    if (context.isNumeric()) {
      if (v instanceof String s) {
        try {
          return DSL.val(new BigDecimal(s.trim()));
        } catch (NumberFormatException e) {
          throw bad(v, column, "is text, but the column is numeric: compare it with a number");
        }
      }
      if (v instanceof Long l && !context.isInteger()) {
        return DSL.val(BigDecimal.valueOf(l));
      }
    }
    if (context.isDateTime() && !(v instanceof String)) {
      throw bad(v, column, "is not a timestamp: compare the column with a quoted timestamp");
    }
    if (context.isDateTime() && !isTimestamp(((String) v).trim())) {
      throw bad(
          v,
          column,
          "is not a timestamp: write it as 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD' or ISO-8601");
    }
    return DSL.val(v);
  }

  private static boolean isTimestamp(String s) {
    List<java.util.function.Function<String, Object>> parsers =
        List.of(
            x -> java.time.LocalDateTime.parse(x.replace(' ', 'T')),
            java.time.LocalDate::parse,
            java.time.OffsetDateTime::parse,
            java.time.Instant::parse);
    for (var p : parsers) {
      try {
        p.apply(s);
        return true;
      } catch (java.time.format.DateTimeParseException e) {
        // try the next form
      }
    }
    return false;
  }

  private InvalidFilterException bad(Object v, String column, String why) {
    String shown = v instanceof String s ? "'" + s.replace("\0", "\\0") + "'" : String.valueOf(v);
    String text = expression == null ? "" : expression;
    int at = v instanceof String s ? text.indexOf(s) : text.indexOf(String.valueOf(v));
    return new InvalidFilterException(
        text,
        Math.max(0, at),
        "Bad filter \""
            + text.replace("\0", "\\0")
            + "\": the value "
            + shown
            + (column == null ? "" : " compared with column \"" + column + "\"")
            + " "
            + why
            + ".");
  }
}
