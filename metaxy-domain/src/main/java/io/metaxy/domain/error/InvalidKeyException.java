package io.metaxy.domain.error;

/** A feature or field key, or one of its parts, breaks the key rules. */
public class InvalidKeyException extends MetaxyException {
  private static final long serialVersionUID = 1L;
  private final String key;
  private final String part;

  public InvalidKeyException(String key, String part, String message) {
    super(ErrorCode.INVALID_KEY, message);
    this.key = key;
    this.part = part;
  }

  /** The offending key as given. */
  public String key() {
    return key;
  }

  /** The offending part, or {@code null} when the key as a whole is wrong. */
  public String part() {
    return part;
  }
}
