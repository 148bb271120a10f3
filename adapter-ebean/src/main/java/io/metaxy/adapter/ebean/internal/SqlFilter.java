package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.filter.FilterExpression.Operand;
import io.metaxy.domain.filter.FilterParser;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Translates the domain's parsed filter tree into a parameterised SQL condition: columns become
 * (quoted when needed) identifiers of the table's known columns, literals become bind parameters,
 * never SQL text. A column the table lacks is {@code NULL}, as in the in-memory evaluator; a
 * literal compared with a column is converted to the column's type where that keeps its meaning.
 */
public final class SqlFilter {
  /** A condition and its parameters (value and JDBC type), in order. */
  public record Condition(String sql, List<Object> values, List<Integer> types) {
    /** Binds the parameters starting at {@code first}; returns the next free index. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
      int i = first;
      for (int k = 0; k < values.size(); k++) {
        JdbcValues.bind(ps, i++, values.get(k), types.get(k));
      }
      return i;
    }
  }

  private final Dialect dialect;
  private final String alias;
  private final Map<String, Integer> columns;
  private final UnaryOperator<String> physical;
  private final StringBuilder sql = new StringBuilder();
  private final List<Object> values = new ArrayList<>();
  private final List<Integer> types = new ArrayList<>();

  private SqlFilter(
      Dialect dialect, String alias, Map<String, Integer> columns, UnaryOperator<String> physical) {
    this.dialect = dialect;
    this.alias = alias;
    this.columns = columns;
    this.physical = physical;
  }

  /**
   * The AND of {@code predicates} (filter strings) over a relation aliased {@code alias} with
   * {@code columns} (name → JDBC type); {@code null} when there are none.
   */
  public static Condition of(
      Dialect dialect, String alias, Map<String, Integer> columns, List<String> predicates) {
    return of(dialect, alias, columns, predicates, UnaryOperator.identity());
  }

  /**
   * {@link #of(Dialect, String, Map, List)} where a filter's column is stored in the physical
   * column {@code physical} names (the seed layout's project version).
   */
  public static Condition of(
      Dialect dialect,
      String alias,
      Map<String, Integer> columns,
      List<String> predicates,
      UnaryOperator<String> physical) {
    if (predicates.isEmpty()) {
      return null;
    }
    SqlFilter f = new SqlFilter(dialect, alias, columns, physical);
    for (int i = 0; i < predicates.size(); i++) {
      f.sql.append(i == 0 ? "(" : " and (");
      f.translate(FilterParser.parse(predicates.get(i)));
      f.sql.append(")");
    }
    // values may hold NULL literals: no List.copyOf
    return new Condition(
        f.sql.toString(),
        Collections.unmodifiableList(new ArrayList<>(f.values)),
        List.copyOf(f.types));
  }

  private void translate(FilterExpression e) {
    if (e instanceof FilterExpression.And a) {
      join(a.operands(), " and ");
    } else if (e instanceof FilterExpression.Or o) {
      join(o.operands(), " or ");
    } else if (e instanceof FilterExpression.Not n) {
      sql.append("not (");
      translate(n.operand());
      sql.append(")");
    } else if (e instanceof FilterExpression.IsNull n) {
      operand(n.operand(), null);
      sql.append(n.negated() ? " is not null" : " is null");
    } else if (e instanceof FilterExpression.In in) {
      Integer type = typeOf(in.operand());
      operand(in.operand(), null);
      sql.append(in.negated() ? " not in (" : " in (");
      for (int i = 0; i < in.values().size(); i++) {
        sql.append(i == 0 ? "" : ", ");
        param(in.values().get(i).value(), type);
      }
      sql.append(")");
    } else {
      FilterExpression.Comparison c = (FilterExpression.Comparison) e;
      Integer lt = typeOf(c.left());
      Integer rt = typeOf(c.right());
      operand(c.left(), rt);
      sql.append(' ')
          .append(
              c.operator() == FilterExpression.ComparisonOperator.NE ? "<>" : c.operator().symbol())
          .append(' ');
      operand(c.right(), lt);
    }
  }

  private void join(List<FilterExpression> operands, String op) {
    sql.append("(");
    for (int i = 0; i < operands.size(); i++) {
      sql.append(i == 0 ? "" : op);
      translate(operands.get(i));
    }
    sql.append(")");
  }

  private Integer typeOf(Operand o) {
    return o instanceof Operand.Column c ? columnType(c.name()) : null;
  }

  private Integer columnType(String column) {
    String name = physical.apply(column);
    Integer t = columns.get(name);
    return t != null ? t : columns.get(name.toLowerCase(Locale.ROOT));
  }

  private void operand(Operand o, Integer contextType) {
    if (o instanceof Operand.Column c) {
      if (columnType(c.name()) == null) {
        sql.append("cast(null as ").append(dialect.stringType()).append(")");
      } else {
        String p = physical.apply(c.name());
        String name = columns.containsKey(p) ? p : p.toLowerCase(Locale.ROOT);
        sql.append(alias).append('.').append(dialect.id(name));
      }
      return;
    }
    param(((Operand.Literal) o).value(), contextType);
  }

  private void param(Object v, Integer type) {
    Object value = v;
    int t = type == null ? typeOfLiteral(v) : type;
    if (v != null && type != null) {
      value = convert(v, type);
      if (value != v && !(value instanceof String) && isString(type)) {
        t = typeOfLiteral(value);
      }
    }
    sql.append("?");
    values.add(value);
    types.add(t);
  }

  private static Object convert(Object v, int type) {
    if (isString(type) && !(v instanceof String)) {
      return v instanceof BigDecimal b ? b.toPlainString() : v.toString();
    }
    if (isNumeric(type) && v instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        return v;
      }
    }
    if (isTimestamp(type) && v instanceof String s) {
      try {
        return Instant.parse(s);
      } catch (RuntimeException e) {
        try {
          return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e2) {
          return v;
        }
      }
    }
    return v;
  }

  private static int typeOfLiteral(Object v) {
    if (v instanceof Long) {
      return Types.BIGINT;
    }
    if (v instanceof BigDecimal) {
      return Types.DECIMAL;
    }
    if (v instanceof Boolean) {
      return Types.BOOLEAN;
    }
    return Types.VARCHAR;
  }

  private static boolean isString(int t) {
    return t == Types.VARCHAR
        || t == Types.CHAR
        || t == Types.LONGVARCHAR
        || t == Types.CLOB
        || t == Types.NVARCHAR
        || t == Types.NCLOB;
  }

  private static boolean isNumeric(int t) {
    return t == Types.BIGINT
        || t == Types.INTEGER
        || t == Types.SMALLINT
        || t == Types.TINYINT
        || t == Types.DECIMAL
        || t == Types.NUMERIC
        || t == Types.DOUBLE
        || t == Types.FLOAT
        || t == Types.REAL;
  }

  private static boolean isTimestamp(int t) {
    return t == Types.TIMESTAMP || t == Types.TIMESTAMP_WITH_TIMEZONE || t == Types.DATE;
  }
}
