package io.metaxy.domain.filter;

import io.metaxy.domain.error.InvalidFilterException;
import io.metaxy.domain.filter.FilterExpression.And;
import io.metaxy.domain.filter.FilterExpression.Comparison;
import io.metaxy.domain.filter.FilterExpression.ComparisonOperator;
import io.metaxy.domain.filter.FilterExpression.In;
import io.metaxy.domain.filter.FilterExpression.IsNull;
import io.metaxy.domain.filter.FilterExpression.Not;
import io.metaxy.domain.filter.FilterExpression.Operand;
import io.metaxy.domain.filter.FilterExpression.Or;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the filter grammar:
 *
 * <pre>
 * expr       := or
 * or         := and ("OR" and)*
 * and        := not ("AND" not)*
 * not        := "NOT" not | primary
 * primary    := "(" expr ")" | operand predicate
 * predicate  := cmpOp operand | "IS" ["NOT"] "NULL" | ["NOT"] "IN" "(" literal ("," literal)* ")"
 * operand    := identifier | "quoted identifier" | `quoted identifier` | literal
 * literal    := 'string' ('' escapes a quote) | number | TRUE | FALSE | NULL
 * cmpOp      := = | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=
 * </pre>
 *
 * Keywords are case-insensitive. Anything else (comments, semicolons, functions) is rejected.
 */
public final class FilterParser {
  /**
   * The deepest nesting of parentheses and {@code NOT} a filter may have. Deeper filters are
   * refused with a clear error instead of exhausting the stack of the parser, the evaluator or a
   * SQL translator.
   */
  public static final int MAX_DEPTH = 100;

  private final String src;
  private final List<Token> tokens;
  private int pos;
  private int depth;

  private FilterParser(String src) {
    this.src = src;
    this.tokens = new Lexer(src).lex();
  }

  /** Parses one filter string; throws {@link InvalidFilterException} naming the position. */
  public static FilterExpression parse(String filter) {
    if (filter == null || filter.isBlank()) {
      throw new InvalidFilterException(
          String.valueOf(filter), 0, "Filter expression is empty; write e.g. \"score > 0.5\".");
    }
    FilterParser p = new FilterParser(filter);
    FilterExpression e = p.or();
    if (p.peek().type != TokenType.EOF) {
      throw p.error("unexpected '" + p.peek().text + "'");
    }
    return e;
  }

  private FilterExpression or() {
    List<FilterExpression> ops = new ArrayList<>();
    ops.add(and());
    while (keyword("OR")) {
      ops.add(and());
    }
    return ops.size() == 1 ? ops.get(0) : new Or(ops);
  }

  private FilterExpression and() {
    List<FilterExpression> ops = new ArrayList<>();
    ops.add(not());
    while (keyword("AND")) {
      ops.add(not());
    }
    return ops.size() == 1 ? ops.get(0) : new And(ops);
  }

  private FilterExpression not() {
    int at = peek().offset;
    if (keyword("NOT")) {
      enter(at);
      FilterExpression operand = not();
      depth--;
      return new Not(operand);
    }
    return primary();
  }

  private void enter(int at) {
    if (++depth > MAX_DEPTH) {
      throw error(
          "parentheses and NOT nest deeper than "
              + MAX_DEPTH
              + " levels; simplify the filter (e.g. drop redundant parentheses or double NOTs)",
          at);
    }
  }

  private FilterExpression primary() {
    if (peek().type == TokenType.LPAREN) {
      enter(peek().offset);
      next();
      FilterExpression e = or();
      expect(TokenType.RPAREN, "')'");
      depth--;
      return e;
    }
    Operand left = operand();
    Token t = peek();
    if (t.type == TokenType.OP) {
      next();
      Operand right = operand();
      return new Comparison(left, op(t), right);
    }
    if (keyword("IS")) {
      boolean negated = keyword("NOT");
      if (!keyword("NULL")) {
        throw error("expected NULL after IS" + (negated ? " NOT" : ""));
      }
      return new IsNull(left, negated);
    }
    boolean negated = keyword("NOT");
    if (keyword("IN")) {
      expect(TokenType.LPAREN, "'(' after IN");
      List<Operand.Literal> values = new ArrayList<>();
      do {
        int at = peek().offset;
        Operand o = operand();
        if (!(o instanceof Operand.Literal l)) {
          throw error("IN lists take literals only", at);
        }
        values.add(l);
      } while (accept(TokenType.COMMA));
      expect(TokenType.RPAREN, "')' closing the IN list");
      return new In(left, values, negated);
    }
    throw error(
        "expected a comparison (=, !=, <>, <, <=, >, >=), IS [NOT] NULL or [NOT] IN after "
            + describe(left));
  }

  private static String describe(Operand o) {
    return o instanceof Operand.Column c ? "column " + c.name() : "a literal";
  }

  private Operand operand() {
    Token t = next();
    switch (t.type) {
      case IDENT:
        String upper = t.text.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
          return new Operand.Literal(Boolean.valueOf(upper.equals("TRUE")));
        }
        if (upper.equals("NULL")) {
          return new Operand.Literal(null);
        }
        if (Lexer.isKeyword(upper)) {
          pos--;
          throw error("expected a column or a literal, found keyword " + upper);
        }
        return new Operand.Column(t.text);
      case QUOTED_IDENT:
        return new Operand.Column(t.text);
      case STRING:
        return new Operand.Literal(t.text);
      case NUMBER:
        return new Operand.Literal(number(t.text));
      default:
        pos--;
        throw error("expected a column or a literal");
    }
  }

  private static Object number(String text) {
    if (text.contains(".") || text.contains("e") || text.contains("E")) {
      return new BigDecimal(text);
    }
    try {
      return Long.valueOf(text);
    } catch (NumberFormatException e) {
      return new BigDecimal(text);
    }
  }

  private static ComparisonOperator op(Token t) {
    return switch (t.text) {
      case "=", "==" -> ComparisonOperator.EQ;
      case "!=", "<>" -> ComparisonOperator.NE;
      case "<" -> ComparisonOperator.LT;
      case "<=" -> ComparisonOperator.LE;
      case ">" -> ComparisonOperator.GT;
      case ">=" -> ComparisonOperator.GE;
      default -> throw new IllegalStateException(t.text);
    };
  }

  private boolean keyword(String kw) {
    Token t = peek();
    if (t.type == TokenType.IDENT && t.text.equalsIgnoreCase(kw)) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean accept(TokenType type) {
    if (peek().type == type) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(TokenType type, String what) {
    if (!accept(type)) {
      throw error("expected " + what);
    }
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    return tokens.get(pos++);
  }

  private InvalidFilterException error(String what) {
    return error(what, peek().offset);
  }

  private InvalidFilterException error(String what, int at) {
    return new InvalidFilterException(
        src,
        at,
        "Invalid filter \""
            + abbreviate(src)
            + "\" at position "
            + at
            + ": "
            + what
            + ". Filters use AND, OR, NOT, parentheses, comparisons, IS [NOT] NULL and IN"
            + " with quoted 'strings'.");
  }

  /** The filter text for a one-line message: at most 120 characters. */
  private static String abbreviate(String s) {
    String oneLine = s.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
  }

  enum TokenType {
    IDENT,
    QUOTED_IDENT,
    STRING,
    NUMBER,
    OP,
    LPAREN,
    RPAREN,
    COMMA,
    EOF
  }

  record Token(TokenType type, String text, int offset) {}

  private static final class Lexer {
    private static final java.util.Set<String> KEYWORDS =
        java.util.Set.of("AND", "OR", "NOT", "IS", "IN", "NULL");
    private final String s;
    private int i;

    Lexer(String s) {
      this.s = s;
    }

    static boolean isKeyword(String upper) {
      return KEYWORDS.contains(upper);
    }

    List<Token> lex() {
      List<Token> out = new ArrayList<>();
      while (true) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        if (i >= s.length()) {
          out.add(new Token(TokenType.EOF, "<end>", i));
          return out;
        }
        int start = i;
        char c = s.charAt(i);
        if (c == '(') {
          i++;
          out.add(new Token(TokenType.LPAREN, "(", start));
        } else if (c == ')') {
          i++;
          out.add(new Token(TokenType.RPAREN, ")", start));
        } else if (c == ',') {
          i++;
          out.add(new Token(TokenType.COMMA, ",", start));
        } else if (c == '\'') {
          out.add(new Token(TokenType.STRING, quoted('\''), start));
        } else if (c == '"' || c == '`') {
          out.add(new Token(TokenType.QUOTED_IDENT, quoted(c), start));
        } else if (c == '=' || c == '!' || c == '<' || c == '>') {
          out.add(new Token(TokenType.OP, operator(), start));
        } else if (Character.isDigit(c)
            || ((c == '-' || c == '.')
                && i + 1 < s.length()
                && Character.isDigit(s.charAt(i + 1)))) {
          out.add(new Token(TokenType.NUMBER, number(), start));
        } else if (Character.isLetter(c) || c == '_') {
          while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
          }
          out.add(new Token(TokenType.IDENT, s.substring(start, i), start));
        } else {
          throw new InvalidFilterException(
              s,
              start,
              "Invalid filter \""
                  + s
                  + "\" at position "
                  + start
                  + ": unexpected character '"
                  + c
                  + "'. Quote strings with '...' and odd column names with \"...\".");
        }
      }
    }

    private String quoted(char q) {
      int start = i;
      i++;
      StringBuilder sb = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == q) {
          if (i + 1 < s.length() && s.charAt(i + 1) == q) {
            sb.append(q);
            i += 2;
            continue;
          }
          i++;
          return sb.toString();
        }
        sb.append(c);
        i++;
      }
      throw new InvalidFilterException(
          s,
          start,
          "Invalid filter \"" + s + "\" at position " + start + ": unterminated " + q + " quote.");
    }

    private String operator() {
      int start = i;
      char c = s.charAt(i++);
      if (i < s.length()) {
        char d = s.charAt(i);
        if ((c == '<' && (d == '=' || d == '>'))
            || (c == '>' && d == '=')
            || (c == '!' && d == '=')
            || (c == '=' && d == '=')) {
          i++;
        }
      }
      String op = s.substring(start, i);
      if (op.equals("!")) {
        throw new InvalidFilterException(
            s, start, "Invalid filter \"" + s + "\" at position " + start + ": use != or NOT.");
      }
      return op;
    }

    private String number() {
      int start = i;
      if (s.charAt(i) == '-') {
        i++;
      }
      while (i < s.length()
          && (Character.isDigit(s.charAt(i))
              || s.charAt(i) == '.'
              || s.charAt(i) == 'e'
              || s.charAt(i) == 'E'
              || ((s.charAt(i) == '-' || s.charAt(i) == '+')
                  && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
        i++;
      }
      String text = s.substring(start, i);
      try {
        new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new InvalidFilterException(
            s, start, "Invalid filter \"" + s + "\" at position " + start + ": bad number " + text);
      }
      return text;
    }
  }
}
