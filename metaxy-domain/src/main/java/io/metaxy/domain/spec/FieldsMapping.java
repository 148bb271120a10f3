package io.metaxy.domain.spec;

import io.metaxy.domain.key.FieldKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fields of a feature map to fields of one upstream dependency when a field declares no
 * explicit deps. {@link Default}: the upstream field with the same key, else all upstream fields.
 */
public sealed interface FieldsMapping {
  /**
   * The upstream field with the same key (or, with {@code matchSuffix}, whose key ends with this
   * field's key parts); when none matches, every upstream field. Fields in {@code excludeFields}
   * are never mapped.
   */
  record Default(boolean matchSuffix, List<FieldKey> excludeFields) implements FieldsMapping {
    public Default {
      excludeFields = List.copyOf(excludeFields);
    }

    public Default() {
      this(false, List.of());
    }

    /** Whether {@code upstream} matches {@code field} by key (or by suffix when enabled). */
    public boolean matches(FieldKey field, FieldKey upstream) {
      if (upstream.equals(field)) {
        return true;
      }
      if (!matchSuffix) {
        return false;
      }
      List<String> f = field.parts();
      List<String> u = upstream.parts();
      return f.size() <= u.size() && u.subList(u.size() - f.size(), u.size()).equals(f);
    }
  }

  /** Every field of the upstream. */
  record All() implements FieldsMapping {}

  /** No field of the upstream (a dependency for joining only). */
  record None() implements FieldsMapping {}

  /** Explicit per-field lists: downstream field → upstream fields; unlisted fields map to none. */
  record Specific(Map<FieldKey, List<FieldKey>> mapping) implements FieldsMapping {
    public Specific {
      Map<FieldKey, List<FieldKey>> copy = new LinkedHashMap<>();
      mapping.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      mapping = java.util.Collections.unmodifiableMap(copy);
    }
  }

  static FieldsMapping defaults() {
    return new Default();
  }

  /** The default mapping with suffix matching and excluded upstream fields. */
  static FieldsMapping defaults(boolean matchSuffix, List<FieldKey> excludeFields) {
    return new Default(matchSuffix, excludeFields);
  }

  static FieldsMapping all() {
    return new All();
  }

  static FieldsMapping none() {
    return new None();
  }

  static FieldsMapping specific(Map<FieldKey, List<FieldKey>> mapping) {
    return new Specific(mapping);
  }
}
