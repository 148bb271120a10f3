package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.ports.system.SnapshotTags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code tags} column of {@code feature_versions} (JSON text, as Python Metaxy keeps it), kept
 * with plain JDBC beside the entity bean. Tables created by older system migrations lack it: a push
 * adds it as a nullable text column, and reading a table without it gives no tags.
 */
final class SnapshotTagsColumn {
  static final String TAGS = "tags";

  private final StoreContext ctx;
  private final String table;

  SnapshotTagsColumn(StoreContext ctx, String table) {
    this.ctx = ctx;
    this.table = table;
  }

  private boolean has() {
    Map<String, Integer> columns = ctx.columns(table);
    return columns != null && columns.containsKey(TAGS);
  }

  /** Adds the column when missing (another process adding it meanwhile is fine). */
  void ensure() {
    if (has()) {
      return;
    }
    try (Connection c = ctx.dataSource().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("alter table " + table + " add column " + TAGS + " " + ctx.dialect().textType());
    } catch (SQLException e) {
      ctx.shared().forget(table);
      if (!has()) {
        throw new MetaxyException(
            ErrorCode.STORE_FAILURE,
            "Cannot add the tags column to the system table " + table + ": " + e.getMessage(),
            e);
      }
    }
    ctx.shared().forget(table);
  }

  /** Stores {@code tags} on every row of one snapshot, in the caller's transaction. */
  void write(Connection c, String project, String snapshotVersion, SnapshotTags tags)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update "
                + table
                + " set "
                + TAGS
                + " = ? where project = ? and snapshot_version = ?")) {
      ps.setString(1, tags.toColumnJson());
      ps.setString(2, project);
      ps.setString(3, snapshotVersion);
      ps.executeUpdate();
    }
  }

  /** Tags by snapshot version of {@code project}; empty without the column. */
  Map<String, SnapshotTags> read(String project) {
    Map<String, SnapshotTags> out = new HashMap<>();
    if (!has()) {
      return out;
    }
    try (Connection c = ctx.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select snapshot_version, " + TAGS + " from " + table + " where project = ?")) {
      ps.setString(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String v = rs.getString(2);
          if (v != null) {
            out.putIfAbsent(rs.getString(1), SnapshotTags.parse(v));
          }
        }
      }
    } catch (SQLException e) {
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE,
          "Cannot read the tags of the system table " + table + ": " + e.getMessage(),
          e);
    }
    return out;
  }
}
