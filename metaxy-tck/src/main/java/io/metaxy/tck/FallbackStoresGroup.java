package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.tck.internal.Vectors;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A feature absent from a store is read whole from its fallback stores; they are never written. */
@DisplayName("Fallback stores")
public abstract class FallbackStoresGroup extends KitGroup {
  protected FallbackStoresGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  @Test
  void absentFeaturesAreServedFromTheFallback() {
    FeatureGraph graph = Vectors.videoGraph();
    MetadataStore shared = open(graph);
    write(shared, VIDEO, videos());
    MetadataStore local = open(settings(graph).fallbackStore(shared).build());
    assertThat(local.hasFeature(VIDEO)).isFalse();
    assertThat(ids(read(local, VIDEO), "video_id")).containsExactly("v1", "v2", "v3");

    Increment.Materialized crop = resolve(local, CROP);
    assertThat(ids(crop.newRows(), "video_id")).containsExactly("v1", "v2", "v3");
    compute(local, CROP, crop);
    assertThat(local.hasFeature(CROP)).isTrue();
    assertThat(shared.hasFeature(CROP)).as("fallback stores are never written").isFalse();
    assertEmpty(resolve(local, CROP), "crop after computing locally");

    write(local, VIDEO, List.of(video("v9", "a9", "f9")));
    assertThat(ids(read(local, VIDEO), "video_id"))
        .as("a feature present locally is not merged with the fallback")
        .containsExactly("v9");
    assertThat(ids(read(shared, VIDEO), "video_id")).containsExactly("v1", "v2", "v3");
  }
}
