package io.metaxy.config.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code METAXY_*} environment variables over the file: the rest of the name, lower-cased
 * and split at {@code __}, is the key path ({@code METAXY_STORES__DEV__CONFIG__URL} → {@code
 * stores.dev.config.url}). Values stay strings; the validator converts them to the key's type.
 * Variables whose first segment is not a configuration key (e.g. {@code METAXY_CONFIG}) are
 * ignored.
 */
public final class EnvOverrides {
  private static final Logger LOG = LoggerFactory.getLogger(EnvOverrides.class);
  private static final String PREFIX = "METAXY_";

  private EnvOverrides() {}

  /** Applies every override to {@code tree}, in variable-name order. */
  @SuppressWarnings("unchecked")
  public static void apply(ConfigTree tree, Map<String, String> env, List<String> problems) {
    Set<String> known = ConfigValidator.TOP_LEVEL_KEYS;
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()) {
        continue;
      }
      String[] parts = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).split("__", -1);
      if (!known.contains(parts[0])) {
        LOG.debug(
            "Ignoring environment variable {}: {} is not a configuration key", name, parts[0]);
        continue;
      }
      Map<String, Object> node = tree.root();
      StringBuilder path = new StringBuilder();
      boolean ok = true;
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i];
        if (part.isEmpty()) {
          problems.add(
              "env " + name + ": empty key segment; separate nested keys with exactly two '_'");
          ok = false;
          break;
        }
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(part);
        if (i == parts.length - 1) {
          node.put(part, e.getValue());
          tree.setOrigin(path.toString(), "env " + name);
        } else {
          Object child = node.get(part);
          if (child == null) {
            child = new LinkedHashMap<String, Object>();
            node.put(part, child);
            tree.setOrigin(path.toString(), "env " + name);
          }
          if (!(child instanceof Map<?, ?>)) {
            problems.add(
                path
                    + " (env "
                    + name
                    + "): "
                    + path
                    + " is a value, not a table; cannot set "
                    + String.join(".", parts));
            ok = false;
            break;
          }
          node = (Map<String, Object>) child;
        }
      }
      if (ok) {
        LOG.debug("Configuration {} overridden by environment variable {}", path, name);
      }
    }
  }
}
