package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.COMBINED;
import static io.metaxy.tck.internal.KitGraphs.LEFT;
import static io.metaxy.tck.internal.KitGraphs.OPTIONAL_B;
import static io.metaxy.tck.internal.KitGraphs.OUTER;
import static io.metaxy.tck.internal.KitGraphs.REQUIRED_A;
import static io.metaxy.tck.internal.KitGraphs.RIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.tck.internal.ExpectedProvenance;
import io.metaxy.tck.internal.KitGraphs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Acceptance 7: optional dependencies join LEFT, or FULL OUTER when all are optional. */
@DisplayName("Optional dependencies")
public abstract class OptionalDependenciesGroup extends KitGroup {
  protected OptionalDependenciesGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private Row row(String id, String field, String value) {
    return Row.of("sample_id", id, PBF, Map.of(field, value));
  }

  @Test
  void changingOptionalValuesMakesOnlyThoseSamplesStale() {
    FeatureGraph graph = KitGraphs.optional();
    MetadataStore store = open(graph);
    write(
        store,
        REQUIRED_A,
        List.of(row("s1", "a", "a1"), row("s2", "a", "a2"), row("s3", "a", "a3")));
    write(store, OPTIONAL_B, List.of(row("s1", "b", "b1"), row("s3", "b", "b3")));
    Increment.Materialized first = resolve(store, COMBINED);
    assertThat(ids(first.newRows(), "sample_id")).containsExactly("s1", "s2", "s3");
    Map<String, Row> rows = byId(first.newRows(), "sample_id");
    assertThat(rows.get("s2").getMap(PBF))
        .as("a missing optional value counts as \"\"")
        .isEqualTo(
            ExpectedProvenance.byField(graph, COMBINED, Map.of("kit/required_a.a", "a2"), MD5));
    assertThat(rows.get("s1").getMap(PBF))
        .isEqualTo(
            ExpectedProvenance.byField(
                graph, COMBINED, Map.of("kit/required_a.a", "a1", "kit/optional_b.b", "b1"), MD5));
    compute(store, COMBINED, first);
    assertEmpty(resolve(store, COMBINED), "combined after computing");

    write(store, OPTIONAL_B, List.of(row("s1", "b", "b1-new"), row("s3", "b", "b3-new")));
    Increment.Materialized inc = resolve(store, COMBINED);
    assertThat(ids(inc.staleRows(), "sample_id")).containsExactly("s1", "s3");
    assertThat(inc.newRows()).isEmpty();
    assertThat(inc.orphanedRows()).isEmpty();
  }

  @Test
  void allOptionalDepsJoinFullOuter() {
    FeatureGraph graph = KitGraphs.optional();
    MetadataStore store = open(graph);
    write(store, LEFT, List.of(row("s1", "l", "l1"), row("s2", "l", "l2")));
    write(store, RIGHT, List.of(row("s2", "r", "r2"), row("s3", "r", "r3")));
    Increment.Materialized inc = resolve(store, OUTER);
    assertThat(ids(inc.newRows(), "sample_id")).containsExactly("s1", "s2", "s3");
    Map<String, Row> rows = byId(inc.newRows(), "sample_id");
    assertThat(rows.get("s1").getMap(PBF))
        .isEqualTo(ExpectedProvenance.byField(graph, OUTER, Map.of("kit/left.l", "l1"), MD5));
    assertThat(rows.get("s2").getMap(PBF))
        .isEqualTo(
            ExpectedProvenance.byField(
                graph, OUTER, Map.of("kit/left.l", "l2", "kit/right.r", "r2"), MD5));
    assertThat(rows.get("s3").getMap(PBF))
        .isEqualTo(ExpectedProvenance.byField(graph, OUTER, Map.of("kit/right.r", "r3"), MD5));
    compute(store, OUTER, inc);
    assertEmpty(resolve(store, OUTER), "outer after computing");
  }
}
