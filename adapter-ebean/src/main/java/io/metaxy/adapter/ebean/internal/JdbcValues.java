package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.spec.SystemColumns;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/** Binding row values to statements and reading JDK values from result sets (timestamps in UTC). */
public final class JdbcValues {
  static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  /**
   * A pseudo JDBC type for PostgreSQL {@code jsonb} columns: maps are sent as untyped text ({@code
   * Types.OTHER}), which the server converts to the column's type.
   */
  public static final int JSONB = Integer.MIN_VALUE + 7;

  private JdbcValues() {}

  /** Binds {@code value} for a column of JDBC type {@code sqlType}. */
  public static void bind(PreparedStatement ps, int index, Object value, int sqlType)
      throws SQLException {
    if (sqlType == JSONB) {
      if (value == null) {
        ps.setNull(index, Types.OTHER);
      } else if (value instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, String> map = (Map<String, String>) m;
        ps.setObject(index, JsonMaps.write(map), Types.OTHER);
      } else {
        ps.setObject(index, value.toString(), Types.OTHER);
      }
      return;
    }
    if (value == null) {
      ps.setNull(index, sqlType == Types.OTHER ? Types.VARCHAR : sqlType);
      return;
    }
    if (value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, String> map = (Map<String, String>) m;
      if (sqlType == Types.OTHER) {
        ps.setObject(index, JsonMaps.write(map), Types.OTHER); // e.g. a user jsonb column
      } else {
        ps.setString(index, JsonMaps.write(map));
      }
      return;
    }
    if (value instanceof Instant i) {
      bindInstant(ps, index, i, sqlType);
      return;
    }
    if (value instanceof OffsetDateTime o) {
      bindInstant(ps, index, o.toInstant(), sqlType);
      return;
    }
    if (value instanceof java.time.LocalDateTime l) {
      bindInstant(ps, index, l.toInstant(ZoneOffset.UTC), sqlType);
      return;
    }
    if (value instanceof BigInteger b) {
      ps.setLong(index, b.longValueExact());
      return;
    }
    if (value instanceof Enum<?> e) {
      ps.setString(index, e.name());
      return;
    }
    if (value instanceof java.util.UUID u) {
      ps.setString(index, u.toString());
      return;
    }
    if (value instanceof Number n && isStringType(sqlType)) {
      ps.setString(index, n.toString());
      return;
    }
    ps.setObject(index, value);
  }

  private static boolean isStringType(int t) {
    return t == Types.VARCHAR
        || t == Types.CHAR
        || t == Types.LONGVARCHAR
        || t == Types.CLOB
        || t == Types.NVARCHAR
        || t == Types.NCLOB;
  }

  /** Binds an instant truncated to microseconds (the precision every supported column keeps). */
  private static void bindInstant(PreparedStatement ps, int index, Instant instant, int sqlType)
      throws SQLException {
    Instant i = instant.truncatedTo(ChronoUnit.MICROS);
    if (sqlType == Types.TIMESTAMP_WITH_TIMEZONE) {
      ps.setObject(index, i.atOffset(ZoneOffset.UTC));
    } else {
      ps.setTimestamp(index, Timestamp.from(i), Calendar.getInstance(UTC));
    }
  }

  /** Reads column {@code index} as a JDK value ({@code *_by_field} columns as maps). */
  public static Object read(ResultSet rs, int index, String column, int sqlType)
      throws SQLException {
    return read(
        rs,
        index,
        sqlType,
        column.endsWith("_by_field") && SystemColumns.isReserved(column),
        Calendar.getInstance(UTC));
  }

  /**
   * {@link #read(ResultSet, int, String, int)} with the per-column decision made once by the caller
   * and a UTC calendar it reuses (creating a {@code Calendar} per value is costly).
   */
  static Object read(ResultSet rs, int index, int sqlType, boolean perFieldMap, Calendar utc)
      throws SQLException {
    switch (sqlType) {
      case Types.TIMESTAMP_WITH_TIMEZONE -> {
        OffsetDateTime o = rs.getObject(index, OffsetDateTime.class);
        return o == null ? null : o.toInstant();
      }
      case Types.TIMESTAMP, Types.DATE -> {
        Timestamp t = rs.getTimestamp(index, utc);
        return t == null ? null : t.toInstant();
      }
      default -> {}
    }
    if (perFieldMap) {
      return JsonMaps.read(rs.getString(index));
    }
    Object v = rs.getObject(index);
    if (v == null) {
      return null;
    }
    if (v instanceof Clob c) {
      return c.getSubString(1, (int) c.length());
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof BigInteger b) {
      return b.longValue();
    }
    if (v instanceof BigDecimal b && sqlType == Types.BIGINT) {
      return b.longValue();
    }
    if (v instanceof java.util.UUID u) {
      return u.toString();
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof String s && (sqlType == Types.CLOB || sqlType == Types.LONGVARCHAR)) {
      return s;
    }
    return v;
  }

  /** The column label of {@code index}, lower-cased when the database upper-cased it (H2). */
  public static String label(ResultSetMetaData md, int index) throws SQLException {
    String l = md.getColumnLabel(index);
    return l.equals(l.toUpperCase(Locale.ROOT)) ? l.toLowerCase(Locale.ROOT) : l;
  }
}
