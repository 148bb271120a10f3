package io.metaxy.sql;

import static org.jooq.impl.DSL.name;

import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Merge-on-read relations over feature tables, built with jOOQ. */
public final class Relations {
  private static final String RN = "__mx_rn";

  private Relations() {}

  /** A typed reference to {@code alias.column}. */
  public static Field<Object> ref(String alias, String column, DataType<?> type) {
    @SuppressWarnings("unchecked")
    DataType<Object> t = (DataType<Object>) (type == null ? DSL.field("x").getDataType() : type);
    return DSL.field(name(alias, column), t);
  }

  /**
   * The latest row per {@code partition} of the rows matching {@code where}: the highest write
   * order value ({@code metaxy_write_seq}: the write that committed last); soft-deleted samples
   * dropped unless {@code keepDeleted}; then {@code after} (filters on the merged rows). The result
   * is aliased {@code alias} with the table's columns. {@code where} gets a resolver of the table's
   * columns under some alias. By default a ROW_NUMBER in a derived table (runs on every dialect);
   * with {@code antiJoin}, the rows of which no newer row exists (NOT EXISTS, probed through the
   * index on the ID columns): H2 re-evaluates a windowed derived table for every row it is joined
   * to.
   */
  public static Table<Record> latest(
      FeatureTable ft,
      List<String> partition,
      Function<Function<String, Field<Object>>, Condition> where,
      boolean keepDeleted,
      Function<Function<String, Field<?>>, Condition> after,
      String alias,
      boolean antiJoin) {
    return latest(ft, partition, where, keepDeleted, after, alias, antiJoin, false);
  }

  /**
   * As {@link #latest(FeatureTable, List, Function, boolean, Function, String, boolean)}; with
   * {@code rows} the result has the table's {@link FeatureTable#rowColumns() row columns}
   * (per-field maps whole) instead of its flat columns.
   */
  public static Table<Record> latest(
      FeatureTable ft,
      List<String> partition,
      Function<Function<String, Field<Object>>, Condition> where,
      boolean keepDeleted,
      Function<Function<String, Field<?>>, Condition> after,
      String alias,
      boolean antiJoin,
      boolean rows) {
    Map<String, DataType<?>> columns = rows ? ft.rowColumns() : ft.columns();
    if (antiJoin) {
      return latestAntiJoin(ft, columns, partition, where, keepDeleted, after, alias);
    }
    String inner = alias + "_s";
    List<SelectField<?>> cols = new ArrayList<>();
    for (String c : columns.keySet()) {
      cols.add(ft.col(c).as(c));
    }
    List<Field<?>> part = new ArrayList<>();
    for (String p : partition) {
      part.add(ft.col(p));
    }
    List<SelectField<?>> withRn = new ArrayList<>(cols);
    withRn.add(
        DSL.rowNumber()
            .over(
                DSL.partitionBy(part)
                    // the row of the write that committed last (ADR-0004, ADR-0005): python
                    // layout by coalesce(deleted_at, updated_at) then write order, seed layout by
                    // write order, assigned under the table's write lock in commit order
                    .orderBy(ft.layout().latestFirst(ft, ft::col)))
            .as(RN));
    Table<Record> s =
        ft.layout().dialect() != null && DialectSql.latestSplitsHistory(ft.layout().dialect())
            ? splitByHistory(ft, part, cols, withRn, where).asTable(inner)
            : DSL.select(withRn).from(ft.table()).where(where.apply(ft::col)).asTable(inner);
    Function<String, Field<?>> resolver =
        c -> columns.containsKey(c) ? ref(inner, c, columns.get(c)) : null;
    Condition c = DSL.field(name(inner, RN), Integer.class).eq(1);
    if (!keepDeleted) {
      c = c.and(DSL.field(name(inner, SystemColumns.DELETED_AT)).isNull());
    }
    if (after != null) {
      c = c.and(after.apply(resolver));
    }
    List<SelectField<?>> outCols = new ArrayList<>();
    for (String col : columns.keySet()) {
      outCols.add(ref(inner, col, columns.get(col)));
    }
    return DSL.select(outCols).from(s).where(c).asTable(alias);
  }

  /**
   * The rows of {@code where} with {@link #RN}, ranked only where a sample has history (ADR-0009):
   * rows whose ID (every ID column non-null) occurs once under {@code where} get rank 1 as they
   * are; the others (IDs occurring more than once, or with a null ID column) are ranked by the
   * window. One grouping of the ID columns tells them apart; the result equals the windowed derived
   * table's rank-1 rows. {@code IN} is spelled out: jOOQ would emulate a row {@code IN} with a
   * correlated {@code EXISTS}, which DuckDB runs several times slower.
   */
  private static org.jooq.Select<Record> splitByHistory(
      FeatureTable ft,
      List<Field<?>> part,
      List<SelectField<?>> cols,
      List<SelectField<?>> withRn,
      Function<Function<String, Field<Object>>, Condition> where) {
    List<Condition> notNull = new ArrayList<>();
    List<Condition> isNull = new ArrayList<>();
    for (Field<?> p : part) {
      notNull.add(p.isNotNull());
      isNull.add(p.isNull());
    }
    var withHistory =
        DSL.select(part)
            .from(ft.table())
            .where(where.apply(ft::col))
            .and(DSL.and(notNull))
            .groupBy(part)
            .having(DSL.count().gt(1));
    List<SelectField<?>> once = new ArrayList<>(cols);
    once.add(DSL.inline(1L).as(RN));
    return DSL.select(once)
        .from(ft.table())
        .where(where.apply(ft::col))
        .and(DSL.and(notNull))
        .and(DSL.condition("({0}) not in ({1})", DSL.list(part), withHistory))
        .unionAll(
            DSL.select(withRn)
                .from(ft.table())
                .where(where.apply(ft::col))
                .and(
                    DSL.or(isNull)
                        .or(DSL.condition("({0}) in ({1})", DSL.list(part), withHistory))));
  }

  private static Table<Record> latestAntiJoin(
      FeatureTable ft,
      Map<String, DataType<?>> columns,
      List<String> partition,
      Function<Function<String, Field<Object>>, Condition> where,
      boolean keepDeleted,
      Function<Function<String, Field<?>>, Condition> after,
      String alias) {
    String inner = alias + "_s";
    String newer = alias + "_n";
    Function<String, Field<Object>> t = c -> ft.col(c, name(inner));
    Function<String, Field<Object>> n = c -> ft.col(c, name(newer));
    List<Condition> probe = new ArrayList<>();
    for (String p : partition) {
      probe.add(n.apply(p).isNotDistinctFrom(t.apply(p)));
    }
    probe.add(where.apply(n));
    probe.add(ft.layout().newer(ft, n, t));
    Condition c =
        where
            .apply(t)
            .andNotExists(DSL.selectOne().from(ft.table().as(newer)).where(DSL.and(probe)));
    if (!keepDeleted) {
      c = c.and(t.apply(SystemColumns.DELETED_AT).isNull());
    }
    if (after != null) {
      c = c.and(after.apply(x -> columns.containsKey(x) ? t.apply(x) : null));
    }
    List<SelectField<?>> outCols = new ArrayList<>();
    for (String col : columns.keySet()) {
      outCols.add(t.apply(col).as(col));
    }
    return DSL.select(outCols).from(ft.table().as(inner)).where(c).asTable(alias);
  }

  /** Every stored row matching {@code where} and {@code after}, aliased. */
  public static Table<Record> all(
      FeatureTable ft,
      Condition where,
      Function<Function<String, Field<?>>, Condition> after,
      String alias) {
    Function<String, Field<?>> resolver = c -> ft.has(c) ? ft.col(c) : null;
    Condition c = where;
    if (after != null) {
      c = c.and(after.apply(resolver));
    }
    List<SelectField<?>> cols = new ArrayList<>();
    for (String col : ft.rowColumns().keySet()) {
      cols.add(ft.col(col).as(col));
    }
    return DSL.select(cols).from(ft.table()).where(c).asTable(alias);
  }
}
