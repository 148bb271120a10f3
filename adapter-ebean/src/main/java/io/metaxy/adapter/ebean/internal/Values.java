package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.key.FeatureKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Conversions between row values (JDK types) and entity property types. */
public final class Values {
  private Values() {}

  /** A timestamp value as an {@link Instant} ({@code null} stays {@code null}). */
  public static Instant instant(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (v instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof java.util.Date d) {
      return d.toInstant();
    }
    if (v instanceof String s) {
      return Instant.parse(s);
    }
    throw new IllegalArgumentException("Not a timestamp: " + v);
  }

  /** {@code v} converted to a property of type {@code type}. */
  public static Object convert(Object v, Class<?> type, FeatureKey feature, String column) {
    if (v == null || type.isInstance(v)) {
      return v instanceof Map<?, ?> m ? new TreeMap<>(m) : v;
    }
    try {
      if (v instanceof Number n) {
        if (type == Long.class || type == long.class) {
          return n.longValue();
        }
        if (type == Integer.class || type == int.class) {
          return Math.toIntExact(n.longValue());
        }
        if (type == Double.class || type == double.class) {
          return n.doubleValue();
        }
        if (type == Float.class || type == float.class) {
          return n.floatValue();
        }
        if (type == Short.class || type == short.class) {
          return n.shortValue();
        }
        if (type == BigDecimal.class) {
          return new BigDecimal(n.toString());
        }
        if (type == BigInteger.class) {
          return BigInteger.valueOf(n.longValue());
        }
        if (type == String.class) {
          return n.toString();
        }
      }
      if (type == Instant.class) {
        return instant(v);
      }
      if (type == OffsetDateTime.class) {
        return instant(v).atOffset(ZoneOffset.UTC);
      }
      if (type == UUID.class && v instanceof String s) {
        return UUID.fromString(s);
      }
      if (type == String.class) {
        return v.toString();
      }
      if ((type == Boolean.class || type == boolean.class) && v instanceof String s) {
        return Boolean.parseBoolean(s);
      }
    } catch (RuntimeException e) {
      throw bad(v, type, feature, column);
    }
    throw bad(v, type, feature, column);
  }

  private static MetaxyException bad(Object v, Class<?> type, FeatureKey feature, String column) {
    return new MetaxyException(
        ErrorCode.INVALID_ROW,
        "Feature "
            + feature
            + ": column \""
            + column
            + "\" holds "
            + v
            + " ("
            + v.getClass().getSimpleName()
            + "), which does not fit its entity property type "
            + type.getSimpleName()
            + ": pass a compatible value.");
  }
}
