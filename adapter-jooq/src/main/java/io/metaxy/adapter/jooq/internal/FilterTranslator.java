package io.metaxy.adapter.jooq.internal;

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

  /** {@code columns} resolves a column name to a field of the relation, or {@code null}. */
  public FilterTranslator(Function<String, Field<?>> columns) {
    this.columns = columns;
  }

  /** AND of the parsed predicates. */
  public Condition all(List<String> predicates) {
    List<Condition> out = new ArrayList<>();
    for (String p : predicates) {
      out.add(translate(FilterParser.parse(p)));
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
      out.add(translate(FilterParser.parse(p)));
    }
    return DSL.or(out);
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
        values.add(literal(l.value(), f.getDataType()));
      }
      return in.negated() ? f.notIn(values.toArray(new Field<?>[0])) : f.in(values);
    }
    FilterExpression.Comparison c = (FilterExpression.Comparison) e;
    Field<?> lf = c.left() instanceof Operand.Column ? operand(c.left(), null) : null;
    Field<?> rf = c.right() instanceof Operand.Column ? operand(c.right(), null) : null;
    if (lf == null) {
      lf = operand(c.left(), rf == null ? null : rf.getDataType());
    }
    if (rf == null) {
      rf = operand(c.right(), lf.getDataType());
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
    return literal(((Operand.Literal) o).value(), context);
  }

  /** A bind value, converted to the column's type where that keeps its meaning. */
  private static Field<?> literal(Object v, DataType<?> context) {
    if (v == null) {
      return context == null ? DSL.castNull(SQLDataType.VARCHAR) : DSL.castNull(context);
    }
    if (context != null) {
      if (context.isString() && !(v instanceof String)) {
        return DSL.val(v instanceof BigDecimal b ? b.toPlainString() : v.toString());
      }
      if (context.isNumeric() && v instanceof String s) {
        try {
          return DSL.val(new BigDecimal(s.trim()));
        } catch (NumberFormatException e) {
          return DSL.val(s);
        }
      }
      if (context.isNumeric() && v instanceof Long l && !context.isInteger()) {
        return DSL.val(BigDecimal.valueOf(l));
      }
    }
    return DSL.val(v);
  }
}
