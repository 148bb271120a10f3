package io.metaxy.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A database engine the floors and SQL stores run on, with the few SQL spellings that differ. */
public enum DbKind {
  DUCKDB("DuckDB"),
  POSTGRES("PostgreSQL"),
  H2("H2"),
  MARIADB("MariaDB");

  private final String display;

  DbKind(String display) {
    this.display = display;
  }

  public String display() {
    return display;
  }

  /** Lowercase hex md5 of a VARCHAR expression. */
  public String md5(String expr) {
    return this == H2 ? "lower(rawtohex(hash('MD5', " + expr + ")))" : "md5(" + expr + ")";
  }

  /** A FROM item yielding column {@code i} = 0..n-1 (BIGINT). */
  public String range(long n) {
    return switch (this) {
      case DUCKDB -> "range(0, " + n + ") AS t(i)";
      case POSTGRES -> "generate_series(CAST(0 AS BIGINT), " + (n - 1) + ") AS t(i)";
      case H2 -> "(SELECT X AS i FROM SYSTEM_RANGE(0, " + (n - 1) + ")) t";
      case MARIADB -> "(SELECT seq AS i FROM seq_0_to_" + (n - 1) + ") t";
    };
  }

  /** An expression as text: {@code CAST(expr AS VARCHAR)} (MariaDB: {@code CHAR}). */
  public String text(String expr) {
    return "CAST(" + expr + (this == MARIADB ? " AS CHAR)" : " AS VARCHAR)");
  }

  /** A typed NULL of a short text column. */
  public String nullText() {
    return this == MARIADB ? "CAST(NULL AS CHAR(64))" : "CAST(NULL AS VARCHAR(64))";
  }

  /** A BIGINT cast (MariaDB: {@code SIGNED}). */
  public String bigint(String expr) {
    return "CAST(" + expr + (this == MARIADB ? " AS SIGNED)" : " AS BIGINT)");
  }

  /**
   * Opens a plain JDBC connection. MariaDB sessions get the standard SQL spellings the floors and
   * SQL copies use: {@code ||} concatenates ({@code PIPES_AS_CONCAT}) and double quotes delimit
   * identifiers ({@code ANSI_QUOTES}).
   */
  public Connection connect(String url) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    if (this == MARIADB) {
      try (Statement s = c.createStatement()) {
        s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',PIPES_AS_CONCAT,ANSI_QUOTES')");
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    }
    return c;
  }

  /** The engine version reported by a connection. */
  public String version(Connection c) {
    String q =
        switch (this) {
          case DUCKDB -> "SELECT version()";
          case POSTGRES -> "SHOW server_version";
          case H2 -> "SELECT H2VERSION()";
          case MARIADB -> "SELECT version()";
        };
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(q)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
