package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Isolated storage on the three test databases: an H2 in-memory database, a PostgreSQL schema or a
 * MariaDB database with a random suffix, dropped afterwards. PostgreSQL and MariaDB tests skip when
 * the server is unreachable, and fail instead when {@code CI=true}.
 */
final class TestDatabases {
  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PG_USER = "postgres";
  static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/";
  static final String MARIADB_USER = "root";

  private TestDatabases() {}

  /** One isolated storage: its url, user and password, and how to drop it. */
  record Storage(String url, String user, String password, Runnable drop) {
    /** A store configuration for this database (URL and credentials set). */
    EbeanStoreConfig.Builder config() {
      return EbeanStoreConfig.builder().url(url).user(user).password(password);
    }
  }

  enum Kind {
    H2,
    POSTGRES,
    MARIADB
  }

  static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  /** Skips (or, under CI, fails) when the server of {@code kind} is unreachable. */
  static void requireServer(Kind kind) {
    if (kind == Kind.H2) {
      return;
    }
    String url = kind == Kind.POSTGRES ? PG_URL : MARIADB_URL + "test";
    String user = kind == Kind.POSTGRES ? PG_USER : MARIADB_USER;
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String msg =
          kind
              + " is not reachable at "
              + url
              + " ("
              + e.getMessage()
              + "): start it (see README, .ci/run) to run these tests.";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true and " + msg);
      }
      Assumptions.abort(msg);
    }
  }

  static Storage create(Kind kind) {
    String name = "mx_eb_" + suffix();
    switch (kind) {
      case H2 -> {
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        return new Storage(url, "sa", "", () -> exec(url, "sa", "shutdown"));
      }
      case POSTGRES -> {
        exec(PG_URL, PG_USER, "create schema " + name);
        return new Storage(
            PG_URL + "?currentSchema=" + name,
            PG_USER,
            "",
            () -> exec(PG_URL, PG_USER, "drop schema if exists " + name + " cascade"));
      }
      default -> {
        exec(MARIADB_URL + "test", MARIADB_USER, "create database " + name);
        return new Storage(
            MARIADB_URL + name,
            MARIADB_USER,
            "",
            () -> exec(MARIADB_URL + "test", MARIADB_USER, "drop database if exists " + name));
      }
    }
  }

  static void exec(String url, String user, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run `" + sql + "` on " + url + ": " + e, e);
    }
  }
}
