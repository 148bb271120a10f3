package io.metaxy.domain.error;

/** A filter expression does not parse; the message shows the expression and the position. */
public class InvalidFilterException extends MetaxyException {
  private static final long serialVersionUID = 1L;
  private final String expression;
  private final int position;

  public InvalidFilterException(String expression, int position, String message) {
    super(ErrorCode.INVALID_FILTER, message);
    this.expression = expression;
    this.position = position;
  }

  public String expression() {
    return expression;
  }

  /** Zero-based character offset of the problem. */
  public int position() {
    return position;
  }
}
