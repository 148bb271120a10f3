package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.domain.write.Tombstones;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.FallbackChain;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import io.metaxy.sql.FeatureTable;
import io.metaxy.sql.FilterTranslator;
import io.metaxy.sql.Layout;
import io.metaxy.sql.Relations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
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
  private final MetadataStore self;
  private final StoreWriter writer;
  private final StoreSettings settings;
  private final JooqStoreConfig config;
  private final DialectSql sql;
  private final Catalog catalog;
  private final GraphVersions versions;

  StoreDeleter(StoreContext cx, MetadataStore self, StoreWriter writer) {
    this.writer = writer;
    this.self = self;
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

  /**
   * A soft delete of samples this store does not hold: tombstones of the fallback's latest rows,
   * written here (fallbacks are never written).
   */
  private long tombstoneFallbackRows(FeatureKey feature, DeleteOptions o) {
    java.util.Optional<MetadataStore> holder = FallbackChain.holderOf(self, feature);
    if (holder.isEmpty()) {
      return 0;
    }
    ReadOptions read = ReadOptions.defaults().withFilters(o.filters().toArray(String[]::new));
    if (o.featureHistory()) {
      read = read.withAllFeatureVersions();
    }
    List<Row> victims;
    try (java.util.stream.Stream<Row> s = holder.get().read(feature, read)) {
      victims = s.toList();
    }
    if (victims.isEmpty()) {
      return 0;
    }
    return writer.writeTombstones(feature, Tombstones.of(victims, settings.clock().instant()));
  }

  private long deleteLocked(FeatureKey feature, FeatureSpec spec, DeleteOptions o) {
    try (Connection c = cx.connections().acquire()) {
      DSLContext ctx = cx.ctx(c);
      FeatureTable ft = cx.describe(c, feature);
      if (!ft.exists() || !cx.hasRows(ctx, ft)) {
        return o.hard() ? 0 : tombstoneFallbackRows(feature, o);
      }
      cx.checkFilters(feature, o.filters(), cx.filterColumns(ft, spec));
      String current = versions.featureVersion(feature);
      if (o.hard()) {
        Condition where =
            new FilterTranslator(col -> ft.has(col) ? ft.col(col) : null)
                .all(o.filters())
                .and(
                    o.featureHistory()
                        ? DSL.noCondition()
                        : ft.col(SystemColumns.FEATURE_VERSION).eq(current));
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
            long base = ft.hasPhysical(Layout.WRITE_SEQ) ? StoreWriter.maxSeq(ctx, ft) : 0;
            // tombstones are stamped like writes: after every stored row (python layout)
            LocalDateTime now = StoreWriter.stampUnderLock(cx, ctx, ft);
            List<String> partition = new ArrayList<>(spec.idColumns());
            if (o.featureHistory()) {
              partition.add(SystemColumns.FEATURE_VERSION);
            }
            Table<Record> m =
                Relations.latest(
                    ft,
                    partition,
                    col ->
                        o.featureHistory()
                            ? DSL.noCondition()
                            : col.apply(SystemColumns.FEATURE_VERSION).eq(current),
                    false,
                    r -> new FilterTranslator(r).all(o.filters()),
                    "m",
                    sql.latestByAntiJoin(),
                    true);
            List<Field<?>> target = new ArrayList<>();
            List<SelectField<?>> src = new ArrayList<>();
            List<Field<?>> order = new ArrayList<>();
            for (String id : spec.idColumns()) {
              order.add(DSL.field(name("m", id)));
            }
            for (String col : ft.rowColumns().keySet()) {
              target.add(DSL.field(name(ft.physicalName(col))));
              Field<Object> f = Relations.ref("m", col, ft.rowColumns().get(col));
              // a tombstone is the latest row with deleted_at set; updated_at and created_at kept
              if (col.equals(SystemColumns.DELETED_AT)) {
                src.add(DSL.val(cx.layout().timestampValue(now)));
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
