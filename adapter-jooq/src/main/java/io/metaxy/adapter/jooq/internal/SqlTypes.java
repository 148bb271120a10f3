package io.metaxy.adapter.jooq.internal;

import io.metaxy.adapter.jooq.JooqDialect;
import io.metaxy.adapter.jooq.StoreLayout;
import io.metaxy.sql.SqlDialect;
import io.metaxy.sql.TableLayout;

/** Maps the jOOQ store's public dialect and layout types to those of the shared SQL module. */
public final class SqlTypes {
  private SqlTypes() {}

  /** The shared SQL dialect of a jOOQ store dialect. */
  public static SqlDialect of(JooqDialect d) {
    return switch (d) {
      case DUCKDB -> SqlDialect.DUCKDB;
      case POSTGRES -> SqlDialect.POSTGRES;
      case H2 -> SqlDialect.H2;
      case MARIADB -> SqlDialect.MARIADB;
    };
  }

  /** The shared table layout of a jOOQ store layout. */
  public static TableLayout of(StoreLayout l) {
    return l == StoreLayout.PYTHON ? TableLayout.PYTHON : TableLayout.SEED;
  }
}
