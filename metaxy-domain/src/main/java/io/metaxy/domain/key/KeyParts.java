package io.metaxy.domain.key;

import io.metaxy.domain.error.InvalidKeyException;
import java.util.List;

/** Parsing and validation shared by {@link FeatureKey} and {@link FieldKey}. */
final class KeyParts {

  private KeyParts() {}

  static List<String> parse(String kind, String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidKeyException(
          String.valueOf(text), null, kind + " must not be empty; use e.g. \"video/processing\".");
    }
    return validate(kind, text, List.of(text.split("/", -1)));
  }

  static List<String> validate(String kind, String shown, List<String> parts) {
    if (parts == null || parts.isEmpty()) {
      throw new InvalidKeyException(
          String.valueOf(shown), null, kind + " must have at least one part.");
    }
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      String rule = null;
      if (part == null || part.isEmpty()) {
        rule = "parts must be non-empty (check for a leading, trailing or doubled '/')";
      } else if (part.contains("/")) {
        rule = "a part must not contain '/'";
      } else if (part.contains("__")) {
        rule = "a part must not contain '__' (reserved for table names)";
      } else if (i == 0 && !matches(part, true)) {
        rule = "the first part must match [a-z_][a-z0-9_-]* (lowercase letters, digits, '_', '-')";
      } else if (i > 0 && !matches(part, false)) {
        rule = "later parts must match [a-z0-9_][a-z0-9_-]* (lowercase letters, digits, '_', '-')";
      }
      if (rule != null) {
        throw new InvalidKeyException(
            shown,
            part,
            "Invalid "
                + kind
                + " \""
                + shown
                + "\": part \""
                + part
                + "\" breaks the rule: "
                + rule
                + ".");
      }
    }
    return List.copyOf(parts);
  }

  /**
   * {@code [a-z_][a-z0-9_-]*} for the first part, {@code [a-z0-9_][a-z0-9_-]*} for later parts;
   * checked by hand because keys are parsed for every feature, dep and field of a graph.
   */
  private static boolean matches(String part, boolean first) {
    char c0 = part.charAt(0);
    if (!(isLower(c0) || c0 == '_' || (!first && isDigit(c0)))) {
      return false;
    }
    for (int i = 1; i < part.length(); i++) {
      char c = part.charAt(i);
      if (!(isLower(c) || isDigit(c) || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static int compare(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
