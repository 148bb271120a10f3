package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.StoreSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A rebase recomputes provenance from the current upstream for every carried sample, including a
 * sample that already has a (now stale) row under the target version: after the rebase nothing is
 * new or stale.
 */
class RebaseStaleTargetTest {
  private static final FeatureKey ROOT = FeatureKey.of("rb/root");
  private static final FeatureKey CHILD = FeatureKey.of("rb/child");

  private static FeatureGraph graph(String childCode) {
    return FeatureGraph.of(
        FeatureSpec.builder(ROOT).idColumns("sample_uid").field("v", "1").build(),
        FeatureSpec.builder(CHILD)
            .idColumns("sample_uid")
            .dependsOn("rb/root")
            .field("v", childCode)
            .build());
  }

  private static Row root(String id, String provenance) {
    return Row.builder()
        .set("sample_uid", id)
        .set(SystemColumns.PROVENANCE_BY_FIELD, Map.of("v", provenance))
        .build();
  }

  private static List<Row> newRows(JooqMetadataStore store) {
    try (Increment inc = store.resolveUpdate(CHILD);
        Stream<Row> s = inc.newRows()) {
      return s.toList();
    }
  }

  private static long pending(JooqMetadataStore store) {
    try (Increment inc = store.resolveUpdate(CHILD);
        Stream<Row> n = inc.newRows();
        Stream<Row> st = inc.staleRows()) {
      return n.count() + st.count();
    }
  }

  @ParameterizedTest
  @EnumSource(JooqDialect.class)
  void samplesWithAStaleTargetRowGetTheCurrentProvenance(JooqDialect dialect) {
    FeatureGraph g1 = graph("1");
    FeatureGraph g2 = graph("2");
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store = stores.open(dialect, StoreSettings.builder(g1).build());
      store.write(ROOT, List.of(root("s1", "p1"), root("s2", "p1")));
      store.write(CHILD, newRows(store));
      String from = g1.versions().featureVersion(CHILD);

      JooqMetadataStore next = store.withGraph(g2);
      // s1 already gets a row of the new version, then its upstream changes: that row is stale
      next.write(
          CHILD, newRows(next).stream().filter(r -> r.get("sample_uid").equals("s1")).toList());
      next.write(ROOT, List.of(root("s1", "p2")));
      assertThat(pending(next)).as("before the rebase: s1 stale, s2 new").isEqualTo(2);

      next.rebase(CHILD, from, null, "rb-1");

      assertThat(pending(next)).as("new or stale samples after the rebase").isZero();
    }
  }
}
