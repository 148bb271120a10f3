package io.metaxy.sql.bulk;

import io.metaxy.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.impl.DSL;

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

  /**
   * The bulk path of {@code dialect} into {@code table} (a SQL table reference, rendered as the
   * caller's statements name it), its columns' names rendered by {@code quote}: PostgreSQL {@code
   * COPY}, MariaDB {@code LOAD DATA LOCAL INFILE} (multi-row inserts when a column is binary), H2
   * multi-row inserts. DuckDB's appender is the jOOQ store's own.
   *
   * @throws IllegalArgumentException for DuckDB
   */
  static RowSink open(
      SqlDialect dialect,
      Connection c,
      String table,
      List<BulkColumn> columns,
      UnaryOperator<String> quote)
      throws SQLException {
    return switch (dialect) {
      case POSTGRES -> new PgCopySink(c, table, columns, quote);
      case MARIADB ->
          columns.stream().anyMatch(b -> b.kind() == BulkColumn.Kind.BINARY)
              ? new MultiRowInsertSink(c, table, columns, quote, true)
              : new MariaDbLoadDataSink(c, table, columns, quote);
      case H2 -> new MultiRowInsertSink(c, table, columns, quote, false);
      case DUCKDB ->
          throw new IllegalArgumentException(
              "DuckDB writes through its appender, which the shared SQL module does not hold");
    };
  }

  /**
   * {@link #open(SqlDialect, Connection, String, List, UnaryOperator)} with names as jOOQ renders
   * them.
   */
  static RowSink open(
      SqlDialect dialect, DSLContext ctx, Connection c, Name table, List<BulkColumn> columns)
      throws SQLException {
    return open(dialect, c, ctx.render(table), columns, n -> ctx.render(DSL.name(n)));
  }
}
