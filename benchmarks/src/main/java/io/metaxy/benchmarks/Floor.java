package io.metaxy.benchmarks;

import io.metaxy.domain.key.FieldRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The hand-written floor: plain tables with one column per field, seeded by SQL, and one SQL
 * statement per resolve doing the same work as a store (latest row per sample under the current
 * feature version, soft-deleted rows excluded, inner join of the roots, md5 of the
 * docs/semantics.md §3 hash inputs truncated to 8, comparison with the leaf's stored provenance,
 * orphans), read through plain JDBC.
 */
public final class Floor {
  private static final String T0 = "TIMESTAMP '2024-01-01 00:00:00'";
  private static final String T1 = "TIMESTAMP '2024-01-02 00:00:00'";

  private final Scenario scenario;
  private final DbKind db;
  private final boolean history;

  /** The floor with history: rows appended, the latest row per sample found per resolve. */
  public Floor(Scenario scenario, DbKind db) {
    this(scenario, db, true);
  }

  private Floor(Scenario scenario, DbKind db, boolean history) {
    this.scenario = scenario;
    this.db = db;
    this.history = history;
  }

  /**
   * The floor without history: one row per sample (primary key on the ID), changed samples updated
   * in place, so a resolve reads the tables directly with no "latest row per sample" step. Beside
   * the floor with history it shows what keeping history costs.
   */
  public static Floor oneRowPerSample(Scenario scenario, DbKind db) {
    return new Floor(scenario, db, false);
  }

  /** H2 and MariaDB: an index on the ID, latest rows by an indexed anti-join. */
  private boolean indexed() {
    return db == DbKind.H2 || db == DbKind.MARIADB;
  }

  /** The floor's name in reports, e.g. {@code DuckDB floor}. */
  public String label() {
    return db.display() + " floor" + (history ? "" : ", one row per sample");
  }

  private static String rootTable(int r) {
    return "floor_root_" + r;
  }

  private static final String LEAF = "floor_leaf";

  private static String col(String field) {
    return "f_" + field;
  }

  private static String pcol(String structKey) {
    return "p_" + structKey;
  }

  /** Creates the tables and writes the roots' initial rows (state of the {@code new} phase). */
  public void seedRoots(Connection c, long n) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (int r = 0; r < scenario.roots().size(); r++) {
        List<String> fields = scenario.rootFields(r);
        s.execute(
            "CREATE TABLE "
                + rootTable(r)
                + " (sample_uid BIGINT NOT NULL, "
                + fields.stream()
                    .map(f -> col(f) + " VARCHAR(64)")
                    .collect(Collectors.joining(", "))
                + ", feature_version VARCHAR(64), deleted_at TIMESTAMP, updated_at TIMESTAMP"
                + (history ? "" : ", PRIMARY KEY (sample_uid)")
                + ")");
        s.execute(insertRoot(r, n, false));
        if (indexed()) {
          s.execute("CREATE INDEX " + rootTable(r) + "_id ON " + rootTable(r) + " (sample_uid)");
        }
      }
      s.execute(
          "CREATE TABLE "
              + LEAF
              + " (sample_uid BIGINT NOT NULL, "
              + scenario.leafFields().stream()
                  .map(f -> pcol(f.structKey()) + " VARCHAR(64)")
                  .collect(Collectors.joining(", "))
              + ", provenance VARCHAR(64), feature_version VARCHAR(64), deleted_at TIMESTAMP,"
              + " updated_at TIMESTAMP"
              + (history ? "" : ", PRIMARY KEY (sample_uid)")
              + ")");
      if (indexed()) {
        s.execute("CREATE INDEX " + LEAF + "_id ON " + LEAF + " (sample_uid)");
      }
    }
  }

  private String insertRoot(int r, long n, boolean changedOnly) {
    String fv = scenario.featureVersion(scenario.roots().get(r).key());
    List<String> values = new ArrayList<>();
    for (String f : scenario.rootFields(r)) {
      values.add(
          "'"
              + Scenario.prefix(r, f, changedOnly && Scenario.isChangedField(r, f))
              + "' || "
              + db.text("i"));
    }
    return "INSERT INTO "
        + rootTable(r)
        + " SELECT i, "
        + String.join(", ", values)
        + ", '"
        + fv
        + "', NULL, "
        + (changedOnly ? T1 : T0)
        + " FROM "
        + db.range(n)
        + (changedOnly ? " WHERE i % 10 = 3" : "");
  }

  /**
   * Writes the up-to-date leaf, then changes 10% of the audio data versions (state of the {@code
   * stale} phase).
   */
  public void seedLeafAndChange(Connection c, long n) throws SQLException {
    String fv = scenario.featureVersion(scenario.leafKey());
    String cols =
        scenario.leafFields().stream()
            .map(f -> pcol(f.structKey()))
            .collect(Collectors.joining(", "));
    try (Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO "
              + LEAF
              + " "
              + ctes(false)
              + " SELECT sample_uid, "
              + cols
              + ", provenance, '"
              + fv
              + "', NULL, "
              + T0
              + " FROM e");
      if (history) {
        s.execute(insertRoot(0, n, true));
      } else {
        s.execute(updateChanged(0));
      }
    }
  }

  /** Updates the changed samples' data versions of root {@code r} in place (no history). */
  private String updateChanged(int r) {
    List<String> sets = new ArrayList<>();
    for (String f : scenario.rootFields(r)) {
      if (Scenario.isChangedField(r, f)) {
        sets.add(col(f) + " = '" + Scenario.prefix(r, f, true) + "' || " + db.text("sample_uid"));
      }
    }
    sets.add("updated_at = " + T1);
    return "UPDATE "
        + rootTable(r)
        + " SET "
        + String.join(", ", sets)
        + " WHERE sample_uid % 10 = 3";
  }

  private String latest(String table, List<String> columns, String featureVersion) {
    if (!history) {
      return "SELECT "
          + String.join(", ", columns)
          + " FROM "
          + table
          + " WHERE feature_version = '"
          + featureVersion
          + "' AND deleted_at IS NULL";
    }
    if (indexed()) {
      // H2 re-evaluates a windowed derived table for every joined row (quadratic); an indexed
      // anti-join is its fast form of "latest row per sample".
      return "SELECT "
          + columns.stream().map(x -> "t." + x).collect(Collectors.joining(", "))
          + " FROM "
          + table
          + " t WHERE t.feature_version = '"
          + featureVersion
          + "' AND t.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM "
          + table
          + " t2 WHERE t2.sample_uid = t.sample_uid AND t2.feature_version = '"
          + featureVersion
          + "' AND coalesce(t2.deleted_at, t2.updated_at) > coalesce(t.deleted_at, t.updated_at))";
    }
    String cs = String.join(", ", columns);
    return "SELECT "
        + cs
        + " FROM (SELECT "
        + cs
        + ", deleted_at, row_number() OVER (PARTITION BY sample_uid ORDER BY"
        + " coalesce(deleted_at, updated_at) DESC) AS rn FROM "
        + table
        + " WHERE feature_version = '"
        + featureVersion
        + "') d WHERE rn = 1 AND deleted_at IS NULL";
  }

  /** The expected-rows CTEs ({@code e}); with {@code current}, also the leaf's rows ({@code c}). */
  private String ctes(boolean current) {
    List<String> parts = new ArrayList<>();
    for (int r = 0; r < scenario.roots().size(); r++) {
      List<String> cols = new ArrayList<>();
      cols.add("sample_uid");
      scenario.rootFields(r).forEach(f -> cols.add(col(f)));
      parts.add(
          "u"
              + r
              + " AS ("
              + latest(rootTable(r), cols, scenario.featureVersion(scenario.roots().get(r).key()))
              + ")");
    }
    List<String> hashes = new ArrayList<>();
    for (Scenario.LeafField f : scenario.leafFields()) {
      StringBuilder in = new StringBuilder("'").append(f.prefix());
      for (FieldRef p : f.parents()) {
        int r = scenario.rootIndex(p.feature());
        in.append('|')
            .append(p)
            .append("|' || u")
            .append(r)
            .append('.')
            .append(col(p.field().structKey()))
            .append(" || '");
      }
      // drop the trailing " || '"
      String expr = in.substring(0, in.length() - " || '".length());
      hashes.add("substr(" + db.md5(expr) + ", 1, 8) AS " + pcol(f.structKey()));
    }
    StringBuilder from = new StringBuilder("u0");
    for (int r = 1; r < scenario.roots().size(); r++) {
      from.append(" JOIN u")
          .append(r)
          .append(" ON u")
          .append(r)
          .append(".sample_uid = u0.sample_uid");
    }
    parts.add("h AS (SELECT u0.sample_uid, " + String.join(", ", hashes) + " FROM " + from + ")");
    List<String> pcols = scenario.leafFields().stream().map(f -> pcol(f.structKey())).toList();
    parts.add(
        "e AS (SELECT sample_uid, "
            + String.join(", ", pcols)
            + ", substr("
            + db.md5(String.join(" || '|' || ", pcols))
            + ", 1, 8) AS provenance FROM h)");
    if (current) {
      parts.add(
          "c AS ("
              + latest(
                  LEAF,
                  List.of("sample_uid", "provenance"),
                  scenario.featureVersion(scenario.leafKey()))
              + ")");
    }
    return "WITH " + String.join(",\n", parts);
  }

  /** The one statement of a resolve: new and stale rows (with provenance), then orphans. */
  public String resolveSql() {
    List<String> pcols =
        scenario.leafFields().stream().map(f -> "e." + pcol(f.structKey())).toList();
    String nulls = pcols.stream().map(x -> db.nullText()).collect(Collectors.joining(", "));
    return ctes(true)
        + "\nSELECT e.sample_uid, "
        + String.join(", ", pcols)
        + ", e.provenance, CASE WHEN c.sample_uid IS NULL THEN 'n' ELSE 's' END AS k"
        + " FROM e LEFT JOIN c ON c.sample_uid = e.sample_uid"
        + " WHERE c.sample_uid IS NULL OR c.provenance <> e.provenance"
        + "\nUNION ALL SELECT c.sample_uid, "
        + nulls
        + ", "
        + db.nullText()
        + ", 'o' FROM c"
        + " WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.sample_uid = c.sample_uid)";
  }

  /** Runs the statement and consumes every row into a tally; the caller times this. */
  public Tally resolve(Connection c, long n) throws SQLException {
    Tally t = new Tally(n);
    int provCol = scenario.leafFields().size() + 2;
    int kindCol = provCol + 1;
    boolean auto = c.getAutoCommit();
    if (db == DbKind.POSTGRES) {
      c.setAutoCommit(false); // a cursor: rows stream instead of sitting in the heap
    }
    try (Statement s = c.createStatement()) {
      s.setFetchSize(10_000);
      try (ResultSet rs = s.executeQuery(resolveSql())) {
        while (rs.next()) {
          long id = rs.getLong(1);
          for (int i = 2; i < provCol; i++) {
            rs.getString(i);
          }
          String prov = rs.getString(provCol);
          String k = rs.getString(kindCol);
          Tally.Kind kind =
              switch (k) {
                case "n" -> Tally.Kind.NEW;
                case "s" -> Tally.Kind.STALE;
                default -> Tally.Kind.ORPHANED;
              };
          t.add(kind, id, prov);
        }
      }
    } finally {
      if (db == DbKind.POSTGRES) {
        c.commit();
        c.setAutoCommit(auto);
      }
    }
    return t;
  }
}
