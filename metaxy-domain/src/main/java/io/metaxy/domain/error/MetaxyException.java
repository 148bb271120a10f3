package io.metaxy.domain.error;

/**
 * Root of every exception Metaxy throws. Unchecked; carries an {@link ErrorCode} and a message that
 * names the offending feature, field, column or key and says what to change.
 */
public class MetaxyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode errorCode;

  public MetaxyException(ErrorCode errorCode, String message) {
    super("[" + errorCode.code() + "] " + message);
    this.errorCode = errorCode;
  }

  public MetaxyException(ErrorCode errorCode, String message, Throwable cause) {
    super("[" + errorCode.code() + "] " + message, cause);
    this.errorCode = errorCode;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }
}
