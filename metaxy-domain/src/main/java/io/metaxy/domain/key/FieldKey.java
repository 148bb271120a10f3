package io.metaxy.domain.key;

import java.util.List;

/**
 * Identifies a field within a feature: a non-empty list of parts written {@code "audio"} or {@code
 * "audio/left"}. Inside per-field maps it appears as its struct key (parts joined by {@code _}).
 */
public final class FieldKey implements Comparable<FieldKey> {
  /** The key of the single field a feature gets when it declares none. */
  public static final FieldKey DEFAULT = FieldKey.of("default");

  private final List<String> parts;
  private final String text;

  private FieldKey(List<String> parts) {
    this.parts = parts;
    this.text = String.join("/", parts);
  }

  public static FieldKey of(String key) {
    return new FieldKey(KeyParts.parse("field key", key));
  }

  public static FieldKey ofParts(List<String> parts) {
    return new FieldKey(
        KeyParts.validate("field key", parts == null ? "null" : String.join("/", parts), parts));
  }

  public List<String> parts() {
    return parts;
  }

  /** Parts joined by {@code _}: the name inside {@code *_by_field} maps. */
  public String structKey() {
    return String.join("_", parts);
  }

  @Override
  public int compareTo(FieldKey o) {
    return text.compareTo(o.text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldKey other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
