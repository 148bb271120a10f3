package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.FACE_DETECTION;
import static io.metaxy.tck.internal.KitGraphs.STT;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Acceptance 4: resolve, write the new rows, resolve → nothing to do. */
@DisplayName("Idempotency: resolve, write, resolve again is empty")
public abstract class IdempotencyGroup extends KitGroup {
  protected IdempotencyGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  @Test
  void resolvingAfterWritingTheIncrementIsEmpty() {
    MetadataStore store = open(Vectors.videoGraph());
    Increment.Materialized root = resolve(store, VIDEO, ResolveOptions.withSamples(videos()));
    assertThat(root.newRows()).hasSize(3);
    compute(store, VIDEO, root);
    assertEmpty(resolve(store, VIDEO, ResolveOptions.withSamples(videos())), "root after writing");
    for (FeatureKey f : List.of(CROP, FACE_DETECTION, STT, KitGraphs.SUMMARY)) {
      Increment.Materialized inc = resolve(store, f);
      assertThat(inc.newRows()).as("%s first resolve", f).hasSize(3);
      compute(store, f, inc);
      assertEmpty(resolve(store, f), f + " after writing its increment");
    }
  }
}
