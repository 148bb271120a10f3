package io.metaxy.ports.naming;

import io.metaxy.domain.key.FeatureKey;
import java.util.Map;

/**
 * Maps a feature key to its table name. The default is the store's {@code table_prefix} followed by
 * the key's table name ({@code video__processing}); explicit names win.
 */
@FunctionalInterface
public interface TableNamingConvention {
  String tableName(FeatureKey feature);

  /** Key-derived names, no prefix. */
  static TableNamingConvention defaults() {
    return FeatureKey::tableName;
  }

  /** {@code prefix + key.tableName()}. */
  static TableNamingConvention prefixed(String prefix) {
    String p = prefix == null ? "" : prefix;
    return key -> p + key.tableName();
  }

  /** Explicit names for some features, {@code fallback} for the rest. */
  static TableNamingConvention explicit(
      Map<FeatureKey, String> names, TableNamingConvention fallback) {
    Map<FeatureKey, String> copy = Map.copyOf(names);
    return key -> copy.containsKey(key) ? copy.get(key) : fallback.tableName(key);
  }
}
