package io.metaxy.ports.system;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a JSON object whose values are kept as strings: string values unescaped, any other value
 * (number, literal, nested object or array) as its JSON text. Enough for the {@code tags} column;
 * the ports have no JSON library.
 */
final class FlatJsonObject {
  private final String s;
  private int i;

  private FlatJsonObject(String s) {
    this.s = s;
  }

  static Map<String, String> parse(String json) {
    FlatJsonObject p = new FlatJsonObject(json);
    Map<String, String> out = p.object();
    p.ws();
    if (p.i != json.length()) {
      throw p.error("trailing text");
    }
    return out;
  }

  private Map<String, String> object() {
    ws();
    expect('{');
    Map<String, String> out = new LinkedHashMap<>();
    ws();
    if (peek() == '}') {
      i++;
      return out;
    }
    while (true) {
      ws();
      String key = string();
      ws();
      expect(':');
      ws();
      String value = peek() == '"' ? string() : raw();
      out.put(key, value);
      ws();
      char c = next();
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        throw error("expected , or }");
      }
    }
  }

  /** The JSON text of a non-string value (balanced brackets, strings skipped). */
  private String raw() {
    int start = i;
    int depth = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        string();
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        break;
      }
      i++;
    }
    return s.substring(start, i).trim();
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw error("bad \\u escape");
          }
          sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> sb.append(e);
      }
    }
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private char peek() {
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    return s.charAt(i);
  }

  private char next() {
    char c = peek();
    i++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected " + c);
    }
  }

  private MetaxyException error(String what) {
    return new MetaxyException(
        ErrorCode.STORE_FAILURE,
        "Malformed snapshot tags JSON (" + what + " at character " + i + "): " + s);
  }
}
