package io.metaxy.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-field map values of the python layout as the databases hold them: compact JSON text with
 * sorted keys ({@code {"audio":"…","frames":"…"}}) for PostgreSQL jsonb, MariaDB JSON and H2, and
 * DuckDB structs read back as {@code java.sql.Struct}. Only flat objects of strings occur.
 */
public final class MapValues {
  private MapValues() {}

  /** Compact JSON text of {@code map}, keys sorted, null values left out. */
  public static String toJson(Map<String, ?> map) {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, ?> e : new TreeMap<>(map).entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append('"').append(escape(e.getKey())).append("\":\"");
      sb.append(escape(e.getValue().toString())).append('"');
    }
    return sb.append('}').toString();
  }

  /** A string escaped for a JSON string literal. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /**
   * The map a database returned for a map column: a struct (DuckDB), JSON text or a JSON object
   * wrapper (PostgreSQL, MariaDB, H2), or a {@link Map}; null members are left out.
   */
  public static Map<String, String> fromDatabase(Object v) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      m.forEach(
          (k, x) -> {
            if (x != null) {
              out.put(k.toString(), x.toString());
            }
          });
      return sorted(out);
    }
    if (v instanceof java.sql.Struct s) {
      // DuckDB's struct (DuckDBStruct.getMap); the driver is optional, so called reflectively
      try {
        return fromDatabase(s.getClass().getMethod("getMap").invoke(s));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read a struct value: " + e, e);
      }
    }
    String text =
        v instanceof org.jooq.JSONB j
            ? j.data()
            : v instanceof org.jooq.JSON j2 ? j2.data() : v.toString();
    return parse(text);
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    return new LinkedHashMap<>(new TreeMap<>(m));
  }

  /** A flat JSON object of strings (values that are not strings are kept as their JSON text). */
  public static Map<String, String> parse(String json) {
    Map<String, String> out = new TreeMap<>();
    if (json == null) {
      return new LinkedHashMap<>();
    }
    int[] pos = {0};
    skipWs(json, pos);
    expect(json, pos, '{');
    skipWs(json, pos);
    if (peek(json, pos) == '}') {
      return new LinkedHashMap<>();
    }
    while (true) {
      skipWs(json, pos);
      String k = string(json, pos);
      skipWs(json, pos);
      expect(json, pos, ':');
      skipWs(json, pos);
      String v;
      if (peek(json, pos) == '"') {
        v = string(json, pos);
      } else {
        int start = pos[0];
        while (pos[0] < json.length() && ",} \t\r\n".indexOf(json.charAt(pos[0])) < 0) {
          pos[0]++;
        }
        v = json.substring(start, pos[0]);
        if (v.equals("null")) {
          v = null;
        }
      }
      if (v != null) {
        out.put(k, v);
      }
      skipWs(json, pos);
      char c = json.charAt(pos[0]++);
      if (c == '}') {
        break;
      }
      if (c != ',') {
        throw new IllegalArgumentException("not a JSON object of strings: " + json);
      }
    }
    return new LinkedHashMap<>(out);
  }

  private static char peek(String s, int[] pos) {
    if (pos[0] >= s.length()) {
      throw new IllegalArgumentException("truncated JSON: " + s);
    }
    return s.charAt(pos[0]);
  }

  private static void expect(String s, int[] pos, char c) {
    if (peek(s, pos) != c) {
      throw new IllegalArgumentException("expected '" + c + "' in JSON: " + s);
    }
    pos[0]++;
  }

  private static void skipWs(String s, int[] pos) {
    while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
      pos[0]++;
    }
  }

  private static String string(String s, int[] pos) {
    expect(s, pos, '"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = s.charAt(pos[0]++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(pos[0]++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          sb.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
          pos[0] += 4;
        }
        default -> sb.append(e);
      }
    }
  }
}
