package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.filter.FilterColumns;
import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.increment.IncrementDiff;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Increments. Where the shared SQL plan applies ({@link SqlResolver#applies}: python-layout tables
 * on PostgreSQL or MariaDB, the usual case) the database computes them and only the increment
 * leaves it. Elsewhere the merged upstream rows (filtered in SQL) stream into the domain's
 * provenance engine, whose expected rows are compared with the merged target rows; nothing is
 * materialised. Filter columns are checked the same way on both paths.
 */
public final class FeatureResolver {
  private final StoreContext ctx;
  private final FeatureReader reader;
  private final SqlResolver sql;

  public FeatureResolver(StoreContext ctx, FeatureReader reader) {
    this.ctx = ctx;
    this.reader = reader;
    this.sql = new SqlResolver(ctx);
  }

  /**
   * The increment of {@code feature}. Global filters apply to the upstream reads and the stored
   * target rows, never to the computed expected rows (which carry only keys and provenance); the
   * feature's own and target filters apply to both sides. Filter columns are checked.
   */
  public Increment resolveUpdate(FeatureKey feature, ResolveOptions options) {
    ctx.spec(feature);
    ResolveOptions o = options == null ? ResolveOptions.defaults() : options;
    reader.checkFilters(feature, o.stalenessPredicates());
    List<FilterExpression> staleness = StoreContext.parse(o.stalenessPredicates());
    List<String> own = new ArrayList<>(o.featureFilters().getOrDefault(feature, List.of()));
    own.addAll(o.targetFilters());
    List<String> storedFilters = new ArrayList<>(o.globalFilters());
    storedFilters.addAll(own);
    reader.checkFilters(feature, storedFilters);
    if (sql.applies(ctx.spec(feature), o)) {
      for (FeatureDep d : ctx.spec(feature).deps()) {
        // the upstream reads of the JVM path check these columns (tables that exist)
        List<String> f = new ArrayList<>(o.globalFilters());
        f.addAll(o.featureFilters().getOrDefault(d.feature(), List.of()));
        reader.checkFilters(d.feature(), f);
        // the engine of the JVM path refuses unknown columns in the dependency's own filters
        // (which name columns after the dependency's rename) when the upstream has rows
        Set<String> known =
            d.filters().isEmpty() || !reader.hasFeature(d.feature())
                ? null
                : reader.filterColumns(d.feature());
        if (known != null) {
          Set<String> renamed = new LinkedHashSet<>(known);
          for (String col : known) {
            renamed.add(d.rename().getOrDefault(col, col));
          }
          FilterColumns.parseChecked(d.feature(), d.filters(), renamed);
        }
      }
      return sql.resolve(ctx.spec(feature), o);
    }
    List<FilterExpression> expectedChecks = StoreContext.parse(own);
    Supplier<Stream<Row>> prepared =
        ctx.engine()
            .prepare(
                feature,
                up -> {
                  List<String> f = new ArrayList<>(o.globalFilters());
                  f.addAll(o.featureFilters().getOrDefault(up, List.of()));
                  return reader.read(
                      up, ReadOptions.defaults().withFilters(f.toArray(String[]::new)));
                },
                o.samples());
    Supplier<Stream<Row>> expected =
        expectedChecks.isEmpty()
            ? prepared
            : () -> prepared.get().filter(r -> StoreContext.matches(expectedChecks, r));
    Stream<Row> stored =
        reader.read(
            feature, ReadOptions.defaults().withFilters(storedFilters.toArray(String[]::new)));
    IncrementDiff diff =
        IncrementDiff.of(ctx.engine().keyColumns(feature), expected, stored, staleness);
    return Increment.lazy(diff::newRows, diff::staleRows, diff::orphanedRows, () -> {});
  }
}
