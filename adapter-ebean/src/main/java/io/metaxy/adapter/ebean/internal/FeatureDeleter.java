package io.metaxy.adapter.ebean.internal;

import io.ebean.Transaction;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.domain.write.Tombstones;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.ReadOptions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes: soft deletes append tombstones for the matching latest rows (a write like any other);
 * hard deletes remove the matching stored rows with one {@code DELETE} under the table's write
 * lock, its filter translated to SQL.
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

  /**
   * Soft delete appends a tombstone ({@link Tombstones}) for the latest live row of every matching
   * sample (of the current feature version, or of every version with {@code featureHistory});
   * samples held only in a fallback store are tombstoned here. Hard delete removes the matching
   * stored rows of the current feature version (every version with {@code featureHistory}),
   * tombstones and history included.
   */
  public long delete(FeatureKey feature, DeleteOptions options) {
    ctx.spec(feature);
    DeleteOptions o = options == null ? DeleteOptions.soft() : options;
    if (o.hard()) {
      if (ctx.columns(ctx.tableOf(feature)) == null) {
        return 0;
      }
      reader.checkFilters(feature, o.filters());
      return hardDelete(feature, o.filters(), o.featureHistory());
    }
    ReadOptions which =
        (o.featureHistory()
                ? ReadOptions.defaults().withAllFeatureVersions()
                : ReadOptions.defaults())
            .withFilters(o.filters().toArray(String[]::new));
    List<Row> victims;
    try (Stream<Row> s = reader.read(feature, which)) {
      victims = s.toList();
    }
    if (victims.isEmpty()) {
      return 0;
    }
    // deleted_at is stamped again under the table's write lock, like a write's updated_at
    writer.appendTombstones(feature, Tombstones.of(victims, ctx.settings().clock().instant()));
    return victims.size();
  }

  private long hardDelete(FeatureKey feature, List<String> filters, boolean featureHistory) {
    String table = ctx.tableOf(feature);
    SqlFilter.Condition filter =
        SqlFilter.of(ctx.dialect(), table, ctx.columns(table), filters, ctx.layout()::physical);
    String fv = table + "." + ctx.dialect().id(SystemColumns.FEATURE_VERSION);
    String sql =
        "delete from "
            + table
            + " where "
            + (featureHistory ? "1 = 1" : fv + " = ?")
            + (filter == null ? "" : " and " + filter.sql());
    try (TableLocks.WriteLock lock =
            TableLocks.writeLock(ctx.dataSource(), ctx.dialect(), ctx.databaseId(), table);
        Transaction txn = ctx.db().createTransaction()) {
      lock.acquire(txn);
      long n;
      try (PreparedStatement ps = txn.connection().prepareStatement(sql)) {
        int i = 1;
        if (!featureHistory) {
          ps.setString(i++, ctx.versions().featureVersion(feature));
        }
        if (filter != null) {
          filter.bind(ps, i);
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
