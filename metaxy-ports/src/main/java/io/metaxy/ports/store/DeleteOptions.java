package io.metaxy.ports.store;

import java.util.List;

/**
 * What to delete: samples matching every filter (all samples when there are none), softly by
 * default, of the current feature version unless {@code featureHistory} is set.
 *
 * <p>Filters name columns of the feature; a filter naming a column the feature does not have is an
 * error ({@link io.metaxy.domain.error.UnknownFilterColumnException}) and deletes nothing.
 *
 * @param filters predicates in the filter grammar, AND-ed
 * @param hard physically delete rows instead of appending tombstones
 * @param featureHistory delete across every feature version (Python's {@code
 *     with_feature_history}); by default only rows of the current feature version are affected
 */
public record DeleteOptions(List<String> filters, boolean hard, boolean featureHistory) {
  public DeleteOptions {
    filters = filters == null ? List.of() : List.copyOf(filters);
  }

  /** Current feature version only. */
  public DeleteOptions(List<String> filters, boolean hard) {
    this(filters, hard, false);
  }

  public static DeleteOptions soft(String... filters) {
    return new DeleteOptions(List.of(filters), false, false);
  }

  public static DeleteOptions hard(String... filters) {
    return new DeleteOptions(List.of(filters), true, false);
  }

  /**
   * Drops a feature's metadata: every row of every feature version, physically ({@code metaxy
   * metadata drop}).
   */
  public static DeleteOptions drop() {
    return new DeleteOptions(List.of(), true, true);
  }

  /** The same delete across every feature version. */
  public DeleteOptions withFeatureHistory() {
    return new DeleteOptions(filters, hard, true);
  }
}
