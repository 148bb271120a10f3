package io.metaxy.domain.spec;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An explicit dependency of a field on fields of an upstream feature: either named fields or all
 * fields of that upstream ({@link #allFields()}).
 */
public final class FieldDep {
  private final FeatureKey feature;
  private final List<FieldKey> fields; // null = ALL

  private FieldDep(FeatureKey feature, List<FieldKey> fields) {
    this.feature = Objects.requireNonNull(feature, "feature");
    this.fields = fields == null ? null : List.copyOf(fields);
  }

  /** Depends on the named fields of {@code feature}. */
  public static FieldDep on(String feature, String... fields) {
    return fields.length == 0
        ? all(FeatureKey.of(feature))
        : of(FeatureKey.of(feature), Arrays.stream(fields).map(FieldKey::of).toList());
  }

  public static FieldDep of(FeatureKey feature, List<FieldKey> fields) {
    return new FieldDep(feature, Objects.requireNonNull(fields, "fields"));
  }

  /** Depends on every field of {@code feature}. */
  public static FieldDep all(FeatureKey feature) {
    return new FieldDep(feature, null);
  }

  public FeatureKey feature() {
    return feature;
  }

  public boolean allFields() {
    return fields == null;
  }

  /** The named fields; empty when {@link #allFields()}. */
  public List<FieldKey> fields() {
    return fields == null ? List.of() : fields;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldDep d && d.feature.equals(feature) && Objects.equals(d.fields, fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(feature, fields);
  }

  @Override
  public String toString() {
    return feature + (fields == null ? ".*" : "." + fields);
  }
}
