package io.metaxy.benchmarks;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.MetadataStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Write throughput: {@code n} root samples of the simple scenario (ID + provenance by field)
 * written through {@code MetadataStore.write} in batches of {@link Seeder#BATCH} into an empty
 * database, and the same rows written by plain JDBC into each database (its floor). Rows are built
 * before the clock starts.
 */
public final class WriteBench {
  private WriteBench() {}

  /** Writes {@code n} rows; returns elapsed nanoseconds. Checks the store reports every row. */
  public static long round(Target t, Location loc, long n) {
    List<List<Row>> batches = batches(n);
    FeatureKey root = Scenario.SIMPLE.roots().get(0).key();
    try (MetadataStore store = t.create(Scenario.SIMPLE.graph(), loc).open()) {
      System.gc();
      long written = 0;
      long t0 = System.nanoTime();
      for (List<Row> batch : batches) {
        written += store.write(root, batch);
      }
      long elapsed = System.nanoTime() - t0;
      if (written != n) {
        throw new IllegalStateException(t.name() + " reported " + written + " rows, wrote " + n);
      }
      return elapsed;
    }
  }

  /** The name of the plain-SQL write of a database in reports. */
  static String databaseLabel(DbKind db) {
    return db.display() + " (plain JDBC batch insert)";
  }

  /**
   * The database's own floor for the same rows: a plain table (ID, one column per field, feature
   * version, timestamps), filled by a prepared {@code INSERT} in JDBC batches of {@link
   * Seeder#BATCH}, one transaction per batch. Returns elapsed nanoseconds; checks the row count.
   */
  public static long databaseRound(DbKind db, Location loc, long n) throws SQLException {
    List<List<Row>> batches = batches(n);
    List<String> fields = Scenario.SIMPLE.rootFields(0);
    String fv = Scenario.SIMPLE.featureVersion(Scenario.SIMPLE.roots().get(0).key());
    try (Connection c = db.connect(loc.url())) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE write_floor (sample_uid BIGINT NOT NULL, "
                + fields.stream()
                    .map(f -> "f_" + f + " VARCHAR(64)")
                    .collect(Collectors.joining(", "))
                + ", feature_version VARCHAR(64), deleted_at TIMESTAMP, updated_at TIMESTAMP)");
      }
      String sql =
          "INSERT INTO write_floor VALUES (?, "
              + fields.stream().map(f -> "?").collect(Collectors.joining(", "))
              + ", ?, NULL, ?)";
      c.setAutoCommit(false);
      System.gc();
      Timestamp now = Timestamp.from(Instant.parse("2024-01-01T00:00:00Z"));
      long t0 = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (List<Row> batch : batches) {
          for (Row r : batch) {
            int i = 1;
            ps.setLong(i++, ((Number) r.get(Scenario.ID)).longValue());
            Map<String, String> pbf = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
            for (String f : fields) {
              ps.setString(i++, pbf.get(f));
            }
            ps.setString(i++, fv);
            ps.setTimestamp(i, now);
            ps.addBatch();
          }
          ps.executeBatch();
          c.commit();
        }
      }
      long elapsed = System.nanoTime() - t0;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM write_floor")) {
        rs.next();
        if (rs.getLong(1) != n) {
          throw new IllegalStateException(
              db.display() + " holds " + rs.getLong(1) + " rows, wrote " + n);
        }
      }
      return elapsed;
    }
  }

  private static List<List<Row>> batches(long n) {
    Scenario sc = Scenario.SIMPLE;
    Reference ref = new Reference(sc);
    List<List<Row>> batches = new ArrayList<>();
    List<Row> b = new ArrayList<>();
    for (long id = 0; id < n; id++) {
      b.add(ref.rootRow(0, id, false));
      if (b.size() == Seeder.BATCH) {
        batches.add(b);
        b = new ArrayList<>();
      }
    }
    if (!b.isEmpty()) {
      batches.add(b);
    }
    return batches;
  }
}
