package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.increment.IncrementDiff;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Increments: the merged upstream rows (filtered in SQL) stream into the domain's provenance engine,
 * whose expected rows are compared with the merged target rows; nothing is materialised.
 */
public final class FeatureResolver {
  private final StoreContext ctx;
  private final FeatureReader reader;

  public FeatureResolver(StoreContext ctx, FeatureReader reader) {
    this.ctx = ctx;
    this.reader = reader;
  }

  public Increment resolveUpdate(FeatureKey feature, ResolveOptions options) {
    ctx.spec(feature);
    ResolveOptions o = options == null ? ResolveOptions.defaults() : options;
    List<FilterExpression> target = new ArrayList<>(StoreContext.parse(o.targetFilters()));
    List<FilterExpression> targetRead = new ArrayList<>(StoreContext.parse(o.globalFilters()));
    targetRead.addAll(StoreContext.parse(o.featureFilters().getOrDefault(feature, List.of())));
    List<FilterExpression> staleness = StoreContext.parse(o.stalenessPredicates());
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
    List<FilterExpression> all = new ArrayList<>(targetRead);
    all.addAll(target);
    Supplier<Stream<Row>> expected =
        all.isEmpty()
            ? prepared
            : () -> prepared.get().filter(r -> StoreContext.matches(all, r));
    List<String> storedFilters = new ArrayList<>(o.globalFilters());
    storedFilters.addAll(o.featureFilters().getOrDefault(feature, List.of()));
    storedFilters.addAll(o.targetFilters());
    Stream<Row> stored =
        reader.read(
            feature, ReadOptions.defaults().withFilters(storedFilters.toArray(String[]::new)));
    IncrementDiff diff =
        IncrementDiff.of(ctx.engine().keyColumns(feature), expected, stored, staleness);
    return Increment.lazy(diff::newRows, diff::staleRows, diff::orphanedRows, () -> {});
  }
}
