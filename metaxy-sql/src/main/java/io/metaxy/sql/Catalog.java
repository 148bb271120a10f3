package io.metaxy.sql;

import io.metaxy.domain.key.FeatureKey;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DataType;
import org.jooq.Name;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Reads table columns through JDBC {@link DatabaseMetaData}, which never fails a transaction
 * (unlike probing a missing table on PostgreSQL). Names are matched exactly, so {@code _} in a
 * table name is not a wildcard.
 */
public final class Catalog {
  private final SqlDialect dialect;
  private final String schema;

  public Catalog(SqlDialect dialect, String schema) {
    this.dialect = dialect;
    this.schema = schema;
  }

  public String schema() {
    return schema;
  }

  /** The qualified name of a table. */
  public Name qualify(String table) {
    return schema == null ? DSL.name(table) : DSL.name(schema, table);
  }

  /** The table's columns in order, empty when it does not exist. */
  /** Whether the schema (MariaDB: database) exists. */
  public boolean schemaExists(org.jooq.DSLContext ctx, String name) {
    return ctx.fetchExists(
        DSL.selectOne()
            .from(DSL.table(DSL.name("information_schema", "schemata")))
            .where(DSL.field(DSL.name("schema_name")).eq(name)));
  }

  public FeatureTable describe(Connection c, FeatureKey key, String table) throws SQLException {
    return new FeatureTable(key, qualify(table), columns(c, table));
  }

  /**
   * The table of a feature in {@code layout}; {@code expectedKeys}: the feature's struct keys (the
   * keys JSON map columns are read with).
   */
  public FeatureTable describe(
      Connection c,
      FeatureKey key,
      String table,
      FeatureTableLayout layout,
      java.util.List<String> expectedKeys)
      throws SQLException {
    Map<String, String> typeNames = new LinkedHashMap<>();
    Map<String, DataType<?>> cols = columns(c, table, typeNames);
    Map<String, java.util.List<String>> members = new LinkedHashMap<>();
    if (dialect == SqlDialect.DUCKDB) {
      typeNames.forEach(
          (col, type) -> {
            if (layout.isMapColumn(col)) {
              members.put(col, FeatureTableLayout.structMembers(type));
            }
          });
    }
    return new FeatureTable(key, qualify(table), cols, layout, members, expectedKeys);
  }

  public Map<String, DataType<?>> columns(Connection c, String table) throws SQLException {
    return columns(c, table, new LinkedHashMap<>());
  }

  private Map<String, DataType<?>> columns(
      Connection c, String table, Map<String, String> typeNames) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String cat = null;
    String sch;
    if (dialect == SqlDialect.MARIADB) {
      cat = schema != null ? schema : c.getCatalog();
      sch = null;
    } else {
      sch = schema != null ? schema : c.getSchema();
    }
    TreeMap<Integer, Map.Entry<String, DataType<?>>> byPos = new TreeMap<>();
    try (ResultSet rs = md.getColumns(cat, sch, table, null)) {
      while (rs.next()) {
        if (!table.equals(rs.getString("TABLE_NAME"))) {
          continue;
        }
        if (sch != null && !sch.equals(rs.getString("TABLE_SCHEM"))) {
          continue;
        }
        if (cat != null
            && rs.getString("TABLE_CAT") != null
            && !cat.equals(rs.getString("TABLE_CAT"))) {
          continue;
        }
        byPos.put(
            rs.getInt("ORDINAL_POSITION"),
            Map.entry(
                rs.getString("COLUMN_NAME"),
                type(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"))));
        typeNames.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
      }
    }
    Map<String, DataType<?>> out = new LinkedHashMap<>();
    byPos.values().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static DataType<?> type(int jdbc, String name) {
    String n = name == null ? "" : name.toUpperCase(java.util.Locale.ROOT);
    if (n.startsWith("STRUCT")) {
      return SQLDataType.OTHER;
    }
    if (n.equals("JSONB")) {
      return SQLDataType.JSONB;
    }
    if (n.equals("TIMESTAMPTZ")
        || n.contains("WITH TIME ZONE")
        || jdbc == Types.TIMESTAMP_WITH_TIMEZONE) {
      return SQLDataType.OFFSETDATETIME;
    }
    switch (jdbc) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT:
        return SQLDataType.BIGINT;
      case Types.DOUBLE, Types.FLOAT, Types.REAL:
        return SQLDataType.DOUBLE;
      case Types.DECIMAL, Types.NUMERIC:
        return SQLDataType.DECIMAL;
      case Types.BOOLEAN:
        return SQLDataType.BOOLEAN;
      case Types.BIT:
        return n.contains("BOOL") || n.equals("BIT") ? SQLDataType.BOOLEAN : SQLDataType.BIGINT;
      case Types.TIMESTAMP:
        return SQLDataType.LOCALDATETIME;
      case Types.DATE:
        return SQLDataType.LOCALDATE;
      case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY:
        return SQLDataType.BLOB;
      default:
        if (n.contains("INT")) {
          return SQLDataType.BIGINT;
        }
        if (n.contains("DOUBLE") || n.contains("FLOAT")) {
          return SQLDataType.DOUBLE;
        }
        if (n.contains("TIMESTAMP") || n.contains("DATETIME")) {
          return SQLDataType.LOCALDATETIME;
        }
        return SQLDataType.VARCHAR;
    }
  }
}
