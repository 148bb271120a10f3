package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CLEAN;
import static io.metaxy.tck.internal.KitGraphs.LEFT_SCORES;
import static io.metaxy.tck.internal.KitGraphs.RAW;
import static io.metaxy.tck.internal.KitGraphs.RIGHT_SCORES;
import static io.metaxy.tck.internal.KitGraphs.SCORED;
import static io.metaxy.tck.internal.KitGraphs.SCORED_RENAMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
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

/** FeatureDep rename, select and filters; colliding user columns between deps. */
@DisplayName("Dependency shaping: select, rename, filters")
public abstract class DependencyShapingGroup extends KitGroup {
  protected DependencyShapingGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  @Test
  void renameSelectAndFiltersShapeTheUpstream() {
    FeatureGraph graph = KitGraphs.shaping();
    MetadataStore store = open(graph);
    write(
        store,
        RAW,
        List.of(
            Row.of("raw_id", "r1", PBF, Map.of("x", "x1"), "split", "train", "note", "a"),
            Row.of("raw_id", "r2", PBF, Map.of("x", "x2"), "split", "test", "note", "b"),
            Row.of("raw_id", "r3", PBF, Map.of("x", "x3"), "split", "train", "note", "c")));
    Increment.Materialized inc = resolve(store, CLEAN);
    assertThat(ids(inc.newRows(), "sample_id")).containsExactly("r1", "r3");
    Row r1 = byId(inc.newRows(), "sample_id").get("r1");
    assertThat(r1.getMap(PBF))
        .isEqualTo(ExpectedProvenance.byField(graph, CLEAN, Map.of("kit/raw.x", "x1"), MD5));
    compute(store, CLEAN, inc);
    assertEmpty(resolve(store, CLEAN), "clean after computing");

    write(
        store,
        RAW,
        List.of(Row.of("raw_id", "r2", PBF, Map.of("x", "x2b"), "split", "train", "note", "b")));
    write(
        store,
        RAW,
        List.of(Row.of("raw_id", "r3", PBF, Map.of("x", "x3"), "split", "test", "note", "c")));
    Increment.Materialized changed = resolve(store, CLEAN);
    assertThat(ids(changed.newRows(), "sample_id")).containsExactly("r2");
    assertThat(ids(changed.orphanedRows(), "sample_id")).containsExactly("r3");
    assertThat(changed.staleRows()).isEmpty();
  }

  @Test
  void collidingUserColumnsAreAnErrorUnlessRenamed() {
    MetadataStore store = open(KitGraphs.shaping());
    write(
        store,
        LEFT_SCORES,
        List.of(Row.of("sample_id", "s1", PBF, Map.of("p", "p1"), "score", 1.0)));
    write(
        store,
        RIGHT_SCORES,
        List.of(Row.of("sample_id", "s1", PBF, Map.of("q", "q1"), "score", 2.0)));
    assertThatThrownBy(() -> resolve(store, SCORED))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("score")
        .hasMessageContaining(SCORED.toString());
    assertThat(ids(resolve(store, SCORED_RENAMED).newRows(), "sample_id")).containsExactly("s1");
  }
}
