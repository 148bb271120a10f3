package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.sql.BulkWriter;
import io.metaxy.sql.Catalog;
import io.metaxy.sql.SqlDialect;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Appends completed, stamped rows through the shared bulk path ({@link BulkWriter}: PostgreSQL
 * {@code COPY}, MariaDB JDBC batches) on the write's own connection, inside its transaction and
 * under its lock. Used for python-layout tables of features without entity class on PostgreSQL and
 * MariaDB ({@link #applies}); elsewhere the writer binds rows itself.
 */
final class BulkRows {
  private BulkRows() {}

  /**
   * Whether the rows of {@code feature} go through the bulk path: python layout (no row ids, no
   * write order), no entity class, PostgreSQL or MariaDB (H2 folds the store's unquoted table names
   * to upper case).
   */
  static boolean applies(StoreContext ctx, FeatureKey feature, boolean rowIds, boolean seq) {
    return ctx.layout().isPython()
        && !rowIds
        && !seq
        && ctx.entity(feature) == null
        && (ctx.dialect() == Dialect.POSTGRES || ctx.dialect() == Dialect.MARIADB);
  }

  /**
   * Appends {@code rows}' values of the row columns {@code names} to {@code feature}'s table;
   * returns {@code false}, having written nothing, when a value has no bulk form (binary data), so
   * the caller binds the rows itself.
   */
  static boolean append(
      StoreContext ctx, Connection c, FeatureKey feature, List<String> names, List<Row> rows)
      throws SQLException {
    SqlDialect dialect =
        ctx.dialect() == Dialect.POSTGRES ? SqlDialect.POSTGRES : SqlDialect.MARIADB;
    String table = ctx.settings().tableNaming().tableName(feature);
    Map<String, DataType<?>> all = new Catalog(dialect, null).columns(c, table);
    Map<String, DataType<?>> cols = new LinkedHashMap<>();
    List<String> physical = new ArrayList<>(names.size());
    boolean[] text = new boolean[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String p = ctx.layout().physical(names.get(i));
      DataType<?> t = all.get(p);
      if (t == null) {
        return false; // a column the catalog does not show under this name: bind row by row
      }
      physical.add(p);
      cols.put(p, t);
      text[i] = t.isString();
    }
    for (Row r : rows) {
      for (String n : names) {
        if (r.get(n) instanceof byte[]) {
          return false;
        }
      }
    }
    // each row's values are converted when the bulk path reaches the row, not all up front: a
    // call's rows are in memory once
    List<Map<String, Object>> values =
        new AbstractList<>() {
          @Override
          public Map<String, Object> get(int index) {
            Row r = rows.get(index);
            Map<String, Object> m = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
              m.put(physical.get(i), value(r.get(names.get(i)), text[i]));
            }
            return m;
          }

          @Override
          public int size() {
            return rows.size();
          }
        };
    DSLContext dsl =
        DSL.using(
            c,
            dialect.sqlDialect(),
            new Settings()
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                .withExecuteLogging(false));
    BulkWriter.write(dialect, dsl, c, null, DSL.name(table), cols, values);
    return true;
  }

  /**
   * A value as the bulk path takes it, converted as the row-by-row binding does: times as UTC
   * {@code LocalDateTime} in microseconds, enums by name, UUIDs and numbers bound to text columns
   * as text, maps whole (written as compact sorted JSON).
   */
  private static Object value(Object v, boolean textColumn) {
    if (v instanceof Instant i) {
      return LocalDateTime.ofInstant(i.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
    if (v instanceof OffsetDateTime o) {
      return value(o.toInstant(), textColumn);
    }
    if (v instanceof LocalDateTime l) {
      return l.truncatedTo(ChronoUnit.MICROS);
    }
    if (v instanceof BigInteger b) {
      return b.longValueExact();
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof UUID || v instanceof Character || (v instanceof Number && textColumn)) {
      return v.toString();
    }
    return v;
  }
}
