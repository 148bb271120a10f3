package io.metaxy.adapter.jooq;

import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.Increment;
import io.metaxy.sql.FeatureTable;
import io.metaxy.sql.PlanIncrement;
import io.metaxy.sql.ResolvePlan;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jOOQ store's increment: the shared {@link PlanIncrement} on the resolve's connection, which
 * this class closes with the increment (dropping the staging tables where a rollback does not).
 */
final class SqlIncrement implements Increment {
  private static final Logger LOG = LoggerFactory.getLogger(SqlIncrement.class);
  private final PlanIncrement rows;

  SqlIncrement(
      StoreContext cx, Connection c, FeatureTable staging, ResolvePlan plan, List<Name> staged) {
    JooqStoreConfig config = cx.config();
    this.rows =
        new PlanIncrement(
            plan,
            new PlanIncrement.Session() {
              @Override
              public DSLContext dsl() {
                return cx.ctx(c);
              }

              @Override
              public int fetchSize() {
                return config.fetchSize();
              }

              @Override
              public RuntimeException failure(Exception e) {
                return cx.failure("resolve", staging == null ? null : staging.key(), e);
              }

              @Override
              public void release() {
                if (config.dialect() != JooqDialect.DUCKDB
                    && config.dialect() != JooqDialect.POSTGRES) {
                  for (Name n : staged) {
                    try {
                      cx.ctx(c).dropTableIfExists(n).execute();
                    } catch (RuntimeException e) {
                      LOG.debug("dropping staging table {} failed", n, e);
                    }
                  }
                }
                StoreContext.closeQuietly(c); // rollback drops DuckDB/PostgreSQL staging tables
              }
            });
  }

  @Override
  public Stream<Row> newRows() {
    return rows.newRows();
  }

  @Override
  public Stream<Row> staleRows() {
    return rows.staleRows();
  }

  @Override
  public Stream<Row> orphanedRows() {
    return rows.orphanedRows();
  }

  @Override
  public void close() {
    rows.close();
  }
}
