package io.metaxy.adapter.jooq;

import java.util.Locale;
import org.jooq.SQLDialect;

/** The databases the jOOQ store supports, with their store type names. */
public enum JooqDialect {
  DUCKDB("duckdb", SQLDialect.DUCKDB),
  POSTGRES("postgres", SQLDialect.POSTGRES),
  H2("h2", SQLDialect.H2),
  MARIADB("mariadb", SQLDialect.MARIADB);

  private final String type;
  private final SQLDialect sqlDialect;

  JooqDialect(String type, SQLDialect sqlDialect) {
    this.type = type;
    this.sqlDialect = sqlDialect;
  }

  /** The store type name used in configuration ({@code stores.<name>.type}). */
  public String type() {
    return type;
  }

  /** The jOOQ dialect. */
  public SQLDialect sqlDialect() {
    return sqlDialect;
  }

  /** The dialect a JDBC URL points to. */
  public static JooqDialect fromUrl(String url) {
    String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
    if (u.startsWith("jdbc:duckdb:")) {
      return DUCKDB;
    }
    if (u.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    if (u.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
      return MARIADB;
    }
    throw new IllegalArgumentException("Unsupported JDBC URL " + url);
  }
}
