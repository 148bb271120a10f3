package io.metaxy.adapter.jooq.internal;

import static org.jooq.impl.DSL.name;

import io.metaxy.ports.system.SnapshotTags;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The {@code tags} column of {@code feature_versions} (JSON text, as Python Metaxy keeps it). Older
 * tables lack it: a push adds it as a nullable text column, and reading a table without it gives no
 * tags.
 */
public final class SnapshotTagsColumn {
  /** The column name. */
  public static final String TAGS = "tags";

  private final DialectSql sql;
  private final Catalog catalog;
  private final String table;
  private final Name qualified;
  private final String project;

  public SnapshotTagsColumn(DialectSql sql, Catalog catalog, String table, String project) {
    this.sql = sql;
    this.catalog = catalog;
    this.table = table;
    this.qualified = catalog.qualify(table);
    this.project = project;
  }

  /** Adds the column when the table lacks it (another process adding it meanwhile is fine). */
  public void ensure(DSLContext ctx, Connection c) throws SQLException {
    if (has(c)) {
      return;
    }
    try {
      ctx.alterTable(qualified).addColumn(DSL.field(name(TAGS), sql.stringType())).execute();
    } catch (DataAccessException e) {
      if (!has(c)) {
        throw e;
      }
    }
  }

  private boolean has(Connection c) throws SQLException {
    return catalog.columns(c, table).containsKey(TAGS);
  }

  /**
   * Adds {@code tags} to every row of one snapshot of the project, keeping the tags the push itself
   * recorded there (the python layout's {@code metaxy} and {@code metaxy-java} tags).
   */
  public void write(DSLContext ctx, String snapshotVersion, SnapshotTags tags) {
    for (Record r :
        ctx.select(DSL.field(name(SystemTables.FEATURE_KEY)), DSL.field(name(TAGS)))
            .from(DSL.table(qualified))
            .where(DSL.field(name(SystemTables.PROJECT)).eq(project))
            .and(DSL.field(name(SystemTables.SNAPSHOT_VERSION)).eq(snapshotVersion))
            .fetch()) {
      Object stored = r.get(1);
      Map<String, String> merged =
          new TreeMap<>(SnapshotTags.parse(stored == null ? null : stored.toString()).all());
      merged.putAll(tags.user());
      ctx.update(DSL.table(qualified))
          .set(
              DSL.field(name(TAGS), String.class), SnapshotTags.withReserved(merged).toColumnJson())
          .where(DSL.field(name(SystemTables.PROJECT)).eq(project))
          .and(DSL.field(name(SystemTables.SNAPSHOT_VERSION)).eq(snapshotVersion))
          .and(DSL.field(name(SystemTables.FEATURE_KEY)).eq(r.get(0)))
          .execute();
    }
  }

  /**
   * Tags by snapshot version of the project; empty when the table has no tags column or no snapshot
   * version column (Python's table, before Java pushed to it).
   */
  public Map<String, SnapshotTags> read(DSLContext ctx, Connection c) throws SQLException {
    Map<String, SnapshotTags> out = new HashMap<>();
    Map<String, ?> columns = catalog.columns(c, table);
    if (!columns.containsKey(TAGS) || !columns.containsKey(SystemTables.SNAPSHOT_VERSION)) {
      // no tags, or a table only Python Metaxy pushed to (opened read-only: not widened)
      return out;
    }
    for (Record r :
        ctx.select(DSL.field(name(SystemTables.SNAPSHOT_VERSION)), DSL.field(name(TAGS)))
            .from(DSL.table(qualified))
            .where(DSL.field(name(SystemTables.PROJECT)).eq(project))
            .fetch()) {
      Object v = r.get(1);
      if (v != null) {
        out.putIfAbsent(String.valueOf(r.get(0)), SnapshotTags.parse(v.toString()));
      }
    }
    return out;
  }
}
