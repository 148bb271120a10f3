package io.metaxy.adapter.ebean.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Table existence and columns from JDBC metadata. */
public final class TableMetadata {
  private TableMetadata() {}

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
        out.put(JdbcValues.label(md, i), md.getColumnType(i));
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
}
