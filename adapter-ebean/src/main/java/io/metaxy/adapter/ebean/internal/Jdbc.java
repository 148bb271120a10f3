package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TimeZone;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/** JDBC helpers: binding and reading values, streaming result sets as rows. */
public final class Jdbc {
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  /** Columns the store keeps internal (not part of returned rows). */
  public static final String ROW_ID = "metaxy_row_id";

  public static final String RN = "mx_rn";

  private Jdbc() {}

  /** Binds {@code value} for a column of JDBC type {@code sqlType}. */
  public static void bind(PreparedStatement ps, int index, Object value, int sqlType)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, sqlType == Types.OTHER ? Types.VARCHAR : sqlType);
      return;
    }
    if (value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, String> map = (Map<String, String>) m;
      ps.setString(index, JsonMaps.write(map));
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

  private static void bindInstant(PreparedStatement ps, int index, Instant i, int sqlType)
      throws SQLException {
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
  private static Object read(
      ResultSet rs, int index, int sqlType, boolean perFieldMap, Calendar utc) throws SQLException {
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

  /** Something that prepares a statement on a connection. */
  @FunctionalInterface
  public interface Query {
    PreparedStatement prepare(Connection c) throws SQLException;
  }

  /**
   * Streams the rows of a query on its own connection; internal columns ({@code metaxy_row_id},
   * {@code mx_rn}) are dropped unless {@code keepRowId}. The connection is released when the stream
   * is exhausted or closed.
   */
  public static Stream<Row> stream(DataSource ds, Query query, boolean keepRowId) {
    Connection c = null;
    try {
      c = ds.getConnection();
      c.setAutoCommit(false);
      PreparedStatement ps = query.prepare(c);
      if (ps.getMaxRows() == 0) {
        ps.setFetchSize(500);
      }
      ResultSet rs = ps.executeQuery();
      RowIterator it = new RowIterator(c, ps, rs, keepRowId);
      return StreamSupport.stream(
              Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
              false)
          .onClose(it::close);
    } catch (SQLException e) {
      closeQuietly(c);
      throw failure("query", e);
    }
  }

  /** Runs a query and collects its rows (small results). */
  public static List<Row> list(DataSource ds, Query query) {
    try (Stream<Row> s = stream(ds, query, false)) {
      return s.toList();
    }
  }

  public static MetaxyException failure(String what, SQLException e) {
    return new MetaxyException(
        ErrorCode.STORE_FAILURE, "Database error during " + what + ": " + e.getMessage(), e);
  }

  static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // closing anyway
      }
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing to do
      }
    }
  }

  /** Runs {@code work} in one transaction on a fresh connection; commits or rolls back. */
  public static <T> T inTransaction(DataSource ds, String what, SqlWork<T> work) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        T out = work.run(c);
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Work on a connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private static final class RowIterator implements Iterator<Row> {
    private final Connection c;
    private final PreparedStatement ps;
    private final ResultSet rs;
    private final String[] labels;
    private final int[] types;
    private final boolean[] keep;
    private final boolean[] perFieldMap;
    private final Calendar utc = Calendar.getInstance(UTC);
    private Row next;
    private boolean done;

    RowIterator(Connection c, PreparedStatement ps, ResultSet rs, boolean keepRowId)
        throws SQLException {
      this.c = c;
      this.ps = ps;
      this.rs = rs;
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      labels = new String[n];
      types = new int[n];
      keep = new boolean[n];
      perFieldMap = new boolean[n];
      for (int i = 0; i < n; i++) {
        labels[i] = label(md, i + 1);
        types[i] = md.getColumnType(i + 1);
        keep[i] = !labels[i].equals(RN) && (keepRowId || !labels[i].equals(ROW_ID));
        perFieldMap[i] = labels[i].endsWith("_by_field") && SystemColumns.isReserved(labels[i]);
      }
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (done) {
        return false;
      }
      try {
        if (!rs.next()) {
          close();
          return false;
        }
        Row.Builder b = Row.builder();
        for (int i = 0; i < labels.length; i++) {
          if (keep[i]) {
            b.set(labels[i], read(rs, i + 1, types[i], perFieldMap[i], utc));
          }
        }
        next = b.build();
        return true;
      } catch (SQLException e) {
        close();
        throw failure("read", e);
      }
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }

    void close() {
      if (done) {
        return;
      }
      done = true;
      try {
        rs.close();
        ps.close();
      } catch (SQLException ignored) {
        // releasing anyway
      }
      closeQuietly(c);
    }
  }

  /** Collects column names and JDBC types of a table (empty when it does not exist). */
  public static Map<String, Integer> columns(Connection c, String tableSql) {
    if (!exists(c, tableSql)) {
      return null;
    }
    try (PreparedStatement ps = c.prepareStatement("select * from " + tableSql + " where 1 = 0");
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      Map<String, Integer> out = new LinkedHashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        out.put(label(md, i), md.getColumnType(i));
      }
      return out;
    } catch (SQLException e) {
      return null;
    }
  }

  /** Whether a table exists, by metadata (no failing statement, no driver warnings). */
  static boolean exists(Connection c, String tableSql) {
    String name = tableSql;
    boolean quoted = false;
    if (name.length() > 1
        && (name.charAt(0) == '"' || name.charAt(0) == '`')
        && name.charAt(name.length() - 1) == name.charAt(0)) {
      name = name.substring(1, name.length() - 1);
      quoted = true;
    }
    if (name.contains(".")) {
      return true; // qualified names: let the probe query decide
    }
    try {
      java.sql.DatabaseMetaData md = c.getMetaData();
      String catalog = c.getCatalog();
      String schema = null;
      try {
        schema = c.getSchema();
      } catch (SQLException | AbstractMethodError ignored) {
        // older drivers
      }
      List<String> candidates = new ArrayList<>();
      candidates.add(name);
      if (!quoted) {
        candidates.add(name.toUpperCase(Locale.ROOT));
        candidates.add(name.toLowerCase(Locale.ROOT));
      }
      for (String n : candidates) {
        try (ResultSet rs = md.getTables(catalog, schema, escape(md, n), null)) {
          while (rs.next()) {
            if (rs.getString("TABLE_NAME").equals(n)) {
              return true;
            }
          }
        }
      }
      return false;
    } catch (SQLException e) {
      return true; // fall back to probing
    }
  }

  private static String escape(java.sql.DatabaseMetaData md, String name) throws SQLException {
    String esc = md.getSearchStringEscape();
    if (esc == null || esc.isEmpty()) {
      return name;
    }
    return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
  }

  /** Applies {@code action} to every element, for checked lambdas. */
  public static <T> void each(List<T> items, Consumer<T> action) {
    new ArrayList<>(items).forEach(action);
  }
}
