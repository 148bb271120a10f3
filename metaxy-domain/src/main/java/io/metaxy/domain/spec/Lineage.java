package io.metaxy.domain.spec;

import java.util.List;

/**
 * The cardinality between an upstream and this feature: identity (1:1), aggregation (N:1, grouped
 * {@code on} columns) or expansion (1:N, children of a parent identified by {@code on} columns).
 */
public sealed interface Lineage {
  /** One downstream row per upstream row, joined on the ID columns. */
  record Identity() implements Lineage {}

  /**
   * Many upstream rows per downstream row, grouped by {@code on}. When {@code on} is not declared
   * ({@link #onDeclared()} false) the feature's ID columns are the grouping columns: the owning
   * {@link FeatureSpec} fills them in, and the spec JSON keeps {@code "on": null}.
   */
  record Aggregation(List<String> on, boolean onDeclared) implements Lineage {
    public Aggregation {
      on = List.copyOf(on);
    }

    /** Aggregation on explicitly declared columns. */
    public Aggregation(List<String> on) {
      this(on, true);
    }

    /**
     * The same aggregation grouping by the given ID columns (only when {@code on} is undeclared).
     */
    Aggregation withDefaultOn(List<String> idColumns) {
      return onDeclared ? this : new Aggregation(idColumns, false);
    }
  }

  /**
   * Many downstream rows per upstream row; {@code on} identifies the parent. {@code
   * idGenerationPattern} is an optional free-form hint recorded in the spec (may be {@code null}).
   */
  record Expansion(List<String> on, String idGenerationPattern) implements Lineage {
    public Expansion {
      on = List.copyOf(on);
    }

    public Expansion(List<String> on) {
      this(on, null);
    }
  }

  static Lineage identity() {
    return new Identity();
  }

  /** Aggregation on {@code on}; with no columns, on the downstream feature's ID columns. */
  static Lineage aggregation(String... on) {
    return on.length == 0 ? new Aggregation(List.of(), false) : new Aggregation(List.of(on));
  }

  static Lineage expansion(String... on) {
    return new Expansion(List.of(on));
  }

  /** The JSON relationship type: {@code 1:1}, {@code N:1} or {@code 1:N}. */
  default String type() {
    if (this instanceof Aggregation) {
      return "N:1";
    }
    if (this instanceof Expansion) {
      return "1:N";
    }
    return "1:1";
  }
}
