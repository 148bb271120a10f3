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
 * DDL of feature tables (with {@code auto_create_tables}) in the store's {@link PhysicalLayout}:
 * entity tables from their mapping, other tables from the value types of the first rows written,
 * widened by later rows; ID and user columns first, then the system columns in the layout's order,
 * then (seed layout only) {@code metaxy_write_seq} (nullable) with a unique index; an index on the
 * ID columns. The python layout has no write order column (Python Metaxy 0.1.11 refuses to join two
 * upstream tables that both carry a column it does not know), and tables Python created are never
 * altered for it: Java's writes are ordered by their {@code metaxy_updated_at} stamps ({@link
 * FeatureWriter}). All DDL runs under the schema lock ({@link TableLocks#withSchemaLock}) and
 * re-checks the table first, so several processes creating the same table never fail.
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

  private PhysicalLayout layout() {
    return ctx.layout();
  }

  /**
   * Creates the table of an entity feature when missing (and, in the seed layout, adds a missing
   * write order).
   */
  public void ensureEntityTable(EntityFeature e) {
    String table = ctx.tableOf(e.spec().key());
    Map<String, Integer> cols = ctx.columns(table);
    if (cols != null && (layout().isPython() || cols.containsKey(Jdbc.WRITE_SEQ))) {
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
                  + " (the seed layout's write order): add it (bigint, nullable, unique) with a"
                  + " feature migration, or enable auto_create_tables.");
    }
    locked(
        table,
        () -> {
          ctx.shared().forget(table);
          Map<String, Integer> now = ctx.columns(table);
          if (now == null) {
            Map<String, String> user = new LinkedHashMap<>();
            for (EntityMapping.Column p : ctx.mapping(e).columns()) {
              if (!SystemColumns.isReserved(p.column())) {
                boolean isId = e.spec().idColumns().contains(p.column());
                user.put(
                    p.column(),
                    isId && p.type() == String.class
                        ? dialect().idStringType()
                        : dialect().sqlType(p.type()));
              }
            }
            execute(
                "create table "
                    + table
                    + " ("
                    + String.join(", ", columnDefs(layout(), user))
                    + ")");
            createIndexes(e.spec().key(), table);
          } else if (!layout().isPython() && !now.containsKey(Jdbc.WRITE_SEQ)) {
            addWriteSeq(table);
          }
        });
  }

  /**
   * The column definitions of a feature table in the layout's order: (seed: the row id,) the ID and
   * user columns {@code user} (name → SQL type), the system columns, (seed:) the write order.
   */
  static List<String> columnDefs(PhysicalLayout layout, Map<String, String> user) {
    Dialect d = layout.dialect();
    List<String> defs = new ArrayList<>();
    if (layout.rowIds()) {
      defs.add(d.id(Jdbc.ROW_ID) + " " + d.varchar(36) + " not null primary key");
    }
    user.forEach((name, type) -> defs.add(d.id(name) + " " + type));
    for (String s : layout.systemColumns()) {
      defs.add(d.id(layout.physical(s)) + " " + layout.systemType(s));
    }
    if (!layout.isPython()) {
      defs.add(d.id(Jdbc.WRITE_SEQ) + " " + d.bigintType());
    }
    return defs;
  }

  /**
   * The columns of a feature's table, ready for {@code rows}: without entity class, creates or
   * widens it from the rows' value types (with {@code auto_create_tables}); in the seed layout
   * makes sure the write order column exists.
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
      Map<String, String> user = new LinkedHashMap<>();
      List<String> idCols = ctx.spec(feature).idColumns();
      for (String id : idCols) {
        Class<?> t = types.get(id);
        user.put(id, t == null || t == String.class ? dialect().idStringType() : userType(t));
      }
      for (Map.Entry<String, Class<?>> e : types.entrySet()) {
        if (!SystemColumns.isReserved(e.getKey()) && !user.containsKey(e.getKey())) {
          user.put(e.getKey(), userType(e.getValue()));
        }
      }
      List<String> defs = columnDefs(layout(), user);
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
      if (!has(cols, layout().physical(k))) {
        missing.add(k);
      }
    }
    boolean needsSeq = !layout().isPython() && !cols.containsKey(Jdbc.WRITE_SEQ);
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
              + " (the write order): add it (bigint, nullable, unique) with a feature migration"
              + " or enable auto_create_tables.");
    }
    locked(
        table,
        () -> {
          ctx.shared().forget(table);
          Map<String, Integer> now = ctx.columns(table);
          for (String m : missing) {
            String physical = layout().physical(m);
            if (!has(now, physical)) {
              String type =
                  SystemColumns.isReserved(m) ? layout().systemType(m) : userType(types.get(m));
              execute(
                  "alter table " + table + " add column " + dialect().id(physical) + " " + type);
            }
          }
          if (needsSeq && !now.containsKey(Jdbc.WRITE_SEQ)) {
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
    seedWriteOrder(dialect(), table).forEach(this::execute);
  }

  /**
   * The DDL adding the seed layout's write order column {@code metaxy_write_seq} (bigint, nullable)
   * and its unique index to {@code table}.
   */
  public static List<String> seedWriteOrder(Dialect d, String table) {
    return List.of(
        "alter table " + table + " add column " + d.id(Jdbc.WRITE_SEQ) + " " + d.bigintType(),
        "create unique index "
            + d.id(indexName("ux", table))
            + " on "
            + table
            + " ("
            + d.id(Jdbc.WRITE_SEQ)
            + ")");
  }

  private void createIndexes(FeatureKey feature, String table) {
    for (String ddl : indexes(layout(), table, ctx.spec(feature).idColumns())) {
      execute(ddl);
    }
  }

  private static List<String> indexes(PhysicalLayout layout, String table, List<String> idColumns) {
    Dialect d = layout.dialect();
    List<String> out = new ArrayList<>();
    out.add(
        "create index "
            + d.id(indexName("ix", table))
            + " on "
            + table
            + " ("
            + String.join(", ", idColumns.stream().map(d::id).toList())
            + ")");
    if (!layout.isPython()) {
      out.add(
          "create unique index "
              + d.id(indexName("ux", table))
              + " on "
              + table
              + " ("
              + d.id(Jdbc.WRITE_SEQ)
              + ")");
    }
    return out;
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

  /**
   * The DDL of the table of a feature known only by its spec in {@code layout}: (seed: row id,) ID
   * columns (strings), every system column and (seed:) the write order, an index on the ID columns
   * and (seed:) a unique one on the order.
   */
  public static List<String> specTable(
      PhysicalLayout layout, String table, List<String> idColumns) {
    Dialect d = layout.dialect();
    Map<String, String> ids = new LinkedHashMap<>();
    idColumns.forEach(id -> ids.put(id, d.idStringType()));
    List<String> out = new ArrayList<>();
    out.add("create table " + table + " (" + String.join(", ", columnDefs(layout, ids)) + ")");
    out.addAll(indexes(layout, table, idColumns));
    return out;
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
