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
  /** The upstream field with the same key; all upstream fields when none matches. */
  record Default() implements FieldsMapping {}

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
