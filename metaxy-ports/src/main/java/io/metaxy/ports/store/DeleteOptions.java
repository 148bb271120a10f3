package io.metaxy.ports.store;

import java.util.List;

/**
 * What to delete: samples of the current feature version matching every filter (all samples when
 * there are none), softly by default.
 *
 * @param filters predicates in the filter grammar, AND-ed
 * @param hard physically delete rows (of every feature version) instead of appending tombstones
 */
public record DeleteOptions(List<String> filters, boolean hard) {
  public DeleteOptions {
    filters = filters == null ? List.of() : List.copyOf(filters);
  }

  public static DeleteOptions soft(String... filters) {
    return new DeleteOptions(List.of(filters), false);
  }

  public static DeleteOptions hard(String... filters) {
    return new DeleteOptions(List.of(filters), true);
  }
}
