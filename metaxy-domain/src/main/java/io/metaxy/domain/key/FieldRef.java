package io.metaxy.domain.key;

import java.util.Objects;

/**
 * A fully-qualified field: {@code feature.field}, e.g. {@code example/video.audio}. Parent fields
 * are ordered by this string.
 */
public record FieldRef(FeatureKey feature, FieldKey field) implements Comparable<FieldRef> {
  public FieldRef {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(field, "field");
  }

  public static FieldRef of(String feature, String field) {
    return new FieldRef(FeatureKey.of(feature), FieldKey.of(field));
  }

  /** Compares the strings {@code "feature.field"} (without building them). */
  @Override
  public int compareTo(FieldRef o) {
    String a = feature.toString();
    String b = o.feature.toString();
    if (a.equals(b)) {
      return field.toString().compareTo(o.field.toString());
    }
    String x = field.toString();
    String y = o.field.toString();
    int la = a.length() + 1 + x.length();
    int lb = b.length() + 1 + y.length();
    int n = Math.min(la, lb);
    for (int i = 0; i < n; i++) {
      char ca = charAt(a, x, i);
      char cb = charAt(b, y, i);
      if (ca != cb) {
        return ca - cb;
      }
    }
    return la - lb;
  }

  private static char charAt(String feature, String field, int i) {
    int f = feature.length();
    return i < f ? feature.charAt(i) : i == f ? '.' : field.charAt(i - f - 1);
  }

  @Override
  public String toString() {
    return feature + "." + field;
  }
}
