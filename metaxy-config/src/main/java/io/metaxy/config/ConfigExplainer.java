package io.metaxy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Lists a validated configuration's values with their origins (for {@code config print}). */
final class ConfigExplainer {
  private ConfigExplainer() {}

  static List<ConfigValue> explain(MetaxyConfig cfg, Function<String, String> origins) {
    List<ConfigValue> out = new ArrayList<>();
    Function<String, String> origin =
        k -> {
          String o = origins.apply(k);
          return o == null ? "default" : o;
        };
    add(out, "project", cfg.project(), origin);
    add(out, "entrypoints", cfg.entrypoints(), origin);
    add(out, "store", cfg.defaultStore(), origin);
    add(out, "hash_algorithm", cfg.hashAlgorithm().configName(), origin);
    add(
        out,
        "hash_truncation_length",
        cfg.truncation().length().isPresent()
            ? (Object) cfg.truncation().length().getAsInt()
            : "none",
        origin);
    add(out, "auto_create_tables", cfg.autoCreateTables(), origin);
    add(out, "system_tables.feature_versions", cfg.systemTableNames().featureVersions(), origin);
    add(out, "system_tables.migration_events", cfg.systemTableNames().migrationEvents(), origin);
    add(out, "ext.ebean.infer_table_names", cfg.ebean().inferTableNames(), origin);
    add(out, "ext.ebean.system_tables", cfg.ebean().systemTables(), origin);
    for (StoreConfig s : cfg.stores().values()) {
      String base = "stores." + s.name();
      add(out, base + ".type", s.type(), origin);
      for (Map.Entry<String, Object> e : s.config().entrySet()) {
        add(out, base + ".config." + e.getKey(), e.getValue(), origin);
      }
      if (!s.tablePrefix().isEmpty()) {
        add(out, base + ".config.table_prefix", s.tablePrefix(), origin);
      }
      add(out, base + ".fallback_stores", s.fallbackStores(), origin);
    }
    return out;
  }

  private static void add(
      List<ConfigValue> out, String key, Object value, Function<String, String> origin) {
    out.add(new ConfigValue(key, value, origin.apply(key)));
  }
}
