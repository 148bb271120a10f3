package io.metaxy.adapter.ebean.internal;

import io.metaxy.adapter.ebean.EntityFeature;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DDL of feature tables (with {@code auto_create_tables}): entity tables from their mapping, other
 * tables from the value types of the first rows written, widened by later rows; an index on the ID
 * columns and a unique index on {@code metaxy_write_seq}. All DDL runs under the schema lock
 * ({@link TableLocks#withSchemaLock}) and re-checks the table first, so several processes creating
 * the same table never fail.
 */
public final class FeatureTables {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureTables.class);
  private static final Set<String> SYSTEM = Set.copyOf(SystemColumns.ALL);

  private final StoreContext ctx;

  public FeatureTables(StoreContext ctx) {
    this.ctx = ctx;
  }

  private Dialect dialect() {
    return ctx.dialect();
  }

  /** Creates the table of an entity feature when missing (and adds a missing write order). */
  public void ensureEntityTable(EntityFeature e) {
    String table = ctx.tableOf(e.spec().key());
    Map<String, Integer> cols = ctx.columns(table);
    if (cols != null && cols.containsKey(Jdbc.WRITE_SEQ)) {
      return;
    }
    if (!ctx.settings().autoCreateTables()) {
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE,
          cols == null
              ? "Table "
                  + table
                  + " of feature "
                  + e.spec().key()
                  + " does not exist: apply the feature migrations or enable auto_create_tables."
              : "Table "
                  + table
                  + " of feature "
                  + e.spec().key()
                  + " has no column "
                  + Jdbc.WRITE_SEQ
                  + " (the write order, from EbeanFeature): generate and apply a feature"
                  + " migration, or enable auto_create_tables.");
    }
    locked(
        table,
        () -> {
          ctx.shared().forget(table);
          Map<String, Integer> now = ctx.columns(table);
          if (now == null) {
            List<String> defs = new ArrayList<>();
            for (EntityMapping.Column p : ctx.mapping(e).columns()) {
              defs.add(dialect().id(p.column()) + " " + entityColumnType(p));
            }
            execute("create table " + table + " (" + String.join(", ", defs) + ")");
            createIndexes(e.spec().key(), table);
          } else if (!now.containsKey(Jdbc.WRITE_SEQ)) {
            addWriteSeq(table);
          }
        });
  }

  private String entityColumnType(EntityMapping.Column p) {
    String c = p.column();
    if (c.endsWith("_by_field")) {
      return dialect().textType();
    }
    if (c.equals(Jdbc.ROW_ID)) {
      return dialect().varchar(36) + " not null primary key";
    }
    if (c.equals(Jdbc.WRITE_SEQ)) {
      return dialect().bigintType();
    }
    if (SystemColumns.isReserved(c) && p.type() == String.class) {
      return dialect().varchar(c.equals(SystemColumns.MATERIALIZATION_ID) ? 255 : 128);
    }
    return dialect().sqlType(p.type());
  }

  /**
   * The columns of a feature's table, ready for {@code rows}: without entity class, creates or
   * widens it from the rows' value types (with {@code auto_create_tables}); always makes sure the
   * write order column exists.
   */
  public Map<String, Integer> ensureTable(FeatureKey feature, String table, List<Row> rows) {
    Map<String, Integer> cols = ctx.columns(table);
    Map<String, Class<?>> types = new LinkedHashMap<>();
    for (Row r : rows) {
      r.asMap()
          .forEach(
              (k, v) -> {
                if (!SYSTEM.contains(k) && (types.get(k) == null) && v != null) {
                  types.put(k, v.getClass());
                } else {
                  types.putIfAbsent(k, null);
                }
              });
    }
    if (cols == null) {
      if (!ctx.settings().autoCreateTables()) {
        throw new MetaxyException(
            ErrorCode.STORE_FAILURE,
            "Table "
                + table
                + " of feature "
                + feature
                + " does not exist: apply the feature migrations or enable auto_create_tables.");
      }
      List<String> defs = new ArrayList<>();
      defs.add(dialect().id(Jdbc.ROW_ID) + " " + dialect().varchar(36) + " not null primary key");
      List<String> idCols = ctx.spec(feature).idColumns();
      for (Map.Entry<String, Class<?>> e : types.entrySet()) {
        if (!SystemColumns.isReserved(e.getKey())) {
          boolean isId = idCols.contains(e.getKey());
          String type =
              isId && (e.getValue() == null || e.getValue() == String.class)
                  ? dialect().idStringType()
                  : userType(e.getValue());
          defs.add(dialect().id(e.getKey()) + " " + type);
        }
      }
      for (String s : SystemColumns.ALL) {
        defs.add(dialect().id(s) + " " + systemType(s));
      }
      defs.add(dialect().id(Jdbc.WRITE_SEQ) + " " + dialect().bigintType());
      locked(
          table,
          () -> {
            ctx.shared().forget(table);
            if (ctx.columns(table) == null) {
              execute("create table " + table + " (" + String.join(", ", defs) + ")");
              createIndexes(feature, table);
            }
          });
      ctx.shared().forget(table);
      return ensureTable(feature, table, rows);
    }
    List<String> missing = new ArrayList<>();
    for (String k : types.keySet()) {
      if (!has(cols, k)) {
        missing.add(k);
      }
    }
    boolean needsSeq = !cols.containsKey(Jdbc.WRITE_SEQ);
    if (missing.isEmpty() && !needsSeq) {
      return cols;
    }
    if (!ctx.settings().autoCreateTables()) {
      if (!missing.isEmpty()) {
        throw new MetaxyException(
            ErrorCode.INVALID_ROW,
            "Feature "
                + feature
                + ": table "
                + table
                + " has no column(s) "
                + missing
                + ": add them with a feature migration or enable auto_create_tables.");
      }
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE,
          "Feature "
              + feature
              + ": table "
              + table
              + " has no column "
              + Jdbc.WRITE_SEQ
              + " (the write order): add it (bigint, unique) with a feature migration or enable"
              + " auto_create_tables.");
    }
    locked(
        table,
        () -> {
          ctx.shared().forget(table);
          Map<String, Integer> now = ctx.columns(table);
          for (String m : missing) {
            if (!has(now, m)) {
              String type = SystemColumns.isReserved(m) ? systemType(m) : userType(types.get(m));
              execute("alter table " + table + " add column " + dialect().id(m) + " " + type);
            }
          }
          if (!now.containsKey(Jdbc.WRITE_SEQ)) {
            addWriteSeq(table);
          }
        });
    ctx.shared().forget(table);
    return ctx.columns(table);
  }

  private static boolean has(Map<String, Integer> cols, String k) {
    return cols.containsKey(k) || cols.containsKey(k.toLowerCase(Locale.ROOT));
  }

  private void addWriteSeq(String table) {
    LOG.info("Adding the write order column {} to {}", Jdbc.WRITE_SEQ, table);
    execute(
        "alter table "
            + table
            + " add column "
            + dialect().id(Jdbc.WRITE_SEQ)
            + " "
            + dialect().bigintType());
    execute(
        "create unique index "
            + dialect().id(indexName("ux", table))
            + " on "
            + table
            + " ("
            + dialect().id(Jdbc.WRITE_SEQ)
            + ")");
  }

  private void createIndexes(FeatureKey feature, String table) {
    Dialect d = dialect();
    execute(
        "create index "
            + d.id(indexName("ix", table))
            + " on "
            + table
            + " ("
            + String.join(", ", ctx.spec(feature).idColumns().stream().map(d::id).toList())
            + ")");
    execute(
        "create unique index "
            + d.id(indexName("ux", table))
            + " on "
            + table
            + " ("
            + d.id(Jdbc.WRITE_SEQ)
            + ")");
  }

  private static String indexName(String prefix, String table) {
    String hash = Integer.toHexString(table.hashCode() & 0xffffff);
    String name = prefix + "_" + table.replaceAll("[^A-Za-z0-9_]", "") + "_" + hash;
    if (name.length() > 60) {
      name = name.substring(0, 50) + "_" + hash;
    }
    return name;
  }

  private String userType(Class<?> type) {
    return type == null ? dialect().stringType() : dialect().sqlType(type);
  }

  private String systemType(String column) {
    return systemType(dialect(), column);
  }

  private static String systemType(Dialect d, String column) {
    return switch (column) {
      case SystemColumns.PROVENANCE_BY_FIELD, SystemColumns.DATA_VERSION_BY_FIELD -> d.textType();
      case SystemColumns.CREATED_AT, SystemColumns.UPDATED_AT, SystemColumns.DELETED_AT ->
          d.timestampType();
      case SystemColumns.MATERIALIZATION_ID -> d.varchar(255);
      default -> d.varchar(128);
    };
  }

  /**
   * The DDL of the table of a feature known only by its spec: row id, ID columns (strings), every
   * system column and the write order, an index on the ID columns and a unique one on the order.
   */
  public static List<String> specTable(Dialect d, String table, List<String> idColumns) {
    List<String> defs = new ArrayList<>();
    defs.add(d.id(Jdbc.ROW_ID) + " " + d.varchar(36) + " not null primary key");
    for (String id : idColumns) {
      defs.add(d.id(id) + " " + d.idStringType());
    }
    for (String s : SystemColumns.ALL) {
      defs.add(d.id(s) + " " + systemType(d, s));
    }
    defs.add(d.id(Jdbc.WRITE_SEQ) + " " + d.bigintType());
    return List.of(
        "create table " + table + " (" + String.join(", ", defs) + ")",
        "create index "
            + d.id(indexName("ix", table))
            + " on "
            + table
            + " ("
            + String.join(", ", idColumns.stream().map(d::id).toList())
            + ")",
        "create unique index "
            + d.id(indexName("ux", table))
            + " on "
            + table
            + " ("
            + d.id(Jdbc.WRITE_SEQ)
            + ")");
  }

  private void locked(String table, Runnable ddl) {
    TableLocks.withDdlLock(
        ctx.dataSource(),
        dialect(),
        table,
        () -> {
          ddl.run();
          return null;
        });
  }

  private void execute(String sql) {
    try (Connection c = ctx.dataSource().getConnection()) {
      c.setAutoCommit(true);
      try (var st = c.createStatement()) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw Jdbc.failure("DDL `" + sql + "`", e);
    }
  }
}
