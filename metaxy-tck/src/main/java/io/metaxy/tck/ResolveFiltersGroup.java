package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.tck.internal.Vectors;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ResolveOptions filters: per feature, global, target only. */
@DisplayName("Resolve filters (global, per feature, target)")
public abstract class ResolveFiltersGroup extends KitGroup {
  protected ResolveFiltersGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private MetadataStore computed() {
    MetadataStore store = open(Vectors.videoGraph());
    write(store, VIDEO, videos());
    resolveAndCompute(store, CROP);
    return store;
  }

  @Test
  void aFeatureFilterRestrictsTheUpstream() {
    MetadataStore store = open(Vectors.videoGraph());
    write(store, VIDEO, videos());
    Increment.Materialized inc =
        resolve(store, CROP, ResolveOptions.defaults().filter(VIDEO, "video_id != 'v3'"));
    assertThat(ids(inc.newRows(), "video_id")).containsExactly("v1", "v2");
    compute(store, CROP, resolve(store, CROP));
    Increment.Materialized filtered =
        resolve(store, CROP, ResolveOptions.defaults().filter(VIDEO, "video_id != 'v3'"));
    assertThat(ids(filtered.orphanedRows(), "video_id")).containsExactly("v3");
    assertThat(filtered.newRows()).isEmpty();
    assertThat(filtered.staleRows()).isEmpty();
  }

  @Test
  void targetAndGlobalFiltersRestrictBothSides() {
    MetadataStore store = computed();
    write(
        store,
        VIDEO,
        List.of(video("v1", "a1x", "f1"), video("v2", "a2x", "f2"), video("v3", "a3x", "f3")));
    Increment.Materialized target =
        resolve(store, CROP, ResolveOptions.defaults().targetFilter("video_id = 'v1'"));
    assertThat(ids(target.staleRows(), "video_id")).containsExactly("v1");
    assertThat(target.newRows()).isEmpty();
    assertThat(target.orphanedRows()).isEmpty();

    Increment.Materialized global =
        resolve(store, CROP, ResolveOptions.defaults().globalFilter("video_id != 'v2'"));
    assertThat(ids(global.staleRows(), "video_id")).containsExactly("v1", "v3");
    assertThat(global.newRows()).isEmpty();
    assertThat(global.orphanedRows()).isEmpty();

    Increment.Materialized all = resolve(store, CROP);
    assertThat(ids(all.staleRows(), "video_id")).containsExactly("v1", "v2", "v3");
  }
}
