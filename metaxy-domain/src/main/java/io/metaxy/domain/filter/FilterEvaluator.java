package io.metaxy.domain.filter;

import io.metaxy.domain.filter.FilterExpression.Operand;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Evaluates a {@link FilterExpression} against one row with SQL three-valued logic: a comparison
 * with NULL is unknown, and only TRUE passes.
 */
public final class FilterEvaluator {
  private FilterEvaluator() {}

  /** True when the row passes the filter. {@code row} maps a column name to its value. */
  public static boolean test(FilterExpression e, Function<String, Object> row) {
    return Boolean.TRUE.equals(eval(e, row));
  }

  private static Boolean eval(FilterExpression e, Function<String, Object> row) {
    if (e instanceof FilterExpression.And a) {
      boolean unknown = false;
      for (FilterExpression o : a.operands()) {
        Boolean v = eval(o, row);
        if (Boolean.FALSE.equals(v)) {
          return false;
        }
        unknown |= v == null;
      }
      return unknown ? null : true;
    }
    if (e instanceof FilterExpression.Or or) {
      boolean unknown = false;
      for (FilterExpression o : or.operands()) {
        Boolean v = eval(o, row);
        if (Boolean.TRUE.equals(v)) {
          return true;
        }
        unknown |= v == null;
      }
      return unknown ? null : false;
    }
    if (e instanceof FilterExpression.Not n) {
      Boolean v = eval(n.operand(), row);
      return v == null ? null : !v;
    }
    if (e instanceof FilterExpression.IsNull n) {
      boolean isNull = value(n.operand(), row) == null;
      return n.negated() != isNull;
    }
    if (e instanceof FilterExpression.In in) {
      Object v = value(in.operand(), row);
      if (v == null) {
        return null;
      }
      boolean unknown = false;
      for (Operand.Literal l : in.values()) {
        if (l.value() == null) {
          unknown = true;
        } else if (compare(v, l.value()) == 0) {
          return !in.negated();
        }
      }
      return unknown ? null : in.negated();
    }
    FilterExpression.Comparison c = (FilterExpression.Comparison) e;
    Object l = value(c.left(), row);
    Object r = value(c.right(), row);
    if (l == null || r == null) {
      return null;
    }
    int cmp = compare(l, r);
    return switch (c.operator()) {
      case EQ -> cmp == 0;
      case NE -> cmp != 0;
      case LT -> cmp < 0;
      case LE -> cmp <= 0;
      case GT -> cmp > 0;
      case GE -> cmp >= 0;
    };
  }

  private static Object value(Operand o, Function<String, Object> row) {
    return o instanceof Operand.Column c ? row.apply(c.name()) : ((Operand.Literal) o).value();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return toBig(x).compareTo(toBig(y));
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return x.compareTo(y);
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
      return ca.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  private static BigDecimal toBig(Number n) {
    if (n instanceof BigDecimal b) {
      return b;
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return new BigDecimal(n.toString());
  }
}
