package io.metaxy.domain.filter;

import io.metaxy.domain.error.UnknownFilterColumnException;
import io.metaxy.domain.filter.FilterExpression.And;
import io.metaxy.domain.filter.FilterExpression.Comparison;
import io.metaxy.domain.filter.FilterExpression.In;
import io.metaxy.domain.filter.FilterExpression.IsNull;
import io.metaxy.domain.filter.FilterExpression.Not;
import io.metaxy.domain.filter.FilterExpression.Operand;
import io.metaxy.domain.filter.FilterExpression.Or;
import io.metaxy.domain.key.FeatureKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks filters against the columns of a feature: every column a filter names must exist. A filter
 * on a misspelt column would otherwise read NULL on every row ({@code sampel_id IS NULL} matches
 * everything), so every store and every API taking filters parses them through {@link
 * #parseChecked}.
 */
public final class FilterColumns {
  private FilterColumns() {}

  /** The columns {@code expression} names, in order of first appearance. */
  public static Set<String> referenced(FilterExpression expression) {
    Set<String> out = new LinkedHashSet<>();
    collect(expression, out);
    return out;
  }

  /**
   * Parses every filter and checks its columns against {@code knownColumns}; throws {@link
   * UnknownFilterColumnException} naming the first unknown column, the feature and the known
   * columns, or {@link io.metaxy.domain.error.InvalidFilterException} when a filter does not parse.
   */
  public static List<FilterExpression> parseChecked(
      FeatureKey feature, List<String> filters, Collection<String> knownColumns) {
    List<FilterExpression> out = new ArrayList<>(filters.size());
    for (String f : filters) {
      FilterExpression e = FilterParser.parse(f);
      requireKnown(feature, f, e, knownColumns);
      out.add(e);
    }
    return out;
  }

  /**
   * Throws {@link UnknownFilterColumnException} when {@code expression} names an unknown column.
   */
  public static void requireKnown(
      FeatureKey feature, String text, FilterExpression expression, Collection<String> known) {
    for (String c : referenced(expression)) {
      if (!known.contains(c)) {
        throw new UnknownFilterColumnException(
            String.valueOf(feature), text, c, List.copyOf(new TreeSet<>(known)));
      }
    }
  }

  private static void collect(FilterExpression e, Set<String> out) {
    if (e instanceof And a) {
      a.operands().forEach(o -> collect(o, out));
    } else if (e instanceof Or o) {
      o.operands().forEach(x -> collect(x, out));
    } else if (e instanceof Not n) {
      collect(n.operand(), out);
    } else if (e instanceof Comparison c) {
      operand(c.left(), out);
      operand(c.right(), out);
    } else if (e instanceof IsNull i) {
      operand(i.operand(), out);
    } else if (e instanceof In i) {
      operand(i.operand(), out);
    }
  }

  private static void operand(Operand o, Set<String> out) {
    if (o instanceof Operand.Column c) {
      out.add(c.name());
    }
  }
}
