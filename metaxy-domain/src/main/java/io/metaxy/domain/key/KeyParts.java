package io.metaxy.domain.key;

import io.metaxy.domain.error.InvalidKeyException;
import java.util.List;
import java.util.regex.Pattern;

/** Parsing and validation shared by {@link FeatureKey} and {@link FieldKey}. */
final class KeyParts {
  private static final Pattern FIRST = Pattern.compile("[a-z_][a-z0-9_-]*");
  private static final Pattern LATER = Pattern.compile("[a-z0-9_][a-z0-9_-]*");

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
      } else if (i == 0 && !FIRST.matcher(part).matches()) {
        rule = "the first part must match [a-z_][a-z0-9_-]* (lowercase letters, digits, '_', '-')";
      } else if (i > 0 && !LATER.matcher(part).matches()) {
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
