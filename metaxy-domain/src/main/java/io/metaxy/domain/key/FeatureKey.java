package io.metaxy.domain.key;

import java.util.Comparator;
import java.util.List;

/**
 * Identifies a feature: a non-empty list of parts written {@code "video/processing"}. Its table
 * name is the parts with {@code -} replaced by {@code _}, joined by {@code __}.
 */
public final class FeatureKey implements Comparable<FeatureKey> {
  /** Orders keys part by part (the order used for snapshot versions). */
  public static final Comparator<FeatureKey> BY_PARTS =
      (a, b) -> KeyParts.compare(a.parts, b.parts);

  private final List<String> parts;
  private final String text;

  private FeatureKey(List<String> parts) {
    this.parts = parts;
    this.text = String.join("/", parts);
  }

  /** Parses {@code "a/b/c"}. */
  public static FeatureKey of(String key) {
    return new FeatureKey(KeyParts.parse("feature key", key));
  }

  /** Builds a key from its parts. */
  public static FeatureKey ofParts(List<String> parts) {
    return new FeatureKey(
        KeyParts.validate("feature key", parts == null ? "null" : String.join("/", parts), parts));
  }

  public static FeatureKey ofParts(String... parts) {
    return ofParts(List.of(parts));
  }

  public List<String> parts() {
    return parts;
  }

  /** The default table name: {@code video__processing}. */
  public String tableName() {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (sb.length() > 0) {
        sb.append("__");
      }
      sb.append(p.replace('-', '_'));
    }
    return sb.toString();
  }

  /** Parts joined by {@code _}. */
  public String structKey() {
    return String.join("_", parts);
  }

  /** Compares by the key string (the tie-break of topological order). */
  @Override
  public int compareTo(FeatureKey o) {
    return text.compareTo(o.text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureKey other && other.text.equals(text);
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
