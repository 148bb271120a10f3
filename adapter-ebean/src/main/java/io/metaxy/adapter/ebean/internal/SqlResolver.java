package io.metaxy.adapter.ebean.internal;

import io.ebean.Transaction;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import io.metaxy.sql.FeatureTable;
import io.metaxy.sql.FeatureTableLayout;
import io.metaxy.sql.PlanIncrement;
import io.metaxy.sql.ResolvePlan;
import io.metaxy.sql.SqlDialect;
import io.metaxy.sql.TableLayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Resolves inside the database: the shared {@link ResolvePlan} (the jOOQ store's SQL) runs on the
 * connection of an Ebean transaction, and the increment streams from its cursor ({@link
 * PlanIncrement}); only the increment leaves the database. Used where the tables are the ones the
 * plan knows ({@link #applies}); elsewhere the store resolves in the JVM.
 */
public final class SqlResolver {
  /** Rows per round trip of the increment's cursor. */
  static final int FETCH_SIZE = 10_000;

  private final StoreContext ctx;

  public SqlResolver(StoreContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Whether the plan can resolve {@code spec}: python layout on PostgreSQL or MariaDB (H2 folds the
   * store's unquoted table names to upper case, which the plan's quoted names would miss), an
   * algorithm the database computes (md5, sha256), a downstream feature resolved from its stored
   * upstream rows (no samples, no fallback stores), and no entity class on the feature or its
   * upstreams (entity tables may type their per-field maps differently).
   */
  public boolean applies(FeatureSpec spec, ResolveOptions o) {
    if (!ctx.layout().isPython() || ctx.dialect() == Dialect.H2) {
      return false;
    }
    HashAlgorithm a = ctx.settings().hashAlgorithm();
    if (a != HashAlgorithm.MD5 && a != HashAlgorithm.SHA256) {
      return false;
    }
    if (spec.isRoot() || o.samples() != null || !ctx.settings().fallbackStores().isEmpty()) {
      return false;
    }
    if (ctx.entity(spec.key()) != null) {
      return false;
    }
    for (FeatureDep d : spec.deps()) {
      if (ctx.entity(d.feature()) != null) {
        return false;
      }
    }
    return true;
  }

  /** The increment of {@code spec}, computed by the database (filters already checked). */
  public Increment resolve(FeatureSpec spec, ResolveOptions o) {
    SqlDialect dialect = dialect();
    Transaction txn = ctx.db().createTransaction();
    try {
      Connection c = txn.connection();
      prepareSession(c);
      DSLContext dsl = dsl(c, dialect);
      Catalog catalog = new Catalog(dialect, null);
      FeatureTableLayout layout = FeatureTableLayout.of(TableLayout.PYTHON, dialect);
      Map<FeatureKey, FeatureTable> described = new HashMap<>();
      ResolvePlan plan =
          ResolvePlan.build(
              new ResolvePlan.Context(
                  ctx.graph(),
                  ctx.versions(),
                  new DialectSql(dialect),
                  ctx.settings().hashAlgorithm(),
                  ctx.settings().truncation(),
                  k -> described.computeIfAbsent(k, x -> describe(catalog, c, layout, x)),
                  (t, where) -> dsl.fetchExists(DSL.selectOne().from(t.table()).where(where))),
              spec,
              null,
              o.featureFilters(),
              o.globalFilters(),
              o.targetFilters(),
              o.stalenessPredicates());
      return increment(new PlanIncrement(plan, session(txn, c, dialect, spec.key())));
    } catch (SQLException e) {
      txn.end();
      throw Jdbc.failure("resolving feature " + spec.key(), e);
    } catch (RuntimeException e) {
      txn.end();
      throw failure(spec.key(), e);
    }
  }

  private SqlDialect dialect() {
    return switch (ctx.dialect()) {
      case POSTGRES -> SqlDialect.POSTGRES;
      case MARIADB -> SqlDialect.MARIADB;
      case H2 -> SqlDialect.H2;
    };
  }

  /**
   * Session settings of the resolve's statements. PostgreSQL (transaction-local): merge-on-read is
   * estimated at a tiny fraction of its size, and a nested-loop anti-join over it is quadratic, so
   * hash joins. MariaDB (session): ordered string aggregates of any length (per-group hashing).
   */
  private void prepareSession(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (ctx.dialect() == Dialect.POSTGRES) {
        s.execute("SET LOCAL enable_nestloop = off");
      } else if (ctx.dialect() == Dialect.MARIADB) {
        s.execute("SET SESSION group_concat_max_len = 4294967295");
      }
    }
  }

  private static DSLContext dsl(Connection c, SqlDialect dialect) {
    return DSL.using(
        c,
        dialect.sqlDialect(),
        new Settings()
            .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
            .withRenderGroupConcatMaxLenSessionVariable(false)
            .withExecuteLogging(false));
  }

  /** The table of {@code feature} as the plan sees it (python layout; not existing: no columns). */
  private FeatureTable describe(
      Catalog catalog, Connection c, FeatureTableLayout layout, FeatureKey feature) {
    List<String> keys = new ArrayList<>();
    if (ctx.graph().contains(feature)) {
      for (FieldSpec f : ctx.spec(feature).fields()) {
        keys.add(f.key().structKey());
      }
      keys.sort(null);
    }
    try {
      return catalog.describe(
          c, feature, ctx.settings().tableNaming().tableName(feature), layout, keys);
    } catch (SQLException e) {
      throw Jdbc.failure("describing the table of feature " + feature, e);
    }
  }

  private PlanIncrement.Session session(
      Transaction txn, Connection c, SqlDialect dialect, FeatureKey feature) {
    return new PlanIncrement.Session() {
      @Override
      public DSLContext dsl() {
        return SqlResolver.dsl(c, dialect);
      }

      @Override
      public int fetchSize() {
        return FETCH_SIZE;
      }

      @Override
      public RuntimeException failure(Exception e) {
        return e instanceof SQLException s
            ? Jdbc.failure("resolving feature " + feature, s)
            : SqlResolver.failure(feature, e);
      }

      @Override
      public void release() {
        txn.end(); // rolls back (nothing was written) and returns the connection
      }
    };
  }

  private static RuntimeException failure(FeatureKey feature, Exception e) {
    if (e instanceof MetaxyException m) {
      return m;
    }
    return new MetaxyException(
        ErrorCode.STORE_FAILURE, "Resolving feature " + feature + " failed: " + e.getMessage(), e);
  }

  private static Increment increment(PlanIncrement rows) {
    return new Increment() {
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
    };
  }
}
