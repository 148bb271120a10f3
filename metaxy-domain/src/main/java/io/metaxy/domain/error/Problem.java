package io.metaxy.domain.error;

import java.util.Objects;

/**
 * One validation finding: the rule broken, where (feature and optionally field or column), and the
 * human-readable message that says what to change.
 *
 * @param code the rule that was broken
 * @param feature the feature key string, or {@code null} if the problem is not about one feature
 * @param field the field key or column name, or {@code null}
 * @param message full message naming feature, field and rule, and the fix
 */
public record Problem(ErrorCode code, String feature, String field, String message) {
  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return "[" + code.code() + " " + code.name() + "] " + message;
  }
}
