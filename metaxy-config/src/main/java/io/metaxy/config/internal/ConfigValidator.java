package io.metaxy.config.internal;

import io.metaxy.config.ConfigException;
import io.metaxy.config.EbeanExtConfig;
import io.metaxy.config.MetaxyConfig;
import io.metaxy.config.StoreConfig;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.ports.naming.SystemTableNames;
import io.metaxy.ports.spi.MetadataStoreProvider;
import io.metaxy.ports.spi.MetadataStoreProviders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a {@link ConfigTree} into a {@link MetaxyConfig}, collecting every problem (unknown key,
 * wrong type, bad value, undefined store) with its key path and origin into one {@link
 * ConfigException}.
 */
public final class ConfigValidator {
  /** Keys allowed at the top level of {@code metaxy.toml}. */
  public static final Set<String> TOP_LEVEL_KEYS =
      Set.of(
          "project",
          "entrypoints",
          "store",
          "stores",
          "hash_algorithm",
          "hash_truncation_length",
          "auto_create_tables",
          "system_tables",
          "ext");

  private static final Set<String> STORE_KEYS = Set.of("type", "config", "fallback_stores");
  private static final Set<String> SYSTEM_TABLE_KEYS =
      Set.of("feature_versions", "migration_events");
  private static final Set<String> EXT_KEYS = Set.of("ebean");
  private static final Set<String> EBEAN_KEYS = Set.of("infer_table_names", "system_tables");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final ConfigTree tree;
  private final List<String> problems;
  private final Set<String> declaredStores = new LinkedHashSet<>();

  private ConfigValidator(ConfigTree tree, List<String> problems) {
    this.tree = tree;
    this.problems = problems;
  }

  /** The {@code "path (origin): "} prefix of a problem message. */
  static String at(String path, ConfigTree tree) {
    String origin = tree.origin(path);
    return path + (origin == null ? "" : " (" + origin + ")") + ": ";
  }

  /**
   * Validates {@code tree}; {@code earlier} are problems found before (interpolation, overrides),
   * reported together with these.
   */
  public static MetaxyConfig validate(
      ConfigTree tree, Path source, Path baseDir, List<String> earlier) {
    List<String> problems = new ArrayList<>(earlier);
    MetaxyConfig config = new ConfigValidator(tree, problems).build(source, baseDir);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  private void problem(String path, String message) {
    problems.add(at(path, tree) + message);
  }

  private MetaxyConfig build(Path source, Path baseDir) {
    Map<String, Object> root = tree.root();
    unknownKeys(root, "", TOP_LEVEL_KEYS);
    MetaxyConfig.Builder b = MetaxyConfig.builder().source(source).baseDir(baseDir);

    String project = string(root, "project", "project");
    if (project != null) {
      if (project.isBlank()) {
        problem("project", "must not be empty");
      } else {
        b.project(project);
      }
    }
    List<String> entrypoints = stringList(root, "entrypoints", "entrypoints");
    if (entrypoints != null) {
      for (int i = 0; i < entrypoints.size(); i++) {
        if (entrypoints.get(i).isBlank()) {
          problem("entrypoints[" + i + "]", "must not be empty");
        }
      }
      b.entrypoints(entrypoints.stream().map(String::trim).toList());
    }
    String hash = string(root, "hash_algorithm", "hash_algorithm");
    if (hash != null) {
      try {
        b.hashAlgorithm(HashAlgorithm.fromConfigName(hash));
      } catch (RuntimeException e) {
        problem(
            "hash_algorithm",
            "unknown algorithm \""
                + hash
                + "\"; use one of "
                + Arrays.stream(HashAlgorithm.values())
                    .map(HashAlgorithm::configName)
                    .collect(Collectors.joining(", ")));
      }
    }
    if (root.containsKey("hash_truncation_length")) {
      Truncation t = truncation(root.get("hash_truncation_length"));
      if (t != null) {
        b.truncation(t);
      }
    }
    Boolean auto = bool(root, "auto_create_tables", "auto_create_tables");
    if (auto != null) {
      b.autoCreateTables(auto);
    }
    Map<String, Object> sys = table(root, "system_tables", "system_tables");
    if (sys != null) {
      unknownKeys(sys, "system_tables", SYSTEM_TABLE_KEYS);
      String fv = string(sys, "feature_versions", "system_tables.feature_versions");
      String me = string(sys, "migration_events", "system_tables.migration_events");
      fv = tableName(fv, "system_tables.feature_versions");
      me = tableName(me, "system_tables.migration_events");
      b.systemTableNames(
          new SystemTableNames(
              fv == null ? SystemTableNames.DEFAULT_FEATURE_VERSIONS : fv,
              me == null ? SystemTableNames.DEFAULT_MIGRATION_EVENTS : me));
    }
    Map<String, Object> ext = table(root, "ext", "ext");
    if (ext != null) {
      unknownKeys(ext, "ext", EXT_KEYS);
      Map<String, Object> eb = table(ext, "ebean", "ext.ebean");
      if (eb != null) {
        unknownKeys(eb, "ext.ebean", EBEAN_KEYS);
        Boolean infer = bool(eb, "infer_table_names", "ext.ebean.infer_table_names");
        Boolean systemTables = bool(eb, "system_tables", "ext.ebean.system_tables");
        b.ebean(new EbeanExtConfig(infer == null || infer, systemTables == null || systemTables));
      }
    }
    Map<String, StoreConfig> stores = stores(root);
    stores.values().forEach(b::store);
    String store = string(root, "store", "store");
    if (store != null) {
      b.defaultStore(store);
    }
    String dflt = store == null ? MetaxyConfig.DEFAULT_STORE_NAME : store;
    if (!declaredStores.isEmpty() && !declaredStores.contains(dflt)) {
      problem(
          store == null ? "stores" : "store",
          "the default store \""
              + dflt
              + "\" is not defined; "
              + (store == null ? "set store = \"<name>\" to one of " : "use one of ")
              + declaredStores
              + " or define [stores."
              + dflt
              + "]");
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return b.build();
  }

  /**
   * Keys of {@code stores.<name>.config} the store type's provider does not know, reported with the
   * other problems of the file (providers that declare their keys; an unknown type is reported when
   * the store is created).
   */
  private void unknownProviderKeys(String type, Map<String, Object> config, String path) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    MetadataStoreProvider provider =
        MetadataStoreProviders.all(cl == null ? ConfigValidator.class.getClassLoader() : cl)
            .get(type);
    if (provider == null) {
      return;
    }
    provider
        .configKeys()
        .ifPresent(
            known -> {
              for (String k : config.keySet()) {
                if (!known.contains(k) && !k.equals("table_prefix")) {
                  problem(
                      path + "." + k,
                      "unknown key for a "
                          + type
                          + " store; the known keys are "
                          + new java.util.TreeSet<>(known));
                }
              }
            });
  }

  private Map<String, StoreConfig> stores(Map<String, Object> root) {
    Map<String, StoreConfig> out = new LinkedHashMap<>();
    Map<String, Object> stores = table(root, "stores", "stores");
    if (stores == null) {
      return out;
    }
    Map<String, List<String>> fallbacks = new LinkedHashMap<>();
    declaredStores.addAll(stores.keySet());
    for (Map.Entry<String, Object> e : stores.entrySet()) {
      String name = e.getKey();
      String path = "stores." + name;
      if (!NAME.matcher(name).matches()) {
        problem(path, "store names may hold only letters, digits, '_' and '-'");
      }
      if (!(e.getValue() instanceof Map<?, ?>)) {
        problem(path, "expected a table with type (and optionally config, fallback_stores)");
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> s = (Map<String, Object>) e.getValue();
      unknownKeys(s, path, STORE_KEYS);
      String type = string(s, "type", path + ".type");
      if (type == null && !s.containsKey("type")) {
        problem(path + ".type", "missing; set the store type, e.g. type = \"duckdb\"");
      } else if (type != null && type.isBlank()) {
        problem(path + ".type", "must not be empty");
      }
      Map<String, Object> config = table(s, "config", path + ".config");
      Map<String, Object> cfg =
          config == null ? new LinkedHashMap<>() : new LinkedHashMap<>(config);
      if (type != null && config != null) {
        unknownProviderKeys(type, config, path + ".config");
      }
      String prefix = null;
      if (cfg.containsKey("table_prefix")) {
        prefix = string(cfg, "table_prefix", path + ".config.table_prefix");
        cfg.remove("table_prefix");
      }
      List<String> fb = stringList(s, "fallback_stores", path + ".fallback_stores");
      fallbacks.put(name, fb == null ? List.of() : fb);
      if (type != null) {
        out.put(
            name,
            new StoreConfig(
                name,
                type.trim().toLowerCase(Locale.ROOT),
                cfg,
                prefix,
                fb == null ? List.of() : fb));
      }
    }
    for (Map.Entry<String, List<String>> e : fallbacks.entrySet()) {
      List<String> fb = e.getValue();
      for (int i = 0; i < fb.size(); i++) {
        String f = fb.get(i);
        String p = "stores." + e.getKey() + ".fallback_stores[" + i + "]";
        if (!stores.containsKey(f)) {
          problem(p, "no store named \"" + f + "\"; use one of " + stores.keySet());
        } else if (f.equals(e.getKey())) {
          problem(p, "a store cannot be its own fallback");
        }
      }
    }
    String cycle = fallbackCycle(fallbacks);
    if (cycle != null) {
      problem("stores", "fallback stores form a cycle: " + cycle + "; remove one fallback");
    }
    return out;
  }

  private static String fallbackCycle(Map<String, List<String>> fallbacks) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on path, 2 = done
    for (String start : fallbacks.keySet()) {
      List<String> path = new ArrayList<>();
      String c = visit(start, fallbacks, state, path);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  private static String visit(
      String node, Map<String, List<String>> fb, Map<String, Integer> state, List<String> path) {
    Integer st = state.get(node);
    if (st != null && st == 2) {
      return null;
    }
    if (st != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return String.join(" -> ", cycle);
    }
    state.put(node, 1);
    path.add(node);
    for (String next : fb.getOrDefault(node, List.of())) {
      if (next.equals(node) || !fb.containsKey(next)) {
        continue; // reported separately
      }
      String c = visit(next, fb, state, path);
      if (c != null) {
        return c;
      }
    }
    path.remove(path.size() - 1);
    state.put(node, 2);
    return null;
  }

  private Truncation truncation(Object v) {
    String path = "hash_truncation_length";
    if (v instanceof String s && s.trim().equalsIgnoreCase("none")) {
      return Truncation.NONE;
    }
    Long n = asLong(v);
    if (n == null) {
      problem(path, "expected an integer >= 8 or \"none\", got " + describe(v));
      return null;
    }
    if (n < 8 || n > 64) {
      problem(path, "is " + n + ": it must be between 8 and 64 (or \"none\" for full hashes)");
      return null;
    }
    return Truncation.of(n.intValue());
  }

  private String tableName(String name, String path) {
    if (name != null && name.isBlank()) {
      problem(path, "must not be empty");
      return null;
    }
    return name;
  }

  private void unknownKeys(Map<String, Object> table, String path, Set<String> allowed) {
    for (String key : table.keySet()) {
      if (!allowed.contains(key)) {
        String p = path.isEmpty() ? key : path + "." + key;
        problem(p, "unknown key; allowed here: " + String.join(", ", sorted(allowed)));
      }
    }
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  private String string(Map<String, Object> table, String key, String path) {
    Object v = table.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    problem(path, "expected a string, got " + describe(v));
    return null;
  }

  private Boolean bool(Map<String, Object> table, String key, String path) {
    Object v = table.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("1") || t.equals("yes")) {
        return true;
      }
      if (t.equals("false") || t.equals("0") || t.equals("no")) {
        return false;
      }
    }
    problem(path, "expected true or false, got " + describe(v));
    return null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> table(Map<String, Object> parent, String key, String path) {
    Object v = parent.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    problem(path, "expected a table, got " + describe(v));
    return null;
  }

  private List<String> stringList(Map<String, Object> table, String key, String path) {
    Object v = table.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) { // environment overrides: comma-separated
      List<String> out = new ArrayList<>();
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      for (int i = 0; i < l.size(); i++) {
        Object item = l.get(i);
        if (item instanceof String s) {
          if (!seen.add(s)) {
            problem(path + "[" + i + "]", "\"" + s + "\" is listed twice");
          }
          out.add(s);
        } else {
          problem(path + "[" + i + "]", "expected a string, got " + describe(item));
        }
      }
      return out;
    }
    problem(path, "expected a list of strings, got " + describe(v));
    return null;
  }

  private static Long asLong(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String describe(Object v) {
    if (v instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (v instanceof Map<?, ?>) {
      return "a table";
    }
    if (v instanceof List<?>) {
      return "a list";
    }
    return v.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + v;
  }
}
