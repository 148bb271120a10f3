package io.metaxy.benchmarks;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.SystemColumns;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fast seeding of a SQL store at large N: the store first writes samples {@code 0..n0-1} through
 * its own {@code write} (creating its tables and system columns), then this copies those rows to
 * samples {@code n0..n-1} with one {@code INSERT … SELECT} per table, computing in SQL exactly the
 * values the store writes for them: the ID, per-field data versions and provenance (the benchmark
 * data; md5 for the leaf), {@code metaxy_provenance}/{@code metaxy_data_version} (md5 of the joined
 * per-field values, truncated to 8), a fresh write sequence, and every other column (versions,
 * timestamps) copied from a store-written template row. Handles both layouts of the jOOQ stores:
 * the default python layout (one map column per per-field map, see {@code mapValue}) and the seed
 * layout (one column per field, {@code <map column>__<field>}). Every resolve is still checked
 * against the Java reference, so a wrong copy fails the run.
 */
final class SqlAmplifier {
  private static final String SEQ = "metaxy_write_seq";

  private final Scenario scenario;
  private final DbKind db;

  SqlAmplifier(Scenario scenario, DbKind db) {
    this.scenario = scenario;
    this.db = db;
  }

  private static String table(FeatureKey key) {
    return "\"" + key.tableName() + "\"";
  }

  /** Copies root rows 0 (template) to samples n0..n-1. */
  void roots(Connection c, long n0, long n) throws SQLException {
    for (int r = 0; r < scenario.roots().size(); r++) {
      FeatureKey key = scenario.roots().get(r).key();
      int root = r;
      copy(c, key, scenario.rootFields(r), 0, n0, n, "", 10 * n0, f -> rootValue(root, f, false));
    }
  }

  /**
   * Copies the leaf's row 0 to n0..n-1, then the changed root row of sample 3 to the changed IDs.
   */
  void leafAndChange(Connection c, long n0, long n) throws SQLException {
    copy(
        c,
        scenario.leafKey(),
        scenario.leafFields().stream().map(Scenario.LeafField::structKey).toList(),
        0,
        n0,
        n,
        "",
        10 * n0,
        this::leafValue);
    copy(
        c,
        scenario.roots().get(0).key(),
        scenario.rootFields(0),
        3,
        n0,
        n,
        " WHERE i % 10 = 3",
        10 * n + 10 * n0,
        f -> rootValue(0, f, true));
  }

  private String rootValue(int root, String field, boolean changed) {
    return "'"
        + Scenario.prefix(root, field, changed && Scenario.isChangedField(root, field))
        + "' || "
        + db.text("i");
  }

  private String leafValue(String structKey) {
    for (Scenario.LeafField f : scenario.leafFields()) {
      if (f.structKey().equals(structKey)) {
        List<String> parts = new ArrayList<>();
        parts.add("'" + f.prefix() + "'");
        for (var p : f.parents()) {
          int r = scenario.rootIndex(p.feature());
          parts.add("'|" + p + "|'");
          parts.add(rootValue(r, p.field().structKey(), false));
        }
        return "substr(" + db.md5(String.join(" || ", parts)) + ", 1, 8)";
      }
    }
    throw new IllegalArgumentException("no leaf field " + structKey);
  }

  /**
   * A per-field map of the python layout as the store writes it: a DuckDB struct (members in key
   * order, as the store creates the column), PostgreSQL jsonb, MariaDB JSON (keys in order), H2
   * compact JSON text with sorted keys. MariaDB connections run with {@code ANSI_QUOTES} and {@code
   * PIPES_AS_CONCAT} (see {@link DbKind#connect}), so the copy statements are the same SQL.
   */
  private String mapValue(Map<String, String> values) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String k = e.getKey();
      parts.add(
          switch (db) {
            case DUCKDB -> "\"" + k.replace("\"", "\"\"") + "\" := " + e.getValue();
            case POSTGRES -> "'" + k.replace("'", "''") + "', " + e.getValue();
            case H2 -> "'\"" + k.replace("'", "''") + "\":\"' || " + e.getValue() + " || '\"'";
            case MARIADB -> "'" + k.replace("'", "''") + "', " + e.getValue();
          });
    }
    return switch (db) {
      case DUCKDB -> "struct_pack(" + String.join(", ", parts) + ")";
      case POSTGRES -> "jsonb_build_object(" + String.join(", ", parts) + ")";
      case H2 -> "'{' || " + String.join(" || ',' || ", parts) + " || '}'";
      case MARIADB -> "JSON_OBJECT(" + String.join(", ", parts) + ")";
    };
  }

  interface FieldValue {
    String sql(String structKey);
  }

  private void copy(
      Connection c,
      FeatureKey key,
      List<String> fields,
      long templateId,
      long n0,
      long n,
      String where,
      long seqBase,
      FieldValue value)
      throws SQLException {
    String t = table(key);
    List<String> cols = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + t + " WHERE 1 = 0")) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        cols.add(md.getColumnName(i));
      }
    }
    Map<String, String> pbf = new TreeMap<>();
    String pbfPrefix = SystemColumns.PROVENANCE_BY_FIELD + "__";
    boolean python = cols.contains(SystemColumns.PROVENANCE_BY_FIELD);
    for (String col : cols) {
      if (col.startsWith(pbfPrefix)) {
        String f = col.substring(pbfPrefix.length());
        pbf.put(f, value.sql(f));
      }
    }
    if (python) {
      for (String f : fields) {
        pbf.put(f, value.sql(f));
      }
    }
    String combined = "substr(" + db.md5(String.join(" || '|' || ", pbf.values())) + ", 1, 8)";
    List<String> exprs = new ArrayList<>();
    for (String col : cols) {
      String e;
      if (col.equals(Scenario.ID)) {
        e = "i";
      } else if (col.startsWith(pbfPrefix)) {
        e = pbf.get(col.substring(pbfPrefix.length()));
      } else if (col.startsWith(SystemColumns.DATA_VERSION_BY_FIELD + "__")) {
        e = pbf.get(col.substring(SystemColumns.DATA_VERSION_BY_FIELD.length() + 2));
      } else if (col.equals(SystemColumns.PROVENANCE_BY_FIELD)
          || col.equals(SystemColumns.DATA_VERSION_BY_FIELD)) {
        e = mapValue(pbf);
      } else if (col.equals(SystemColumns.PROVENANCE) || col.equals(SystemColumns.DATA_VERSION)) {
        e = combined;
      } else if (col.equals(SEQ)) {
        e = db.bigint(seqBase + " + i");
      } else {
        e = "tpl.\"" + col + "\"";
      }
      exprs.add(e);
    }
    String colList = String.join(", ", cols.stream().map(x -> "\"" + x + "\"").toList());
    String sql =
        "INSERT INTO "
            + t
            + " ("
            + colList
            + ") SELECT "
            + String.join(", ", exprs)
            + " FROM "
            + db.range(n)
            + " CROSS JOIN (SELECT * FROM "
            + t
            + " WHERE \""
            + Scenario.ID
            + "\" = "
            + templateId
            + " ORDER BY \""
            + SystemColumns.UPDATED_AT
            + "\" DESC LIMIT 1) tpl WHERE i >= "
            + n0
            + (where.isEmpty() ? "" : " AND " + where.substring(" WHERE ".length()));
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
