package io.metaxy.sql.bulk;

import io.metaxy.sql.MapValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes rows in the text format of PostgreSQL's {@code COPY} (which MariaDB's {@code LOAD DATA}
 * reads too): fields separated by tabs, rows ended by a newline, {@code \N} for null, and a
 * backslash before backslash, tab, newline and carriage return ({@code \\ \t \n \r}). Bytes go into
 * one growable buffer, UTF-8, without intermediate strings for numbers and timestamps.
 */
public final class CopyTextEncoder {
  private static final byte[] NULL = {'\\', 'N'};
  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private byte[] buf;
  private int len;
  private final boolean numericBooleans;

  /**
   * An empty encoder; {@code numericBooleans}: booleans as {@code 1}/{@code 0} (MariaDB) instead of
   * {@code t}/{@code f} (PostgreSQL).
   */
  public CopyTextEncoder(int capacity, boolean numericBooleans) {
    this.buf = new byte[Math.max(capacity, 64)];
    this.numericBooleans = numericBooleans;
  }

  /** Bytes encoded so far. */
  public int length() {
    return len;
  }

  /** The buffer holding {@link #length()} encoded bytes (valid until the next call). */
  public byte[] buffer() {
    return buf;
  }

  /** Forgets the encoded bytes. */
  public void clear() {
    len = 0;
  }

  /** The encoded bytes as a new array. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /**
   * Appends one row; {@code offsetUtc[i]}: whether field {@code i} is a time-zone column (its
   * {@code LocalDateTime}, UTC, gets {@code +00}).
   */
  public void row(Object[] values, boolean[] offsetUtc) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        put((byte) '\t');
      }
      value(values[i], offsetUtc != null && offsetUtc[i]);
    }
    put((byte) '\n');
  }

  private void value(Object v, boolean offsetUtc) {
    if (v == null) {
      ensure(2);
      buf[len++] = NULL[0];
      buf[len++] = NULL[1];
    } else if (v instanceof String s) {
      text(s);
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      digits(((Number) v).longValue());
    } else if (v instanceof LocalDateTime t) {
      timestamp(t);
      if (offsetUtc) {
        ascii("+00");
      }
    } else if (v instanceof Boolean b) {
      put(numericBooleans ? (byte) (b ? '1' : '0') : (byte) (b ? 't' : 'f'));
    } else if (v instanceof BigDecimal b) {
      ascii(b.toPlainString());
    } else if (v instanceof LocalDate d) {
      ascii(d.toString());
    } else if (v instanceof byte[] b) {
      // PostgreSQL bytea hex input, its backslash escaped for the text format
      ensure(3 + 2 * b.length);
      buf[len++] = '\\';
      buf[len++] = '\\';
      buf[len++] = 'x';
      for (byte x : b) {
        buf[len++] = HEX[(x >> 4) & 0xF];
        buf[len++] = HEX[x & 0xF];
      }
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(k.toString(), x));
      text(MapValues.toJson(sorted));
    } else {
      text(v.toString());
    }
  }

  private void timestamp(LocalDateTime t) {
    int year = t.getYear();
    if (year < 1 || year > 9999) {
      ascii(TS.format(t));
      return;
    }
    ensure(26);
    pad(year, 4);
    buf[len++] = '-';
    pad(t.getMonthValue(), 2);
    buf[len++] = '-';
    pad(t.getDayOfMonth(), 2);
    buf[len++] = ' ';
    pad(t.getHour(), 2);
    buf[len++] = ':';
    pad(t.getMinute(), 2);
    buf[len++] = ':';
    pad(t.getSecond(), 2);
    buf[len++] = '.';
    pad(t.getNano() / 1000, 6);
  }

  private void pad(int v, int width) {
    for (int i = width - 1; i >= 0; i--) {
      buf[len + i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += width;
  }

  private void digits(long v) {
    if (v == Long.MIN_VALUE) {
      ascii(Long.toString(v));
      return;
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int start = len;
    do {
      buf[len++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    for (int i = start, j = len - 1; i < j; i++, j--) {
      byte x = buf[i];
      buf[i] = buf[j];
      buf[j] = x;
    }
  }

  private void ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  /** A string, UTF-8, with the four special characters escaped. */
  private void text(String s) {
    int n = s.length();
    ensure(n * 2);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        switch (c) {
          case '\\' -> {
            buf[len++] = '\\';
            buf[len++] = '\\';
          }
          case '\t' -> {
            buf[len++] = '\\';
            buf[len++] = 't';
          }
          case '\n' -> {
            buf[len++] = '\\';
            buf[len++] = 'n';
          }
          case '\r' -> {
            buf[len++] = '\\';
            buf[len++] = 'r';
          }
          default -> buf[len++] = (byte) c;
        }
      } else {
        ensure(4 + (n - i) * 2);
        if (c < 0x800) {
          buf[len++] = (byte) (0xC0 | (c >> 6));
          buf[len++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          buf[len++] = (byte) (0xF0 | (cp >> 18));
          buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          buf[len++] = (byte) (0x80 | (cp & 0x3F));
        } else if (Character.isSurrogate(c)) {
          buf[len++] = '?'; // a lone surrogate, as String.getBytes(UTF_8) replaces it
        } else {
          buf[len++] = (byte) (0xE0 | (c >> 12));
          buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          buf[len++] = (byte) (0x80 | (c & 0x3F));
        }
      }
    }
  }

  private void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
