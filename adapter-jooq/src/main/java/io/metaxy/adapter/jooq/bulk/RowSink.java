package io.metaxy.adapter.jooq.bulk;

import io.metaxy.adapter.jooq.JooqDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * Where the rows of one bulk write go, one value array per row in the order of the sink's {@link
 * BulkColumn}s. Values are JDBC-friendly: {@code Long}, {@code Double}, {@code BigDecimal}, {@code
 * Boolean}, {@code String}, {@code LocalDateTime} (UTC), {@code LocalDate}, {@code byte[]}, and
 * {@code Map} for per-field map columns; anything else is written as its {@code toString()}. Runs
 * on the caller's connection and transaction: nothing is committed here, and a failure leaves the
 * rows to the caller's rollback.
 */
public interface RowSink extends AutoCloseable {

  /** Adds one row; the sink may keep no reference to {@code values} after returning. */
  void add(Object[] values) throws SQLException;

  /** Sends whatever is buffered and ends the bulk operation. */
  void finish() throws SQLException;

  /** Releases the sink; after a failure, abandons the bulk operation. */
  @Override
  void close() throws SQLException;

  /** The bulk path of {@code dialect} into {@code table} (schema-qualified as jOOQ renders it). */
  static RowSink open(
      JooqDialect dialect,
      DSLContext ctx,
      Connection c,
      String schema,
      Name table,
      List<BulkColumn> columns)
      throws SQLException {
    return switch (dialect) {
      case DUCKDB -> new DuckDbAppenderSink(c, schema, table, columns);
      case POSTGRES -> new PgCopySink(ctx, c, table, columns);
      case MARIADB ->
          columns.stream().anyMatch(b -> b.kind() == BulkColumn.Kind.BINARY)
              ? new MultiRowInsertSink(ctx, c, table, columns, true)
              : new MariaDbLoadDataSink(ctx, c, table, columns);
      default -> new MultiRowInsertSink(ctx, c, table, columns, false);
    };
  }
}
