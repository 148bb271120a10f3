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
import io.vavr.Tuple;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a {@link ConfigTree} into a {@link MetaxyConfig}. Every section is checked on its own into
 * a vavr {@code Validation} (what it sets, or its problems); the sections are combined so that
 * every problem (unknown key, wrong type, bad value, undefined store or fallback, fallback cycle)
 * is reported at once, with its key path and origin, in one {@link ConfigException}.
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

  /** One accepted piece of configuration: what it sets on the builder. */
  private interface Step extends Consumer<MetaxyConfig.Builder> {}

  private static final Step NOTHING = b -> {};

  private final ConfigTree tree;

  private ConfigValidator(ConfigTree tree) {
    this.tree = tree;
  }

  /** The {@code "path (origin): "} prefix of a problem message. */
  static String at(String path, ConfigTree tree) {
    String origin = tree.origin(path);
    return path + (origin == null ? "" : " (" + origin + ")") + ": ";
  }

  /**
   * Validates {@code tree}; {@code earlier} are problems found before (interpolation, overrides),
   * reported together with these.
   *
   * @throws ConfigException with every problem, one line each, when there is any
   */
  public static MetaxyConfig validate(
      ConfigTree tree, Path source, Path baseDir, List<String> earlier) {
    Validation<Seq<String>, Step> before =
        earlier.isEmpty()
            ? Validation.valid(NOTHING)
            : Validation.invalid(io.vavr.collection.List.ofAll(earlier));
    Validation<Seq<String>, MetaxyConfig> config =
        both(before, new ConfigValidator(tree).check(source, baseDir), (x, c) -> c);
    if (config.isInvalid()) {
      throw new ConfigException(config.getError().toJavaList());
    }
    return config.get();
  }

  /** Every section checked independently; the configuration is built only when all passed. */
  private Validation<Seq<String>, MetaxyConfig> check(Path source, Path baseDir) {
    Map<String, Object> root = tree.root();
    List<Validation<Seq<String>, Step>> sections =
        List.of(
            unknownKeys(root, "", TOP_LEVEL_KEYS),
            project(root),
            entrypoints(root),
            hashAlgorithm(root),
            truncation(root),
            bool(root, "auto_create_tables", "auto_create_tables")
                .map(v -> v.<Step>map(a -> b -> b.autoCreateTables(a)).orElse(NOTHING)),
            systemTables(root),
            ext(root),
            stores(root),
            defaultStore(root));
    return Validation.sequence(sections)
        .map(
            steps -> {
              MetaxyConfig.Builder b = MetaxyConfig.builder().source(source).baseDir(baseDir);
              steps.forEach(step -> step.accept(b));
              return b.build();
            });
  }

  private <T> Validation<Seq<String>, T> problem(String path, String message) {
    return Validation.invalid(io.vavr.collection.List.of(at(path, tree) + message));
  }

  /** Both checks' values combined, or the problems of both. */
  private static <A, B, R> Validation<Seq<String>, R> both(
      Validation<Seq<String>, A> a,
      Validation<Seq<String>, B> b,
      BiFunction<? super A, ? super B, ? extends R> f) {
    return Validation.combine(a, b)
        .<R>ap(f::apply)
        .mapError(all -> all.flatMap(Function.identity()));
  }

  /** Passes with a step doing every step of {@code checks} when all passed. */
  private static Validation<Seq<String>, Step> all(List<Validation<Seq<String>, Step>> checks) {
    return Validation.sequence(checks).map(steps -> b -> steps.forEach(s -> s.accept(b)));
  }

  private Validation<Seq<String>, Step> project(Map<String, Object> root) {
    return string(root, "project", "project")
        .flatMap(
            v ->
                v.isEmpty()
                    ? Validation.valid(NOTHING)
                    : v.get().isBlank()
                        ? problem("project", "must not be empty")
                        : Validation.valid(b -> b.project(v.get())));
  }

  private Validation<Seq<String>, Step> entrypoints(Map<String, Object> root) {
    return stringList(root, "entrypoints", "entrypoints")
        .flatMap(
            v -> {
              if (v.isEmpty()) {
                return Validation.valid(NOTHING);
              }
              List<String> list = v.get();
              List<Validation<Seq<String>, Step>> each = new ArrayList<>();
              for (int i = 0; i < list.size(); i++) {
                each.add(
                    list.get(i).isBlank()
                        ? problem("entrypoints[" + i + "]", "must not be empty")
                        : Validation.valid(NOTHING));
              }
              List<String> trimmed = list.stream().map(String::trim).toList();
              return all(each).map(ok -> b -> b.entrypoints(trimmed));
            });
  }

  private Validation<Seq<String>, Step> hashAlgorithm(Map<String, Object> root) {
    return string(root, "hash_algorithm", "hash_algorithm")
        .flatMap(
            v -> {
              if (v.isEmpty()) {
                return Validation.valid(NOTHING);
              }
              try {
                HashAlgorithm a = HashAlgorithm.fromConfigName(v.get());
                return Validation.valid(b -> b.hashAlgorithm(a));
              } catch (RuntimeException e) {
                return problem(
                    "hash_algorithm",
                    "unknown algorithm \""
                        + v.get()
                        + "\"; use one of "
                        + Arrays.stream(HashAlgorithm.values())
                            .map(HashAlgorithm::configName)
                            .collect(Collectors.joining(", ")));
              }
            });
  }

  private Validation<Seq<String>, Step> truncation(Map<String, Object> root) {
    if (!root.containsKey("hash_truncation_length")) {
      return Validation.valid(NOTHING);
    }
    Object v = root.get("hash_truncation_length");
    String path = "hash_truncation_length";
    if (v instanceof String s && s.trim().equalsIgnoreCase("none")) {
      return Validation.valid(b -> b.truncation(Truncation.NONE));
    }
    Long n = asLong(v);
    if (n == null) {
      return problem(path, "expected an integer >= 8 or \"none\", got " + describe(v));
    }
    if (n < 8 || n > 64) {
      return problem(
          path, "is " + n + ": it must be between 8 and 64 (or \"none\" for full hashes)");
    }
    Truncation t = Truncation.of(n.intValue());
    return Validation.valid(b -> b.truncation(t));
  }

  private Validation<Seq<String>, Step> systemTables(Map<String, Object> root) {
    return table(root, "system_tables", "system_tables")
        .flatMap(
            v -> {
              if (v.isEmpty()) {
                return Validation.valid(NOTHING);
              }
              Map<String, Object> sys = v.get();
              Validation<Seq<String>, Optional<String>> fv =
                  string(sys, "feature_versions", "system_tables.feature_versions")
                      .flatMap(n -> tableName(n, "system_tables.feature_versions"));
              Validation<Seq<String>, Optional<String>> me =
                  string(sys, "migration_events", "system_tables.migration_events")
                      .flatMap(n -> tableName(n, "system_tables.migration_events"));
              return both(
                  unknownKeys(sys, "system_tables", SYSTEM_TABLE_KEYS),
                  both(
                      fv,
                      me,
                      (f, m) ->
                          new SystemTableNames(
                              f.orElse(SystemTableNames.DEFAULT_FEATURE_VERSIONS),
                              m.orElse(SystemTableNames.DEFAULT_MIGRATION_EVENTS))),
                  (ok, names) -> b -> b.systemTableNames(names));
            });
  }

  private Validation<Seq<String>, Step> ext(Map<String, Object> root) {
    return table(root, "ext", "ext")
        .flatMap(
            v -> {
              if (v.isEmpty()) {
                return Validation.valid(NOTHING);
              }
              Validation<Seq<String>, Step> ebean =
                  table(v.get(), "ebean", "ext.ebean")
                      .flatMap(
                          e -> {
                            if (e.isEmpty()) {
                              return Validation.valid(NOTHING);
                            }
                            Map<String, Object> eb = e.get();
                            return both(
                                unknownKeys(eb, "ext.ebean", EBEAN_KEYS),
                                both(
                                    bool(eb, "infer_table_names", "ext.ebean.infer_table_names"),
                                    bool(eb, "system_tables", "ext.ebean.system_tables"),
                                    (infer, sys) ->
                                        new EbeanExtConfig(infer.orElse(true), sys.orElse(true))),
                                (ok, config) -> b -> b.ebean(config));
                          });
              return all(List.of(unknownKeys(v.get(), "ext", EXT_KEYS), ebean));
            });
  }

  private Validation<Seq<String>, Step> defaultStore(Map<String, Object> root) {
    Set<String> declared =
        root.get("stores") instanceof Map<?, ?> m
            ? m.keySet().stream().map(Object::toString).collect(Collectors.toSet())
            : Set.of();
    return string(root, "store", "store")
        .flatMap(
            store -> {
              String dflt = store.orElse(MetaxyConfig.DEFAULT_STORE_NAME);
              if (!declared.isEmpty() && !declared.contains(dflt)) {
                return problem(
                    store.isEmpty() ? "stores" : "store",
                    "the default store \""
                        + dflt
                        + "\" is not defined; "
                        + (store.isEmpty() ? "set store = \"<name>\" to one of " : "use one of ")
                        + new ArrayList<>(((Map<?, ?>) root.get("stores")).keySet())
                        + " or define [stores."
                        + dflt
                        + "]");
              }
              return Validation.valid(store.<Step>map(s -> b -> b.defaultStore(s)).orElse(NOTHING));
            });
  }

  private Validation<Seq<String>, Step> stores(Map<String, Object> root) {
    return table(root, "stores", "stores")
        .flatMap(
            v -> {
              if (v.isEmpty()) {
                return Validation.valid(NOTHING);
              }
              Map<String, Object> stores = v.get();
              Map<String, List<String>> fallbacks = new LinkedHashMap<>();
              List<Validation<Seq<String>, Step>> checks = new ArrayList<>();
              for (Map.Entry<String, Object> e : stores.entrySet()) {
                checks.add(store(e.getKey(), e.getValue(), fallbacks));
              }
              checks.add(fallbackReferences(stores.keySet(), fallbacks));
              return all(checks);
            });
  }

  /** One {@code [stores.<name>]} table; records its fallbacks for the cross-store checks. */
  private Validation<Seq<String>, Step> store(
      String name, Object value, Map<String, List<String>> fallbacks) {
    String path = "stores." + name;
    Validation<Seq<String>, Step> validName =
        NAME.matcher(name).matches()
            ? Validation.valid(NOTHING)
            : problem(path, "store names may hold only letters, digits, '_' and '-'");
    if (!(value instanceof Map<?, ?>)) {
      return all(
          List.of(
              validName,
              problem(
                  path, "expected a table with type (and optionally config, fallback_stores)")));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> s = (Map<String, Object>) value;
    Validation<Seq<String>, String> type =
        string(s, "type", path + ".type")
            .flatMap(
                t ->
                    t.isEmpty()
                        ? this.<String>problem(
                            path + ".type", "missing; set the store type, e.g. type = \"duckdb\"")
                        : t.get().isBlank()
                            ? this.<String>problem(path + ".type", "must not be empty")
                            : Validation.valid(t.get().trim().toLowerCase(Locale.ROOT)));
    Validation<Seq<String>, Map<String, Object>> config =
        table(s, "config", path + ".config")
            .map(c -> c.<Map<String, Object>>map(LinkedHashMap::new).orElseGet(LinkedHashMap::new));
    Validation<Seq<String>, Optional<String>> prefix =
        s.get("config") instanceof Map<?, ?> c && c.containsKey("table_prefix")
            ? string(asMap(c), "table_prefix", path + ".config.table_prefix")
            : Validation.valid(Optional.empty());
    Validation<Seq<String>, List<String>> fb =
        stringList(s, "fallback_stores", path + ".fallback_stores").map(f -> f.orElse(List.of()));
    fallbacks.put(name, fb.isValid() ? fb.get() : List.of());
    Validation<Seq<String>, StoreConfig> store =
        both(
            both(type, config, Tuple::of),
            both(prefix, fb, Tuple::of),
            (tc, pf) -> {
              Map<String, Object> cfg = new LinkedHashMap<>(tc._2);
              cfg.remove("table_prefix");
              return new StoreConfig(name, tc._1, cfg, pf._1.orElse(null), pf._2);
            });
    Validation<Seq<String>, Step> providerKeys =
        type.isValid() && s.get("config") instanceof Map<?, ?> c
            ? unknownProviderKeys(type.get(), asMap(c), path + ".config")
            : Validation.valid(NOTHING);
    return all(
        List.of(
            validName,
            unknownKeys(s, path, STORE_KEYS),
            providerKeys,
            store.map(sc -> b -> b.store(sc))));
  }

  /**
   * Keys of {@code stores.<name>.config} the store type's provider does not know, reported with the
   * other problems of the file (providers that declare their keys; an unknown type is reported when
   * the store is created).
   */
  private Validation<Seq<String>, Step> unknownProviderKeys(
      String type, Map<String, Object> config, String path) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    MetadataStoreProvider provider =
        MetadataStoreProviders.all(cl == null ? ConfigValidator.class.getClassLoader() : cl)
            .get(type);
    if (provider == null || provider.configKeys().isEmpty()) {
      return Validation.valid(NOTHING);
    }
    Set<String> known = provider.configKeys().get();
    List<Validation<Seq<String>, Step>> checks = new ArrayList<>();
    for (String k : config.keySet()) {
      if (!known.contains(k) && !k.equals("table_prefix")) {
        checks.add(
            problem(
                path + "." + k,
                "unknown key for a "
                    + type
                    + " store; the known keys are "
                    + new java.util.TreeSet<>(known)));
      }
    }
    return all(checks);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /** Every fallback names another defined store, and fallbacks form no cycle. */
  private Validation<Seq<String>, Step> fallbackReferences(
      Set<String> stores, Map<String, List<String>> fallbacks) {
    List<Validation<Seq<String>, Step>> checks = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : fallbacks.entrySet()) {
      List<String> fb = e.getValue();
      for (int i = 0; i < fb.size(); i++) {
        String f = fb.get(i);
        String p = "stores." + e.getKey() + ".fallback_stores[" + i + "]";
        if (!stores.contains(f)) {
          checks.add(problem(p, "no store named \"" + f + "\"; use one of " + stores));
        } else if (f.equals(e.getKey())) {
          checks.add(problem(p, "a store cannot be its own fallback"));
        }
      }
    }
    String cycle = fallbackCycle(fallbacks);
    if (cycle != null) {
      checks.add(
          problem("stores", "fallback stores form a cycle: " + cycle + "; remove one fallback"));
    }
    return all(checks);
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

  private Validation<Seq<String>, Optional<String>> tableName(Optional<String> name, String path) {
    if (name.isPresent() && name.get().isBlank()) {
      return problem(path, "must not be empty");
    }
    return Validation.valid(name);
  }

  private Validation<Seq<String>, Step> unknownKeys(
      Map<String, Object> table, String path, Set<String> allowed) {
    List<Validation<Seq<String>, Step>> checks = new ArrayList<>();
    for (String key : table.keySet()) {
      if (!allowed.contains(key)) {
        String p = path.isEmpty() ? key : path + "." + key;
        checks.add(problem(p, "unknown key; allowed here: " + String.join(", ", sorted(allowed))));
      }
    }
    return all(checks);
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  private Validation<Seq<String>, Optional<String>> string(
      Map<String, Object> table, String key, String path) {
    Object v = table.get(key);
    if (v == null) {
      return Validation.valid(Optional.empty());
    }
    if (v instanceof String s) {
      return Validation.valid(Optional.of(s));
    }
    return problem(path, "expected a string, got " + describe(v));
  }

  private Validation<Seq<String>, Optional<Boolean>> bool(
      Map<String, Object> table, String key, String path) {
    Object v = table.get(key);
    if (v == null) {
      return Validation.valid(Optional.empty());
    }
    if (v instanceof Boolean b) {
      return Validation.valid(Optional.of(b));
    }
    if (v instanceof String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("1") || t.equals("yes")) {
        return Validation.valid(Optional.of(true));
      }
      if (t.equals("false") || t.equals("0") || t.equals("no")) {
        return Validation.valid(Optional.of(false));
      }
    }
    return problem(path, "expected true or false, got " + describe(v));
  }

  private Validation<Seq<String>, Optional<Map<String, Object>>> table(
      Map<String, Object> parent, String key, String path) {
    Object v = parent.get(key);
    if (v == null) {
      return Validation.valid(Optional.empty());
    }
    if (v instanceof Map<?, ?> m) {
      return Validation.valid(Optional.of(asMap(m)));
    }
    return problem(path, "expected a table, got " + describe(v));
  }

  private Validation<Seq<String>, Optional<List<String>>> stringList(
      Map<String, Object> table, String key, String path) {
    Object v = table.get(key);
    if (v == null) {
      return Validation.valid(Optional.empty());
    }
    if (v instanceof String s) { // environment overrides: comma-separated
      List<String> out = new ArrayList<>();
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return Validation.valid(Optional.of(out));
    }
    if (v instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      List<Validation<Seq<String>, Step>> checks = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        Object item = l.get(i);
        if (item instanceof String s) {
          if (!seen.add(s)) {
            checks.add(problem(path + "[" + i + "]", "\"" + s + "\" is listed twice"));
          }
          out.add(s);
        } else {
          checks.add(problem(path + "[" + i + "]", "expected a string, got " + describe(item)));
        }
      }
      return all(checks).map(ok -> Optional.of(out));
    }
    return problem(path, "expected a list of strings, got " + describe(v));
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
