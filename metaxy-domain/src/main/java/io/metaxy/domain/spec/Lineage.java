package io.metaxy.domain.spec;

import java.util.List;

/**
 * The cardinality between an upstream and this feature: identity (1:1), aggregation (N:1, grouped
 * {@code on} columns) or expansion (1:N, children of a parent identified by {@code on} columns).
 */
public sealed interface Lineage {
  /** One downstream row per upstream row, joined on the ID columns. */
  record Identity() implements Lineage {}

  /** Many upstream rows per downstream row, grouped by {@code on}. */
  record Aggregation(List<String> on) implements Lineage {
    public Aggregation {
      on = List.copyOf(on);
    }
  }

  /** Many downstream rows per upstream row; {@code on} identifies the parent. */
  record Expansion(List<String> on) implements Lineage {
    public Expansion {
      on = List.copyOf(on);
    }
  }

  static Lineage identity() {
    return new Identity();
  }

  static Lineage aggregation(String... on) {
    return new Aggregation(List.of(on));
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
