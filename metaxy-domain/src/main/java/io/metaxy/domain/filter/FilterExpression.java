package io.metaxy.domain.filter;

import java.util.List;
import java.util.Objects;

/**
 * A parsed filter predicate: the tree adapters translate into their query language and the
 * in-memory engine evaluates. Never built by string concatenation.
 */
public sealed interface FilterExpression {

  /** Conjunction of two or more expressions. */
  record And(List<FilterExpression> operands) implements FilterExpression {
    public And {
      operands = List.copyOf(operands);
    }
  }

  /** Disjunction of two or more expressions. */
  record Or(List<FilterExpression> operands) implements FilterExpression {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  /** Negation. */
  record Not(FilterExpression operand) implements FilterExpression {
    public Not {
      Objects.requireNonNull(operand);
    }
  }

  /** {@code left op right}. */
  record Comparison(Operand left, ComparisonOperator operator, Operand right)
      implements FilterExpression {
    public Comparison {
      Objects.requireNonNull(left);
      Objects.requireNonNull(operator);
      Objects.requireNonNull(right);
    }
  }

  /** {@code operand IS NULL} or, when {@code negated}, {@code IS NOT NULL}. */
  record IsNull(Operand operand, boolean negated) implements FilterExpression {}

  /** {@code operand IN (values)} or, when {@code negated}, {@code NOT IN}. */
  record In(Operand operand, List<Operand.Literal> values, boolean negated)
      implements FilterExpression {
    public In {
      values = List.copyOf(values);
    }
  }

  /** Comparison operators of the filter grammar. */
  enum ComparisonOperator {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** A column reference or a literal. */
  sealed interface Operand {
    /** A column by name (possibly quoted in the source text). */
    record Column(String name) implements Operand {
      public Column {
        Objects.requireNonNull(name);
      }
    }

    /**
     * A literal: {@code String}, {@code Long}, {@code java.math.BigDecimal}, {@code Boolean} or
     * {@code null}.
     */
    record Literal(Object value) implements Operand {}
  }
}
