package io.metaxy.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Merge-on-read against a model: after any sequence of writes and soft deletes (with a clock that
 * may stand still), a read returns, per sample, the value of its last write unless its last
 * operation was a delete; the sample history holds every write.
 */
class MergeOnReadPropertyTest {
  static final FeatureKey ROOT = FeatureKey.of("p/root");
  static final FeatureGraph GRAPH =
      FeatureGraph.of(FeatureSpec.builder(ROOT).idColumns("id").field("v", "1").build());

  record Op(boolean delete, int id, int value) {}

  @Provide
  Arbitrary<Op> op() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 9).map(i -> i == 0),
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(0, 1000))
        .as(Op::new);
  }

  @Property(tries = 60)
  void readReturnsTheLastWritePerSample(
      @ForAll @Size(max = 40) List<@net.jqwik.api.From("op") Op> ops, @ForAll boolean frozenClock) {
    TickingClock clock = new TickingClock(Instant.parse("2026-01-01T00:00:00Z"));
    if (frozenClock) {
      clock.freeze();
    }
    InMemoryMetadataStore store =
        new InMemoryMetadataStore(StoreSettings.builder(GRAPH).clock(clock).build()).open();
    Map<Long, Integer> model = new HashMap<>();
    long writes = 0;
    for (Op op : ops) {
      if (op.delete()) {
        store.delete(ROOT, DeleteOptions.soft("id = " + op.id()));
        model.remove((long) op.id());
      } else {
        store.write(
            ROOT,
            List.of(
                Row.of(
                    "id",
                    op.id(),
                    "value",
                    op.value(),
                    SystemColumns.PROVENANCE_BY_FIELD,
                    Map.of("v", "h" + op.value()))));
        model.put((long) op.id(), op.value());
        writes++;
      }
    }
    Map<Long, Integer> read =
        store
            .read(ROOT)
            .collect(
                Collectors.toMap(
                    r -> ((Number) r.get("id")).longValue(), r -> (Integer) r.get("value")));
    assertThat(read).isEqualTo(model);
    assertThat(store.read(ROOT, ReadOptions.defaults().withSampleHistory()).count())
        .isEqualTo(writes);
    assertThat(store.read(ROOT).toList()).isEqualTo(store.read(ROOT).toList());
  }
}
