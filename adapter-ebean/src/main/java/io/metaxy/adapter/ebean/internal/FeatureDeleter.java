package io.metaxy.adapter.ebean.internal;

import io.ebean.Transaction;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.ReadOptions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes: soft deletes append tombstones for the matching current rows (a write like any other);
 * hard deletes remove the matching stored rows — every version and tombstone — with one {@code
 * DELETE} whose filter is translated to SQL.
 */
public final class FeatureDeleter {
  private final StoreContext ctx;
  private final FeatureReader reader;
  private final FeatureWriter writer;

  public FeatureDeleter(StoreContext ctx, FeatureReader reader, FeatureWriter writer) {
    this.ctx = ctx;
    this.reader = reader;
    this.writer = writer;
  }

  public long delete(FeatureKey feature, DeleteOptions options) {
    ctx.spec(feature);
    DeleteOptions o = options == null ? DeleteOptions.soft() : options;
    if (!reader.hasFeature(feature)) {
      return 0;
    }
    if (o.hard()) {
      return hardDelete(feature, o.filters());
    }
    List<Row> targets;
    try (Stream<Row> s =
        reader.read(
            feature, ReadOptions.defaults().withFilters(o.filters().toArray(String[]::new)))) {
      targets = s.toList();
    }
    if (targets.isEmpty()) {
      return 0;
    }
    Instant now = ctx.settings().clock().instant();
    List<Row> tombstones = new ArrayList<>();
    for (Row r : targets) {
      tombstones.add(r.with(SystemColumns.DELETED_AT, now).with(SystemColumns.UPDATED_AT, now));
    }
    writer.append(feature, tombstones);
    return tombstones.size();
  }

  private long hardDelete(FeatureKey feature, List<String> filters) {
    String table = ctx.tableOf(feature);
    SqlFilter.Condition filter =
        SqlFilter.of(ctx.dialect(), table, ctx.columns(table), filters);
    String sql = "delete from " + table + (filter == null ? "" : " where " + filter.sql());
    try (TableLocks.WriteLock lock = TableLocks.writeLock(ctx.dataSource(), ctx.dialect(), table);
        Transaction txn = ctx.db().createTransaction()) {
      lock.acquire(txn);
      long n;
      try (PreparedStatement ps = txn.connection().prepareStatement(sql)) {
        if (filter != null) {
          filter.bind(ps, 1);
        }
        n = ps.executeUpdate();
      }
      txn.commit();
      return n;
    } catch (SQLException e) {
      throw Jdbc.failure("deleting rows of " + feature, e);
    }
  }
}
