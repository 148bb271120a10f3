package io.metaxy.adapter.jooq.bulk;

import io.metaxy.adapter.jooq.JooqDialect;
import io.metaxy.adapter.jooq.internal.SqlTypes;
import io.metaxy.sql.bulk.BulkColumn;
import io.metaxy.sql.bulk.RowSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * The jOOQ store's bulk path per database: DuckDB's appender ({@link DuckDbAppenderSink}), the
 * shared SQL module's sinks ({@link RowSink#open}) elsewhere.
 */
public final class JooqSinks {
  private JooqSinks() {}

  /** The sink of {@code dialect} into {@code table} (schema-qualified as jOOQ renders it). */
  public static RowSink open(
      JooqDialect dialect,
      DSLContext ctx,
      Connection c,
      String schema,
      Name table,
      List<BulkColumn> columns)
      throws SQLException {
    if (dialect == JooqDialect.DUCKDB) {
      return new DuckDbAppenderSink(c, schema, table, columns);
    }
    return RowSink.open(SqlTypes.of(dialect), ctx, c, table, columns);
  }
}
