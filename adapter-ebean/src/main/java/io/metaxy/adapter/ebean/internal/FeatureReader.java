package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.filter.FilterColumns;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.FallbackChain;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.UpstreamVersions;
import java.sql.PreparedStatement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads feature rows straight from SQL, streamed from a cursor: merge on read ({@code row_number()}
 * over the ID columns, latest first by the layout's order, {@link PhysicalLayout#latestFirst}),
 * then the caller's filters translated to a parameterised condition ({@link SqlFilter}), so only
 * matching rows leave the database.
 */
public final class FeatureReader {
  private final StoreContext ctx;
  private final MetadataStore self;

  /** The reader of {@code self}'s tables ({@code self} is asked for its fallback chain). */
  public FeatureReader(StoreContext ctx, MetadataStore self) {
    this.ctx = ctx;
    this.self = self;
  }

  /**
   * Checks that every column {@code filters} name exists ({@link FilterColumns}): the ID and system
   * columns and the columns of the feature's table. A feature without table is not checked.
   */
  public void checkFilters(FeatureKey feature, List<String> filters) {
    Set<String> known = filters.isEmpty() ? null : filterColumns(feature);
    if (known != null) {
      FilterColumns.parseChecked(feature, filters, known);
    }
  }

  /**
   * The columns filters on {@code feature}'s rows may name (ID, system and table columns), or
   * {@code null} when the feature has no table.
   */
  public Set<String> filterColumns(FeatureKey feature) {
    Map<String, Integer> cols = ctx.columns(ctx.tableOf(feature));
    if (cols == null) {
      return null;
    }
    Set<String> known = new LinkedHashSet<>(ctx.spec(feature).idColumns());
    known.addAll(SystemColumns.ALL);
    known.addAll(cols.keySet());
    known.remove(Jdbc.ROW_ID);
    known.remove(Jdbc.WRITE_SEQ);
    known.remove(PhysicalLayout.SEED_PROJECT_VERSION);
    known.add(SystemColumns.PROJECT_VERSION);
    return known;
  }

  /** Whether the feature's table exists and holds at least one row. */
  public boolean hasFeature(FeatureKey feature) {
    ctx.spec(feature);
    String table = ctx.tableOf(feature);
    if (ctx.columns(table) == null) {
      return false;
    }
    return !RowCursor.list(
            ctx.dataSource(),
            c -> {
              PreparedStatement ps = c.prepareStatement("select 1 as one from " + table);
              ps.setMaxRows(1);
              return ps;
            })
        .isEmpty();
  }

  /**
   * Whether any row of {@code feature} (history and soft-deleted rows included) is stored under its
   * current feature version: one indexed-or-scanned probe that stops at the first row, never a
   * sorted read. Features held by a fallback store are asked through its read port.
   */
  public boolean hasCurrentVersionRows(FeatureKey feature) {
    ctx.spec(feature);
    Optional<MetadataStore> fallback = FallbackChain.holderOf(self, feature);
    if (fallback.isPresent()) {
      return UpstreamVersions.hasCurrentVersionRows(fallback.get(), feature);
    }
    String table = ctx.tableOf(feature);
    if (ctx.columns(table) == null) {
      return false;
    }
    String version = ctx.versions().featureVersion(feature);
    String fv = ctx.dialect().id(SystemColumns.FEATURE_VERSION);
    return !RowCursor.list(
            ctx.dataSource(),
            c -> {
              PreparedStatement ps =
                  c.prepareStatement("select 1 as one from " + table + " where " + fv + " = ?");
              ps.setString(1, version);
              ps.setMaxRows(1);
              return ps;
            })
        .isEmpty();
  }

  /** The rows {@code options} ask for; absent features are served by the fallback stores. */
  public Stream<Row> read(FeatureKey feature, ReadOptions options) {
    FeatureSpec spec = ctx.spec(feature);
    ReadOptions o = options == null ? ReadOptions.defaults() : options;
    Optional<MetadataStore> fallback = FallbackChain.holderOf(self, feature);
    if (fallback.isPresent()) {
      return fallback.get().read(feature, o);
    }
    if (ctx.columns(ctx.tableOf(feature)) == null) {
      return Stream.empty();
    }
    checkFilters(feature, o.filters());
    String version =
        o.allFeatureVersions()
            ? null
            : o.featureVersion() != null
                ? o.featureVersion()
                : ctx.versions().featureVersion(feature);
    Stream<Row> rows =
        select(
            spec,
            version,
            o.sampleHistory(),
            o.includeDeleted(),
            o.allFeatureVersions(),
            o.filters());
    if (o.columns() != null) {
      List<String> cols = o.columns();
      rows =
          rows.map(
              r -> {
                Row.Builder b = Row.builder();
                for (String c : cols) {
                  b.set(c, r.get(c));
                }
                return b.build();
              });
    }
    return rows;
  }

  /**
   * Merged (or full-history) rows of a feature of {@code version} (all versions when {@code null}),
   * filtered by {@code filters} after the merge.
   */
  public Stream<Row> select(
      FeatureSpec spec,
      String version,
      boolean history,
      boolean includeDeleted,
      boolean perVersion,
      List<String> filters) {
    String table = ctx.tableOf(spec.key());
    Dialect d = ctx.dialect();
    Map<String, Integer> cols = ctx.columns(table);
    String ids = String.join(", ", spec.idColumns().stream().map(d::id).toList());
    String fv = d.id(SystemColumns.FEATURE_VERSION);
    String deleted = d.id(SystemColumns.DELETED_AT);
    String alias = history ? "t" : "x";
    SqlFilter.Condition filter = SqlFilter.of(d, alias, cols, filters, ctx.layout()::physical);
    StringBuilder sql = new StringBuilder();
    if (history) {
      sql.append("select * from ").append(table).append(" t where 1 = 1");
      if (version != null) {
        sql.append(" and ").append(fv).append(" = ?");
      }
      if (!includeDeleted) {
        sql.append(" and ").append(deleted).append(" is null");
      }
      if (filter != null) {
        sql.append(" and ").append(filter.sql());
      }
      sql.append(" order by ").append(ids).append(", ").append(oldestFirst(cols));
    } else {
      sql.append("select * from (select t.*, row_number() over (partition by ")
          .append(ids)
          .append(perVersion ? ", " + fv : "")
          .append(" order by ")
          .append(ctx.layout().latestFirst(cols, ""))
          .append(") as ")
          .append(Jdbc.RN)
          .append(" from ")
          .append(table)
          .append(" t");
      if (version != null) {
        sql.append(" where ").append(fv).append(" = ?");
      }
      sql.append(") x where x.").append(Jdbc.RN).append(" = 1");
      if (!includeDeleted) {
        sql.append(" and x.").append(deleted).append(" is null");
      }
      if (filter != null) {
        sql.append(" and ").append(filter.sql());
      }
      sql.append(" order by ").append(ids);
    }
    String text = sql.toString();
    return RowCursor.stream(
        ctx.dataSource(),
        ctx.layout()::logical,
        c -> {
          PreparedStatement ps = c.prepareStatement(text);
          int i = 1;
          if (version != null) {
            ps.setString(i++, version);
          }
          if (filter != null) {
            filter.bind(ps, i);
          }
          return ps;
        });
  }

  /** The order of a sample's history, oldest first (the latest row last). */
  private String oldestFirst(Map<String, Integer> cols) {
    return ctx.layout().latestFirst(cols, "").replace(" desc", " asc");
  }

  /**
   * A condition for an Ebean raw expression selecting the current rows of a feature version (the
   * latest row per sample, no tombstones): the tuple of the ID properties {@code idProperties} and
   * the row's time ({@link PhysicalLayout#changedAt}; and its write order, in a table that has one)
   * is in the tuples of the current rows. Its one parameter is the feature version. Columns of the
   * subquery are qualified with aliases of their own ({@code mx_t}, {@code mx_l}); the outer tuple
   * names properties, which Ebean translates (the write order is no property: its column is named).
   */
  public String currentRowsCondition(FeatureSpec spec, List<String> idProperties) {
    Dialect d = ctx.dialect();
    String ids = String.join(", ", spec.idColumns().stream().map(c -> "mx_t." + d.id(c)).toList());
    String lIds = String.join(", ", spec.idColumns().stream().map(c -> "mx_l." + d.id(c)).toList());
    Map<String, Integer> cols = ctx.columns(ctx.tableOf(spec.key()));
    boolean seq = cols != null && cols.containsKey(Jdbc.WRITE_SEQ);
    String order = ctx.layout().latestFirst(cols, "mx_t.");
    return "("
        + String.join(", ", idProperties)
        + ", "
        + PhysicalLayout.changedAt("")
            .replace(SystemColumns.DELETED_AT, "metaxyDeletedAt")
            .replace(SystemColumns.UPDATED_AT, "metaxyUpdatedAt")
        + (seq ? ", coalesce(" + Jdbc.WRITE_SEQ + ", 0)" : "")
        + ") in (select "
        + lIds
        + ", mx_l.mx_time"
        + (seq ? ", mx_l.mx_seq" : "")
        + " from (select "
        + ids
        + ", mx_t."
        + SystemColumns.DELETED_AT
        + ", "
        + PhysicalLayout.changedAt("mx_t.")
        + " as mx_time"
        + (seq ? ", coalesce(mx_t." + Jdbc.WRITE_SEQ + ", 0) as mx_seq" : "")
        + ", row_number() over (partition by "
        + ids
        + " order by "
        + order
        + ") as "
        + Jdbc.RN
        + " from "
        + ctx.tableOf(spec.key())
        + " mx_t where mx_t."
        + SystemColumns.FEATURE_VERSION
        + " = ?) mx_l where mx_l."
        + Jdbc.RN
        + " = 1 and mx_l."
        + SystemColumns.DELETED_AT
        + " is null)";
  }
}
