package io.metaxy.domain.error;

/** An ID column would get its value from the database; ID columns must be client-provided. */
public class GeneratedIdColumnException extends MetaxyException {
  private static final long serialVersionUID = 1L;
  private final String feature;
  private final String column;

  public GeneratedIdColumnException(String feature, String column, String message) {
    super(ErrorCode.GENERATED_ID_COLUMN, message);
    this.feature = feature;
    this.column = column;
  }

  public String feature() {
    return feature;
  }

  public String column() {
    return column;
  }
}
