package io.metaxy.domain.error;

/**
 * A row given to a write breaks the write contract; the message names the feature, the row index,
 * the column and what to do. Nothing of the write was stored.
 */
public class InvalidRowException extends MetaxyException {
  private static final long serialVersionUID = 1L;
  private final String feature;
  private final String column;
  private final int rowIndex;

  public InvalidRowException(
      ErrorCode code, String feature, String column, int rowIndex, String message) {
    super(code, message);
    this.feature = feature;
    this.column = column;
    this.rowIndex = rowIndex;
  }

  /** The feature key (as text) the write was for. */
  public String feature() {
    return feature;
  }

  /** The offending column. */
  public String column() {
    return column;
  }

  /** Zero-based index of the offending row in the written batch. */
  public int rowIndex() {
    return rowIndex;
  }
}
