package io.metaxy.domain.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON text of a JSON tree, byte for byte as Python Metaxy hashes it: object keys sorted,
 * {@code ", "} between items and {@code ": "} after keys, every non-ASCII character escaped as
 * {@code \\uXXXX}, and floating-point numbers in Python's shortest round-trip notation ({@code
 * 1.5}, {@code 1e+20}, {@code 1e-05}). Spec and definition versions hash this text
 * (docs/semantics.md §2).
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical text of a tree of maps, lists, strings, numbers, booleans and nulls. */
  public static String write(Object tree) {
    StringBuilder sb = new StringBuilder();
    write(tree, sb, true);
    return sb.toString();
  }

  /**
   * The same text with object members in the tree's own order (Python's {@code json.dumps} without
   * {@code sort_keys}, as Python Metaxy writes the {@code feature_spec} column).
   */
  public static String writeInOrder(Object tree) {
    StringBuilder sb = new StringBuilder();
    write(tree, sb, false);
    return sb.toString();
  }

  private static void write(Object v, StringBuilder sb, boolean sorted) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Map<?, ?> map) {
      Map<String, Object> members = sorted ? new TreeMap<>() : new LinkedHashMap<>();
      map.forEach((k, x) -> members.put(String.valueOf(k), x));
      sb.append('{');
      String sep = "";
      for (Map.Entry<String, Object> e : members.entrySet()) {
        sb.append(sep);
        sep = ", ";
        writeString(e.getKey(), sb);
        sb.append(": ");
        write(e.getValue(), sb, sorted);
      }
      sb.append('}');
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        write(list.get(i), sb, sorted);
      }
      sb.append(']');
    } else if (v instanceof String s) {
      writeString(s, sb);
    } else if (v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte
        || v instanceof BigInteger) {
      sb.append(v);
    } else if (v instanceof BigDecimal bd) {
      sb.append(pythonFloat(bd.doubleValue()));
    } else if (v instanceof Number n) {
      sb.append(pythonFloat(n.doubleValue()));
    } else {
      writeString(v.toString(), sb);
    }
  }

  /** Python's {@code repr(float)}: shortest digits, exponent form below 1e-4 and from 1e16. */
  static String pythonFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - bd.scale();
    String sign = bd.signum() < 0 ? "-" : "";
    if (exponent >= -5 + 1 && exponent < 16) {
      String plain = bd.abs().toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    int abs = Math.abs(exponent);
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
  }

  private static void writeString(String s, StringBuilder sb) {
    sb.append('"');
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
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
