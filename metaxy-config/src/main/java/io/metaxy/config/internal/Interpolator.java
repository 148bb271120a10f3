package io.metaxy.config.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in every string value of a configuration tree;
 * {@code $${} stands for a literal {@code ${}. An unset variable without a default is a problem
 * naming the key path and the variable.
 */
public final class Interpolator {
  private static final Pattern REF =
      Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}|\\$\\{([^}]*)}?");

  private final Function<String, String> env;

  public Interpolator(Function<String, String> env) {
    this.env = env;
  }

  /** Expands in place; problems are appended as {@code path: message}. */
  @SuppressWarnings("unchecked")
  public void expand(Object node, String path, ConfigTree tree, List<String> problems) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> map = (Map<String, Object>) m;
      for (Map.Entry<String, Object> e : map.entrySet()) {
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (e.getValue() instanceof String s) {
          e.setValue(expandString(s, p, tree, problems));
        } else {
          expand(e.getValue(), p, tree, problems);
        }
      }
    } else if (node instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      for (int i = 0; i < list.size(); i++) {
        String p = path + "[" + i + "]";
        if (list.get(i) instanceof String s) {
          list.set(i, expandString(s, p, tree, problems));
        } else {
          expand(list.get(i), p, tree, problems);
        }
      }
    }
  }

  String expandString(String s, String path, ConfigTree tree, List<String> problems) {
    if (s.indexOf('$') < 0) {
      return s;
    }
    Matcher m = REF.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$${")) {
        replacement = "${";
      } else if (m.group(1) != null) {
        String value = env.apply(m.group(1));
        if (value != null && (!value.isEmpty() || m.group(2) == null)) {
          replacement = value;
        } else if (m.group(2) != null) {
          replacement = m.group(2);
        } else {
          problems.add(
              ConfigValidator.at(path, tree)
                  + "environment variable "
                  + m.group(1)
                  + " is not set: set it or give a default as ${"
                  + m.group(1)
                  + ":-default}");
          replacement = "";
        }
      } else {
        problems.add(
            ConfigValidator.at(path, tree)
                + "malformed reference \""
                + m.group()
                + "\": write ${NAME} or ${NAME:-default} (NAME: letters, digits, _), or $${ for"
                + " a literal ${");
        replacement = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
