package io.metaxy.domain.error;

import java.util.List;

/**
 * A filter names a column the feature does not have. Evaluating it would treat the column as NULL
 * everywhere (a typo in {@code delete --filter "sampel_id IS NULL"} would match every sample), so
 * it is an error naming the column and the known columns.
 */
public class UnknownFilterColumnException extends MetaxyException {
  private static final long serialVersionUID = 1L;
  private final String column;
  private final List<String> knownColumns;

  public UnknownFilterColumnException(
      String feature, String filter, String column, List<String> knownColumns) {
    super(
        ErrorCode.INVALID_FILTER,
        "Filter \""
            + abbreviate(filter)
            + "\" on feature "
            + feature
            + " names column \""
            + column
            + "\", which the feature does not have. Known columns: "
            + knownColumns
            + ". Fix the column name.");
    this.column = column;
    this.knownColumns = List.copyOf(knownColumns);
  }

  public String column() {
    return column;
  }

  public List<String> knownColumns() {
    return knownColumns;
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
