package io.metaxy.benchmarks;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

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
    return db.display()
        + switch (db) {
          case DUCKDB -> " (appender into a plain table)";
          case POSTGRES -> " (COPY into a plain table)";
          case H2, MARIADB -> " (plain JDBC batch insert)";
        };
  }

  /**
   * The database's own floor for the same rows: a plain table (ID, one column per field, feature
   * version, timestamps), filled by the database's bulk path in batches of {@link Seeder#BATCH},
   * one transaction per batch: DuckDB's appender, PostgreSQL's {@code COPY … FROM STDIN}, H2 and
   * MariaDB a prepared {@code INSERT} in JDBC batches. Returns elapsed nanoseconds; checks the row
   * count.
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
      c.setAutoCommit(false);
      System.gc();
      long t0 = System.nanoTime();
      switch (db) {
        case DUCKDB -> appender(c, batches, fields, fv);
        case POSTGRES -> copy(c, batches, fields, fv);
        case H2, MARIADB -> insert(c, batches, fields, fv);
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

  private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);

  private static long id(Row r) {
    return ((Number) r.get(Scenario.ID)).longValue();
  }

  /** DuckDB's appender: one appender (and commit) per batch. */
  private static void appender(
      Connection c, List<List<Row>> batches, List<String> fields, String fv) throws SQLException {
    DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
    for (List<Row> batch : batches) {
      try (DuckDBAppender ap = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "write_floor")) {
        for (Row r : batch) {
          ap.beginRow();
          ap.append(id(r));
          Map<String, String> pbf = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
          for (String f : fields) {
            ap.append(pbf.get(f));
          }
          ap.append(fv);
          ap.appendNull();
          ap.append(T0);
          ap.endRow();
        }
      }
      c.commit();
    }
  }

  /** PostgreSQL's {@code COPY … FROM STDIN} (text format): one COPY (and commit) per batch. */
  private static void copy(Connection c, List<List<Row>> batches, List<String> fields, String fv)
      throws SQLException {
    CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
    for (List<Row> batch : batches) {
      CopyIn in = cm.copyIn("COPY write_floor FROM STDIN");
      try {
        StringBuilder sb = new StringBuilder(1 << 16);
        for (Row r : batch) {
          sb.append(id(r));
          Map<String, String> pbf = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
          for (String f : fields) {
            sb.append('\t').append(pbf.get(f));
          }
          sb.append('\t').append(fv).append("\t\\N\t2024-01-01 00:00:00\n");
          if (sb.length() > 1 << 20) {
            flush(in, sb);
          }
        }
        flush(in, sb);
        in.endCopy();
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
      c.commit();
    }
  }

  private static void flush(CopyIn in, StringBuilder sb) throws SQLException {
    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
    in.writeToCopy(b, 0, b.length);
    sb.setLength(0);
  }

  /** A prepared {@code INSERT} in JDBC batches, one transaction per batch. */
  private static void insert(Connection c, List<List<Row>> batches, List<String> fields, String fv)
      throws SQLException {
    String sql =
        "INSERT INTO write_floor VALUES (?, "
            + fields.stream().map(f -> "?").collect(Collectors.joining(", "))
            + ", ?, NULL, ?)";
    Timestamp now = Timestamp.from(Instant.parse("2024-01-01T00:00:00Z"));
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (List<Row> batch : batches) {
        for (Row r : batch) {
          int i = 1;
          ps.setLong(i++, id(r));
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
