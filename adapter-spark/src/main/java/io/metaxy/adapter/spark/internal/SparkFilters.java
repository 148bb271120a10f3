package io.metaxy.adapter.spark.internal;

import io.metaxy.domain.filter.FilterColumns;
import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.filter.FilterExpression.Operand;
import io.metaxy.domain.filter.FilterParser;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.SystemColumns;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Translates filter predicates (the filter grammar) into Spark columns. A {@linkplain #checked
 * checked} translator refuses a predicate naming a column the feature does not have ({@link
 * FilterColumns}); an unchecked one reads such a column as NULL.
 */
public final class SparkFilters {
  /** A column of the relation with its type, or {@code null} when it has none of that name. */
  public record Ref(Column column, DataType type) {}

  private final Function<String, Ref> columns;
  private final FeatureKey feature;
  private final Set<String> known;

  /** An unchecked translator: unknown columns read as NULL. */
  public SparkFilters(Function<String, Ref> columns) {
    this(columns, null, null);
  }

  private SparkFilters(Function<String, Ref> columns, FeatureKey feature, Set<String> known) {
    this.columns = columns;
    this.feature = feature;
    this.known = known;
  }

  /**
   * A translator over the columns of {@code schema} (referenced through {@code ref}) that refuses
   * predicates naming a column neither the table nor the system columns have, naming the feature
   * and the known columns. System columns the table lacks (tables of other writers) read as NULL.
   */
  public static SparkFilters checked(
      FeatureKey feature, StructType schema, Function<String, Column> ref) {
    Set<String> known = new TreeSet<>(SystemColumns.ALL);
    for (String n : schema.fieldNames()) {
      if (!n.startsWith("__mx_") && !n.equals(RowCodec.WRITE_SEQ)) {
        known.add(n);
      }
    }
    return new SparkFilters(
        n -> Relations.has(schema, n) ? new Ref(ref.apply(n), schema.apply(n).dataType()) : null,
        feature,
        known);
  }

  /**
   * Throws {@link io.metaxy.domain.error.UnknownFilterColumnException} when a checked translator
   * gets a predicate naming an unknown column.
   */
  public void check(String text, FilterExpression e) {
    if (known != null) {
      FilterColumns.requireKnown(feature, text, e, known);
    }
  }

  /** AND of the predicates ({@code true} when there are none). */
  public Column all(List<String> predicates) {
    Column out = functions.lit(true);
    for (String p : predicates) {
      out = out.and(translate(parse(p)));
    }
    return out;
  }

  /** OR of the predicates ({@code false} when there are none). */
  public Column any(List<String> predicates) {
    Column out = functions.lit(false);
    for (String p : predicates) {
      out = out.or(translate(parse(p)));
    }
    return out;
  }

  private FilterExpression parse(String p) {
    FilterExpression e = FilterParser.parse(p);
    check(p, e);
    return e;
  }

  public Column translate(FilterExpression e) {
    if (e instanceof FilterExpression.And a) {
      Column c = functions.lit(true);
      for (FilterExpression x : a.operands()) {
        c = c.and(translate(x));
      }
      return c;
    }
    if (e instanceof FilterExpression.Or o) {
      Column c = functions.lit(false);
      for (FilterExpression x : o.operands()) {
        c = c.or(translate(x));
      }
      return c;
    }
    if (e instanceof FilterExpression.Not n) {
      return functions.not(translate(n.operand()));
    }
    if (e instanceof FilterExpression.IsNull n) {
      Ref r = operand(n.operand(), null);
      return n.negated() ? r.column().isNotNull() : r.column().isNull();
    }
    if (e instanceof FilterExpression.In in) {
      Ref r = operand(in.operand(), null);
      Object[] values = new Object[in.values().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = literal(in.values().get(i).value(), r.type()).column();
      }
      Column c = r.column().isin(values);
      return in.negated() ? functions.not(c) : c;
    }
    FilterExpression.Comparison c = (FilterExpression.Comparison) e;
    Ref l = c.left() instanceof Operand.Column ? operand(c.left(), null) : null;
    Ref r = c.right() instanceof Operand.Column ? operand(c.right(), null) : null;
    if (l == null) {
      l = operand(c.left(), r == null ? null : r.type());
    }
    if (r == null) {
      r = operand(c.right(), l.type());
    }
    Column a = l.column();
    Column b = r.column();
    return switch (c.operator()) {
      case EQ -> a.equalTo(b);
      case NE -> a.notEqual(b);
      case LT -> a.lt(b);
      case LE -> a.leq(b);
      case GT -> a.gt(b);
      case GE -> a.geq(b);
    };
  }

  private Ref operand(Operand o, DataType context) {
    if (o instanceof Operand.Column c) {
      Ref r = columns.apply(c.name());
      return r == null
          ? new Ref(functions.lit(null).cast(DataTypes.StringType), DataTypes.StringType)
          : r;
    }
    return literal(((Operand.Literal) o).value(), context);
  }

  private static Ref literal(Object v, DataType context) {
    if (v == null) {
      DataType t = context == null ? DataTypes.StringType : context;
      return new Ref(functions.lit(null).cast(t), t);
    }
    if (context instanceof StringType && !(v instanceof String)) {
      String s = v instanceof BigDecimal b ? b.toPlainString() : v.toString();
      return new Ref(functions.lit(s), DataTypes.StringType);
    }
    if (context instanceof NumericType && v instanceof String s) {
      try {
        return new Ref(functions.lit(new BigDecimal(s.trim())), context);
      } catch (NumberFormatException e) {
        return new Ref(functions.lit(s), DataTypes.StringType);
      }
    }
    return new Ref(functions.lit(v), null);
  }
}
