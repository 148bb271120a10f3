package io.metaxy.adapter.jooq;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Test databases: server reachability (skip locally, fail under CI=true) and isolated schemas. */
final class TestDatabases {
  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PG_USER = "postgres";
  static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
  static final String MARIADB_USER = "root";

  private TestDatabases() {}

  /** Skips (locally) or fails (CI=true) when the server is unreachable. */
  static void require(String name, String url, String user) {
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String msg = name + " is not reachable at " + url + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + ": it is mandatory when CI=true.");
      }
      assumeTrue(false, msg + ": skipping (start the server to run these tests).");
    }
  }

  static String randomName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  static void execute(String url, String user, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  static void dropPgSchema(String schema) {
    execute(PG_URL, PG_USER, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
  }

  static void dropMariaDb(String db) {
    execute(MARIADB_URL, MARIADB_USER, "DROP DATABASE IF EXISTS `" + db + "`");
  }

  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort
                }
              });
    } catch (IOException e) {
      // best effort
    }
  }
}
