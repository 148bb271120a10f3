package io.metaxy.domain.key;

import java.util.Comparator;
import java.util.Objects;

/**
 * A fully-qualified field: {@code feature.field}, e.g. {@code example/video.audio}. Parent fields
 * are ordered by this string.
 */
public record FieldRef(FeatureKey feature, FieldKey field) implements Comparable<FieldRef> {
  private static final Comparator<FieldRef> ORDER = Comparator.comparing(FieldRef::toString);

  public FieldRef {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(field, "field");
  }

  public static FieldRef of(String feature, String field) {
    return new FieldRef(FeatureKey.of(feature), FieldKey.of(field));
  }

  @Override
  public int compareTo(FieldRef o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return feature + "." + field;
  }
}
