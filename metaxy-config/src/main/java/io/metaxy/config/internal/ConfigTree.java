package io.metaxy.config.internal;

import io.metaxy.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Configuration as a tree of maps, lists and scalars, with the origin of every key path ({@code
 * metaxy.toml:12} or {@code env METAXY_STORE}) for error messages.
 */
public final class ConfigTree {
  private final Map<String, Object> root;
  private final Map<String, String> origins;

  private ConfigTree(Map<String, Object> root, Map<String, String> origins) {
    this.root = root;
    this.origins = origins;
  }

  /** An empty tree (no configuration file). */
  public static ConfigTree empty() {
    return new ConfigTree(new LinkedHashMap<>(), new HashMap<>());
  }

  /** Parses TOML text; syntax errors are reported together with {@code file:line:column}. */
  public static ConfigTree parse(String text, Path file) {
    TomlParseResult result = Toml.parse(text);
    String name = file == null ? "metaxy.toml" : file.toString();
    if (result.hasErrors()) {
      List<String> problems = new ArrayList<>();
      for (TomlParseError e : result.errors()) {
        TomlPosition p = e.position();
        problems.add(
            "(syntax) "
                + name
                + ":"
                + p.line()
                + ":"
                + p.column()
                + ": "
                + e.getMessage().replaceAll(" \\(line \\d+, column \\d+\\)$", ""));
      }
      throw new ConfigException(problems);
    }
    Map<String, String> origins = new HashMap<>();
    Map<String, Object> root = convertTable(result, "", name, origins);
    return new ConfigTree(root, origins);
  }

  private static Map<String, Object> convertTable(
      TomlTable table, String prefix, String file, Map<String, String> origins) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : table.keySet()) {
      List<String> k = List.of(key);
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      TomlPosition pos = table.inputPositionOf(k);
      if (pos != null) {
        origins.put(path, file + ":" + pos.line());
      }
      out.put(key, convert(table.get(k), path, file, origins));
    }
    return out;
  }

  private static Object convert(Object v, String path, String file, Map<String, String> origins) {
    if (v instanceof TomlTable t) {
      return convertTable(t, path, file, origins);
    }
    if (v instanceof TomlArray a) {
      List<Object> list = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        list.add(convert(a.get(i), path + "[" + i + "]", file, origins));
      }
      return list;
    }
    return v;
  }

  public Map<String, Object> root() {
    return root;
  }

  /** Where {@code path} (or its closest recorded ancestor) was set, or {@code null}. */
  public String origin(String path) {
    String p = path;
    while (p != null && !p.isEmpty()) {
      String o = origins.get(p);
      if (o != null) {
        return o;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? null : p.substring(0, cut);
    }
    return null;
  }

  /** Where exactly {@code path} was set, or {@code null} (no ancestor lookup). */
  public String exactOrigin(String path) {
    return origins.get(path);
  }

  /** Records that {@code path} was set from {@code origin}. */
  public void setOrigin(String path, String origin) {
    origins.put(path, origin);
  }
}
