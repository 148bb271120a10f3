package io.metaxy.sql;

import org.jooq.SQLDialect;

/**
 * The databases whose SQL this module generates: the dialect every plan, table description and bulk
 * write is built for. Stores map their own dialect type to this one.
 */
public enum SqlDialect {
  DUCKDB("duckdb", SQLDialect.DUCKDB),
  POSTGRES("postgres", SQLDialect.POSTGRES),
  H2("h2", SQLDialect.H2),
  MARIADB("mariadb", SQLDialect.MARIADB);

  private final String type;
  private final SQLDialect sqlDialect;

  SqlDialect(String type, SQLDialect sqlDialect) {
    this.type = type;
    this.sqlDialect = sqlDialect;
  }

  /**
   * The database's store type name ({@code duckdb}, {@code postgres}, {@code h2}, {@code mariadb}).
   */
  public String type() {
    return type;
  }

  /** The jOOQ dialect. */
  public SQLDialect sqlDialect() {
    return sqlDialect;
  }
}
