package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

import io.metaxy.adapter.jooq.internal.Catalog;
import io.metaxy.adapter.jooq.internal.DialectSql;
import io.metaxy.adapter.jooq.internal.FeatureTable;
import io.metaxy.adapter.jooq.internal.FilterTranslator;
import io.metaxy.adapter.jooq.internal.Layout;
import io.metaxy.adapter.jooq.internal.Relations;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.StoreSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The delete port of the jOOQ store: hard deletes, and soft deletes as tombstone rows. */
final class StoreDeleter {
  private final StoreContext cx;
  private final StoreSettings settings;
  private final JooqStoreConfig config;
  private final DialectSql sql;
  private final Catalog catalog;
  private final GraphVersions versions;

  StoreDeleter(StoreContext cx) {
    this.cx = cx;
    this.settings = cx.settings();
    this.config = cx.config();
    this.sql = cx.sql();
    this.catalog = cx.catalog();
    this.versions = cx.versions();
  }

  long delete(FeatureKey feature, DeleteOptions options) {
    cx.requireOpen();
    FeatureSpec spec = settings.graph().get(feature);
    DeleteOptions o = options == null ? DeleteOptions.soft() : options;
    return deleteLocked(feature, spec, o);
  }

  private long deleteLocked(FeatureKey feature, FeatureSpec spec, DeleteOptions o) {
    try (Connection c = cx.connections().acquire()) {
      DSLContext ctx = cx.ctx(c);
      FeatureTable ft = cx.describe(c, feature);
      if (!ft.exists()) {
        return 0;
      }
      if (o.hard()) {
        Condition where =
            new FilterTranslator(col -> ft.has(col) ? ft.col(col) : null).all(o.filters());
        return WriteLock.inTransaction(
            cx,
            c,
            ft.name().last(),
            () -> (long) ctx.deleteFrom(ft.table()).where(where).execute());
      }
      // tombstones get order values like any write: under the table's write lock
      return WriteLock.inTransaction(
          cx,
          c,
          ft.name().last(),
          () -> {
            long base = StoreWriter.maxSeq(ctx, ft);
            LocalDateTime now = LocalDateTime.ofInstant(settings.clock().instant(), ZoneOffset.UTC);
            Table<Record> m =
                Relations.latest(
                    ft,
                    spec.idColumns(),
                    col ->
                        col.apply(SystemColumns.FEATURE_VERSION)
                            .eq(versions.featureVersion(feature)),
                    false,
                    r -> new FilterTranslator(r).all(o.filters()),
                    "m",
                    sql.latestByAntiJoin());
            List<Field<?>> target = new ArrayList<>();
            List<SelectField<?>> src = new ArrayList<>();
            List<Field<?>> order = new ArrayList<>();
            for (String id : spec.idColumns()) {
              order.add(DSL.field(name("m", id)));
            }
            for (String col : ft.columns().keySet()) {
              target.add(DSL.field(name(col)));
              Field<Object> f = Relations.ref("m", col, ft.columns().get(col));
              if (col.equals(SystemColumns.DELETED_AT) || col.equals(SystemColumns.UPDATED_AT)) {
                src.add(DSL.val(now));
              } else if (col.equals(Layout.WRITE_SEQ)) {
                src.add(DSL.rowNumber().over(DSL.orderBy(order)).plus(DSL.val(base)));
              } else {
                src.add(f);
              }
            }
            return (long)
                ctx.insertInto(ft.table())
                    .columns(target)
                    .select(DSL.select(src).from(m))
                    .execute();
          });
    } catch (SQLException | DataAccessException e) {
      throw cx.failure("delete", feature, e);
    }
  }
}
