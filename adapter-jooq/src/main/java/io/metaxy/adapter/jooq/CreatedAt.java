package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

import io.metaxy.adapter.jooq.internal.FeatureTable;
import io.metaxy.adapter.jooq.internal.Layout;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RowN;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * created_at of written rows: a sample keeps the created_at of its first row. On PostgreSQL,
 * MariaDB and H2 it is looked up for the written samples, under the write lock, before the rows are
 * inserted ({@link #fill}: indexed lookups of at most {@value #CHUNK} samples each, no UPDATE of
 * the table — a whole-table UPDATE deadlocked concurrent MariaDB writers); on DuckDB (one writer
 * process) the new rows are updated after the append ({@link #backFill}).
 */
final class CreatedAt {
  static final int CHUNK = 500;
  private final JooqDialect dialect;

  CreatedAt(JooqDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Sets created_at of every prepared row that has none: the earliest stored created_at of its
   * sample, else {@code now}; {@code stored}: whether the table has rows at all (none: no lookup).
   */
  void fill(
      DSLContext ctx,
      FeatureTable ft,
      FeatureSpec spec,
      List<Map<String, Object>> prepared,
      LocalDateTime now,
      boolean stored) {
    List<String> ids = spec.idColumns();
    Map<List<String>, List<Object>> wanted = new LinkedHashMap<>();
    for (Map<String, Object> p : prepared) {
      if (p.get(SystemColumns.CREATED_AT) == null) {
        List<Object> key = key(p, ids);
        wanted.putIfAbsent(text(key), key);
      }
    }
    Map<List<String>, LocalDateTime> earliest = new HashMap<>();
    Field<LocalDateTime> created = DSL.field(name(SystemColumns.CREATED_AT), LocalDateTime.class);
    List<Field<?>> idFields = new ArrayList<>();
    for (String id : ids) {
      idFields.add(ft.col(id));
    }
    List<List<Object>> keys = new ArrayList<>(wanted.values());
    for (int from = 0; stored && from < keys.size(); from += CHUNK) {
      List<List<Object>> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
      Condition in;
      if (ids.size() == 1) {
        @SuppressWarnings("unchecked")
        Field<Object> f = (Field<Object>) idFields.get(0);
        in = f.in(chunk.stream().map(k -> k.get(0)).toList());
      } else {
        List<RowN> rows = new ArrayList<>();
        for (List<Object> k : chunk) {
          rows.add(DSL.row(k.toArray()));
        }
        in = DSL.row(idFields).in(rows);
      }
      List<SelectField<?>> sel = new ArrayList<>(idFields);
      sel.add(DSL.min(created));
      for (Record r :
          ctx.select(sel)
              .from(ft.table())
              .where(in)
              .and(created.isNotNull())
              .groupBy(idFields)
              .fetch()) {
        List<Object> key = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
          key.add(r.get(i));
        }
        earliest.put(text(key), r.get(ids.size(), LocalDateTime.class));
      }
    }
    for (Map<String, Object> p : prepared) {
      if (p.get(SystemColumns.CREATED_AT) == null) {
        p.put(SystemColumns.CREATED_AT, earliest.getOrDefault(text(key(p, ids)), now));
      }
    }
  }

  private static List<Object> key(Map<String, Object> p, List<String> ids) {
    List<Object> key = new ArrayList<>(ids.size());
    for (String id : ids) {
      key.add(p.get(id));
    }
    return key;
  }

  /** A sample key compared as text (the database may hand back another numeric type). */
  private static List<String> text(List<Object> key) {
    List<String> out = new ArrayList<>(key.size());
    for (Object v : key) {
      out.add(
          v instanceof Number n && !(v instanceof Double || v instanceof Float)
              ? Long.toString(n.longValue())
              : String.valueOf(v));
    }
    return out;
  }

  /**
   * After the append: sets created_at of the new rows (order value above {@code base}) that have
   * none to the earliest stored one of their sample, else {@code now} (on an empty table, base 0,
   * only the latter).
   */
  void backFill(DSLContext ctx, FeatureTable ft, FeatureSpec spec, long base, LocalDateTime now) {
    Field<LocalDateTime> created =
        DSL.field(ft.name().append(SystemColumns.CREATED_AT), LocalDateTime.class);
    Field<Long> seq = DSL.field(ft.name().append(Layout.WRITE_SEQ), Long.class);
    if (base > 0) {
      List<Field<?>> ids = new ArrayList<>();
      List<SelectField<?>> sel = new ArrayList<>();
      for (String id : spec.idColumns()) {
        ids.add(ft.col(id));
        sel.add(ft.col(id).as(id));
      }
      sel.add(DSL.min(created).as("__mx_c"));
      switch (dialect) {
        case POSTGRES, DUCKDB -> {
          Table<Record> x =
              DSL.select(sel)
                  .from(ft.table())
                  .where(seq.le(base).and(created.isNotNull()))
                  .groupBy(ids)
                  .asTable("x");
          List<Condition> on = new ArrayList<>();
          for (String id : spec.idColumns()) {
            on.add(ft.col(id).eq(DSL.field(name("x", id))));
          }
          ctx.update(ft.table())
              .set(
                  DSL.field(name(SystemColumns.CREATED_AT), LocalDateTime.class),
                  DSL.field(name("x", "__mx_c"), LocalDateTime.class))
              .from(x)
              .where(DSL.and(on))
              .and(seq.gt(base))
              .and(created.isNull())
              .execute();
        }
        case MARIADB -> {
          Table<Record> x =
              DSL.select(sel)
                  .from(ft.table())
                  .where(seq.le(base).and(created.isNotNull()))
                  .groupBy(ids)
                  .asTable("x");
          List<Condition> on = new ArrayList<>();
          for (String id : spec.idColumns()) {
            on.add(ft.col(id).eq(DSL.field(name("x", id))));
          }
          ctx.update(ft.table().join(x).on(DSL.and(on)))
              .set(created, DSL.field(name("x", "__mx_c"), LocalDateTime.class))
              .where(seq.gt(base))
              .and(created.isNull())
              .execute();
        }
        case H2 -> {
          Table<Record> t2 = ft.table().as("t2");
          List<Condition> on = new ArrayList<>();
          for (String id : spec.idColumns()) {
            on.add(DSL.field(name("t2", id)).eq(ft.col(id)));
          }
          ctx.update(ft.table())
              .set(
                  created,
                  DSL.select(
                          DSL.min(
                              DSL.field(name("t2", SystemColumns.CREATED_AT), LocalDateTime.class)))
                      .from(t2)
                      .where(DSL.and(on))
                      .and(DSL.field(name("t2", Layout.WRITE_SEQ), Long.class).le(base)))
              .where(seq.gt(base))
              .and(created.isNull())
              .execute();
        }
      }
    }
    ctx.update(ft.table()).set(created, now).where(seq.gt(base)).and(created.isNull()).execute();
  }
}
