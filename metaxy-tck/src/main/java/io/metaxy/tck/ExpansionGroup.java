package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.FRAMES;
import static io.metaxy.tck.internal.KitGraphs.VIDEOS;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.tck.internal.ExpectedProvenance;
import io.metaxy.tck.internal.KitGraphs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Acceptance 6: 1:N expansion lineage compares at parent level. */
@DisplayName("Expansion (1:N) lineage")
public abstract class ExpansionGroup extends KitGroup {
  protected ExpansionGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private List<Row> frames(Row parent, int count) {
    List<Row> out = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      out.add(
          Row.of(
              "video_id",
              parent.get("video_id"),
              "frame_id",
              i,
              PBF,
              parent.getMap(PBF),
              PROVENANCE,
              parent.getString(PROVENANCE),
              "embedding_path",
              "/emb/" + parent.get("video_id") + "/" + i));
    }
    return out;
  }

  @Test
  void incrementsAreAtParentLevel() {
    FeatureGraph graph = KitGraphs.expansion();
    MetadataStore store = open(graph);
    List<Row> videos = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      videos.add(Row.of("video_id", "v" + i, PBF, Map.of("content", "c" + i)));
    }
    write(store, VIDEOS, videos);
    Increment.Materialized first = resolve(store, FRAMES);
    assertThat(ids(first.newRows(), "video_id")).containsExactly("v1", "v2", "v3", "v4", "v5");
    Row v1 = byId(first.newRows(), "video_id").get("v1");
    Map<String, String> expected =
        ExpectedProvenance.byField(graph, FRAMES, Map.of("kit/videos.content", "c1"), MD5);
    assertThat(v1.getMap(PBF)).isEqualTo(expected);
    List<Row> children = new ArrayList<>();
    first.newRows().forEach(p -> children.addAll(frames(p, 10)));
    write(store, FRAMES, children);
    assertThat(read(store, FRAMES)).hasSize(50);
    assertEmpty(resolve(store, FRAMES), "frames after writing 5 x 10 children");

    write(store, VIDEOS, List.of(Row.of("video_id", "v1", PBF, Map.of("content", "c1-v2"))));
    Increment.Materialized changed = resolve(store, FRAMES);
    assertThat(ids(changed.staleRows(), "video_id")).as("one stale parent").containsExactly("v1");
    assertThat(changed.newRows()).isEmpty();
    assertThat(changed.orphanedRows()).isEmpty();
    write(store, FRAMES, frames(changed.staleRows().get(0), 10));
    assertEmpty(resolve(store, FRAMES), "frames after recomputing v1");

    long deleted = store.delete(VIDEOS, DeleteOptions.soft("video_id IN ('v3', 'v4', 'v5')"));
    assertThat(deleted).isEqualTo(3);
    assertThat(read(store, VIDEOS)).hasSize(2);
    Increment.Materialized reduced = resolve(store, FRAMES);
    assertThat(ids(reduced.orphanedRows(), "video_id"))
        .as("orphaned parents, not 30 children")
        .containsExactly("v3", "v4", "v5");
    assertThat(reduced.newRows()).isEmpty();
    assertThat(reduced.staleRows()).isEmpty();
  }
}
