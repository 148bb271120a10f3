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
import java.util.TreeMap;

/**
 * The {@code tags} column of {@code feature_versions} (JSON text, as Python Metaxy keeps it), kept
 * with plain JDBC beside the entity bean. Tables created by older system migrations lack it: a push
 * adds it as a nullable text column, and reading a table without it gives no tags.
 */
final class SnapshotTagsColumn {
  static final String TAGS = "tags";

  private final StoreContext ctx;
  private final String table;
  private final String snapshotColumn;

  SnapshotTagsColumn(StoreContext ctx, String table, String snapshotColumn) {
    this.ctx = ctx;
    this.table = table;
    this.snapshotColumn = snapshotColumn;
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

  /**
   * Adds {@code tags} to every row of one snapshot, in the caller's transaction, keeping the tags
   * the push itself recorded there (the python layout's {@code metaxy} and {@code metaxy-java}).
   */
  void write(Connection c, String project, String snapshotVersion, SnapshotTags tags)
      throws SQLException {
    Map<String, String> stored = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select feature_key, "
                + TAGS
                + " from "
                + table
                + " where project = ? and "
                + snapshotColumn
                + " = ?")) {
      ps.setString(1, project);
      ps.setString(2, snapshotVersion);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "update "
                + table
                + " set "
                + TAGS
                + " = ? where project = ? and "
                + snapshotColumn
                + " = ? and feature_key = ?")) {
      for (Map.Entry<String, String> e : stored.entrySet()) {
        Map<String, String> merged = new TreeMap<>(SnapshotTags.parse(e.getValue()).all());
        merged.putAll(tags.user());
        ps.setString(1, SnapshotTags.withReserved(merged).toColumnJson());
        ps.setString(2, project);
        ps.setString(3, snapshotVersion);
        ps.setString(4, e.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Tags by snapshot version of {@code project}; empty without the column. */
  Map<String, SnapshotTags> read(String project) {
    Map<String, SnapshotTags> out = new HashMap<>();
    Map<String, Integer> columns = ctx.columns(table);
    if (columns == null || !columns.containsKey(TAGS) || !columns.containsKey(snapshotColumn)) {
      return out;
    }
    try (Connection c = ctx.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select "
                    + snapshotColumn
                    + ", "
                    + TAGS
                    + " from "
                    + table
                    + " where project = ?")) {
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
