package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.DialectSql;
import io.metaxy.sql.FeatureTable;
import io.metaxy.sql.FeatureTableLayout;
import io.metaxy.sql.Layout;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DDL of feature tables: declared and system columns, CREATE TABLE / ADD COLUMN, the ID index. */
final class FeatureTables {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureTables.class);

  private final StoreContext cx;
  private final StoreSettings settings;
  private final JooqStoreConfig config;
  private final DialectSql sql;
  private final Catalog catalog;
  private final GraphVersions versions;

  FeatureTables(StoreContext cx) {
    this.cx = cx;
    this.settings = cx.settings();
    this.config = cx.config();
    this.sql = cx.sql();
    this.catalog = cx.catalog();
    this.versions = cx.versions();
  }

  void createSchema(DSLContext ctx, String schema) {
    if (config.dialect() == JooqDialect.MARIADB) {
      ctx.execute(
          "CREATE DATABASE IF NOT EXISTS "
              + ctx.render(name(schema))
              + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    } else {
      try {
        ctx.createSchemaIfNotExists(name(schema)).execute();
      } catch (DataAccessException e) {
        // PostgreSQL: a concurrent CREATE SCHEMA IF NOT EXISTS can still fail on the catalog's
        // unique index; the schema then exists
        if (!cx.catalog().schemaExists(ctx, schema)) {
          throw e;
        }
      }
    }
  }

  Map<String, DataType<?>> declaredColumns(FeatureKey feature) {
    Map<String, DataType<?>> out = new LinkedHashMap<>();
    JooqFeature f = config.features().get(feature);
    FeatureSpec spec = settings.graph().get(feature);
    if (f != null) {
      for (JooqColumn c : f.columns()) {
        DataType<?> t = c.type().nullable(c.nullable());
        out.put(c.name(), t.isString() ? sql.stringType().nullable(c.nullable()) : t);
      }
    }
    for (String id : spec.idColumns()) {
      out.putIfAbsent(id, sql.idStringType());
    }
    out.putAll(systemColumns(spec));
    return out;
  }

  /**
   * The system columns of a feature table for the current spec (see {@link FeatureTableLayout}).
   */
  Map<String, DataType<?>> systemColumns(FeatureSpec spec) {
    List<String> keys = StoreContext.structKeys(spec);
    return cx.layout().systemColumns(sql, keys, keys);
  }

  /**
   * DuckDB, python layout: the struct members each map column needs for {@code keys} (the spec's
   * struct keys and any written); empty for other databases and layouts.
   */
  Map<String, List<String>> structMembers(FeatureSpec spec, java.util.Collection<String> keys) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (cx.layout().python() && config.dialect() == JooqDialect.DUCKDB) {
      java.util.TreeSet<String> all = new java.util.TreeSet<>(StoreContext.structKeys(spec));
      all.addAll(keys);
      out.put(SystemColumns.PROVENANCE_BY_FIELD, new ArrayList<>(all));
      out.put(SystemColumns.DATA_VERSION_BY_FIELD, new ArrayList<>(all));
    }
    return out;
  }

  /**
   * Makes sure the feature's table has {@code wanted} columns: creates the table or adds columns
   * with auto_create_tables (holding the table's DDL locks, see {@link WriteLock#tableDdl}, so that
   * processes creating it at once do not race), otherwise fails naming what is missing.
   */
  FeatureTable ensureTable(
      DSLContext ctx,
      Connection c,
      FeatureKey feature,
      Map<String, DataType<?>> wanted,
      Map<String, List<String>> members,
      boolean create) {
    FeatureTable ft = cx.describe(c, feature);
    if (ft.exists() && complete(ft, wanted, members)) {
      for (String col : wanted.keySet()) {
        cx.checkIdentifier(col, "column \"" + col + "\" of feature " + feature);
      }
      return ft;
    }
    try {
      return WriteLock.tableDdl(
          cx,
          c,
          ft.name().last(),
          () -> ensureTableUnlocked(ctx, c, feature, wanted, members, create));
    } catch (SQLException e) {
      throw cx.failure("create the table of", feature, e);
    }
  }

  /** Whether the table has every wanted physical column and struct member. */
  private static boolean complete(
      FeatureTable ft, Map<String, DataType<?>> wanted, Map<String, List<String>> members) {
    if (!ft.physicalColumns().keySet().containsAll(wanted.keySet())) {
      return false;
    }
    for (Map.Entry<String, List<String>> e : members.entrySet()) {
      if (!ft.structMembers(e.getKey()).containsAll(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private FeatureTable ensureTableUnlocked(
      DSLContext ctx,
      Connection c,
      FeatureKey feature,
      Map<String, DataType<?>> wanted,
      Map<String, List<String>> members,
      boolean create) {
    FeatureTable ft = cx.describe(c, feature);
    if (!ft.exists() || !complete(ft, wanted, members)) {
      cx.shared().described.remove(cx.tableName(feature));
      ft = cx.describe(c, feature);
    }
    for (String col : wanted.keySet()) {
      cx.checkIdentifier(col, "column \"" + col + "\" of feature " + feature);
    }
    if (!ft.exists()) {
      if (!create) {
        throw new MetaxyException(
            ErrorCode.STORE_FAILURE,
            "Feature "
                + feature
                + " has no table "
                + ft.name()
                + " in the "
                + config.dialect().type()
                + " store: enable auto_create_tables, or generate and apply the feature migrations"
                + " (JooqSchemaMigrator).");
      }
      try {
        cx.systemTables().createTable(ctx, ft.name(), wanted);
        createIdIndex(ctx, ft.name(), settings.graph().get(feature).idColumns());
      } catch (DataAccessException e) {
        FeatureTable again = cx.describe(c, feature);
        if (!again.exists()) {
          throw e;
        }
        return ensureTableUnlocked(
            ctx, c, feature, wanted, members, create); // created concurrently
      }
      LOG.info("Created table {} for feature {}", ft.name(), feature);
      cx.shared().described.remove(cx.tableName(feature));
      return cx.describe(c, feature);
    }
    List<String> missing = new ArrayList<>();
    for (String col : wanted.keySet()) {
      if (!ft.hasPhysical(col)) {
        missing.add(col);
      }
    }
    List<String> missingMembers = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : members.entrySet()) {
      for (String k : e.getValue()) {
        if (ft.hasPhysical(e.getKey()) && !ft.structMembers(e.getKey()).contains(k)) {
          missingMembers.add(e.getKey() + "." + k);
        }
      }
    }
    if (missing.isEmpty() && missingMembers.isEmpty()) {
      return ft;
    }
    // a table Python wrote has no write order column: Java adds it before its first write
    boolean onlyWriteSeq = missing.equals(List.of(Layout.WRITE_SEQ)) && missingMembers.isEmpty();
    if (!create && !onlyWriteSeq) {
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE,
          "The table "
              + ft.name()
              + " of feature "
              + feature
              + " lacks the columns "
              + (missingMembers.isEmpty() ? missing : concat(missing, missingMembers))
              + ": enable auto_create_tables, or generate and apply the feature migrations"
              + " (JooqSchemaMigrator).");
    }
    List<String> ids = settings.graph().get(feature).idColumns();
    boolean dropIndex = config.dialect() == JooqDialect.DUCKDB;
    if (dropIndex) {
      // DuckDB cannot alter a table that has an index: drop the ID index, alter, re-create it
      String idx = idIndexName(ft.name(), ids);
      ctx.dropIndexIfExists(
              ft.name().qualified() ? name(ft.name().qualifier(), name(idx)) : name(idx))
          .execute();
    }
    try {
      alter(ctx, c, feature, ft, wanted, missing, missingMembers);
    } finally {
      if (dropIndex) {
        createIdIndex(ctx, ft.name(), ids);
      }
    }
    cx.shared().described.remove(cx.tableName(feature));
    return cx.describe(c, feature);
  }

  private void alter(
      DSLContext ctx,
      Connection c,
      FeatureKey feature,
      FeatureTable ft,
      Map<String, DataType<?>> wanted,
      List<String> missing,
      List<String> missingMembers) {
    for (String col : missing) {
      try {
        ctx.alterTable(ft.name())
            .addColumn(DSL.field(name(col), wanted.get(col).nullable(true)))
            .execute();
      } catch (DataAccessException e) {
        // another store instance added it meanwhile (embedded databases: no DDL lock)
        cx.shared().described.remove(cx.tableName(feature));
        if (!cx.describe(c, feature).hasPhysical(col)) {
          throw e;
        }
      }
    }
    for (String member : missingMembers) {
      // DuckDB widens a struct column in place; older rows read the new member as null
      int dot = member.indexOf('.');
      ctx.execute(
          "ALTER TABLE "
              + ctx.render(ft.name())
              + " ADD COLUMN "
              + FeatureTableLayout.quoteDuck(member.substring(0, dot))
              + "."
              + FeatureTableLayout.quoteDuck(member.substring(dot + 1))
              + " VARCHAR");
      LOG.info(
          "Widened {} of table {} with the field {}",
          member.substring(0, dot),
          ft.name(),
          member.substring(dot + 1));
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** An index on the ID columns: merge-on-read and created_at lookups probe by ID. */
  void createIdIndex(DSLContext ctx, Name table, List<String> idColumns) {
    ctx.createIndexIfNotExists(name(idIndexName(table, idColumns)))
        .on(DSL.table(table), idIndexColumns(idColumns))
        .execute();
  }

  /** The name of the index on a feature table's ID columns ({@code table} qualified). */
  static String idIndexName(Name table, List<String> idColumns) {
    return "mx_idx_"
        + Integer.toHexString(table.toString().hashCode())
        + "_"
        + Integer.toHexString(idColumns.hashCode());
  }

  static Field<?>[] idIndexColumns(List<String> idColumns) {
    List<Field<?>> cols = new ArrayList<>();
    for (String id : idColumns) {
      cols.add(DSL.field(name(id)));
    }
    return cols.toArray(new Field<?>[0]);
  }
}
