package io.metaxy.adapter.jooq;

import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.FallbackChain;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import io.metaxy.sql.FeatureTable;
import io.metaxy.sql.FilterTranslator;
import io.metaxy.sql.Relations;
import io.metaxy.sql.RowMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The read port of the jOOQ store: latest rows per sample (merge-on-read), history, filters. */
final class StoreReader {
  private final StoreContext cx;
  private final MetadataStore self;
  private final StoreSettings settings;
  private final JooqStoreConfig config;
  private final DialectSql sql;
  private final Catalog catalog;
  private final GraphVersions versions;

  StoreReader(StoreContext cx, MetadataStore self) {
    this.self = self;
    this.cx = cx;
    this.settings = cx.settings();
    this.config = cx.config();
    this.sql = cx.sql();
    this.catalog = cx.catalog();
    this.versions = cx.versions();
  }

  public Stream<Row> read(FeatureKey feature, ReadOptions options) {
    cx.requireOpen();
    FeatureSpec spec = settings.graph().get(feature);
    ReadOptions o = options == null ? ReadOptions.defaults() : options;
    Connection c = null;
    try {
      c = cx.connections().acquire();
      FeatureTable ft = cx.describe(c, feature);
      if (!ft.exists() || !cx.hasRows(cx.ctx(c), ft)) {
        c.close();
        // a feature this store does not hold is served by its fallback chain (any level)
        java.util.Optional<MetadataStore> holder = FallbackChain.holderOf(self, feature);
        return holder.isPresent() ? holder.get().read(feature, options) : Stream.empty();
      }
      cx.checkFilters(feature, o.filters(), cx.filterColumns(ft, spec));
      String fv =
          o.featureVersion() != null ? o.featureVersion() : versions.featureVersion(feature);
      Function<Function<String, Field<Object>>, Condition> version =
          col ->
              o.allFeatureVersions()
                  ? DSL.noCondition()
                  : col.apply(SystemColumns.FEATURE_VERSION).eq(fv);
      Table<Record> rel;
      if (o.sampleHistory()) {
        rel =
            Relations.all(
                ft, version.apply(ft::col), r -> new FilterTranslator(r).all(o.filters()), "r");
      } else {
        List<String> partition = new ArrayList<>(spec.idColumns());
        if (o.allFeatureVersions()) {
          partition.add(SystemColumns.FEATURE_VERSION);
        }
        rel =
            Relations.latest(
                ft,
                partition,
                version,
                o.includeDeleted(),
                r -> new FilterTranslator(r).all(o.filters()),
                "r",
                sql.latestByAntiJoin(),
                true);
      }
      return stream(c, true, cx.ctx(c).selectFrom(rel), o.columns());
    } catch (SQLException | RuntimeException e) {
      cx.closeQuietly(c);
      throw cx.failure("read", feature, e);
    }
  }

  private Stream<Row> stream(
      Connection c, boolean closeConnection, Select<Record> q, List<String> columns)
      throws SQLException {
    if (config.dialect() == JooqDialect.POSTGRES && c.getAutoCommit()) {
      c.setAutoCommit(false); // PostgreSQL only streams inside a transaction
    }
    q.attach(cx.ctx(c).configuration());
    Cursor<Record> cursor =
        ((org.jooq.ResultQuery<Record>) q).fetchSize(config.fetchSize()).fetchLazy();
    return cursor.stream()
        .map(RowMapper.forCursor(columns))
        .onClose(
            () -> {
              cursor.close();
              if (closeConnection) {
                cx.closeQuietly(c);
              }
            });
  }

  public boolean hasFeature(FeatureKey feature) {
    cx.requireOpen();
    try (Connection c = cx.connections().acquire()) {
      FeatureTable ft = cx.describe(c, feature);
      return ft.exists() && cx.hasRows(cx.ctx(c), ft);
    } catch (SQLException | DataAccessException e) {
      throw cx.failure("inspect", feature, e);
    }
  }
}
