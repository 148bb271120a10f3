package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CLEAN;
import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.RAW;
import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.filter.FilterParser;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.copy.CopyOptions;
import io.metaxy.ports.copy.MetadataCopier;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Filters name columns of the feature: a filter naming a column the feature does not have is an
 * error naming the column and the known columns (it must never read as NULL: {@code sampel_id IS
 * NULL} would match every sample), in reads, deletes, resolves (global, per-feature, target and
 * dependency filters) and copies; a deleting or copying call with such a filter changes nothing.
 * Filters nest at most {@link FilterParser#MAX_DEPTH} levels.
 */
@DisplayName("Filters: unknown columns and nesting depth are errors")
public abstract class FilterColumnsGroup extends KitGroup {
  protected FilterColumnsGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private MetadataStore seeded() {
    MetadataStore store = open(KitGraphs.roots());
    write(
        store,
        SAMPLES,
        List.of(sample("s1", "h1").with("score", 1.0), sample("s2", "h2").with("score", 2.0)));
    return store;
  }

  private static void assertUnknownColumn(Runnable call, String column) {
    assertThatThrownBy(call::run)
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(column)
        .hasMessageContaining("sample_id")
        .hasMessageContaining("score");
  }

  @Test
  void aReadFilterOnAnUnknownColumnIsAnError() {
    MetadataStore store = seeded();
    assertUnknownColumn(
        () -> read(store, SAMPLES, ReadOptions.defaults().withFilters("sampel_id = 's1'")),
        "sampel_id");
    assertThat(
            ids(
                read(store, SAMPLES, ReadOptions.defaults().withFilters("score > 1.5")),
                "sample_id"))
        .containsExactly("s2");
  }

  @Test
  void aHardDeleteWithAnUnknownColumnDeletesNothing() {
    MetadataStore store = seeded();
    assertUnknownColumn(
        () -> store.delete(SAMPLES, DeleteOptions.hard("sampel_id IS NULL")), "sampel_id");
    assertUnknownColumn(
        () -> store.delete(SAMPLES, DeleteOptions.hard("sampel_id IS NULL").withFeatureHistory()),
        "sampel_id");
    assertThat(ids(read(store, SAMPLES, ReadOptions.defaults().withSampleHistory()), "sample_id"))
        .containsExactly("s1", "s2");
  }

  @Test
  void aSoftDeleteWithAnUnknownColumnDeletesNothing() {
    MetadataStore store = seeded();
    assertUnknownColumn(() -> store.delete(SAMPLES, DeleteOptions.soft("scor > 0")), "scor");
    assertThat(ids(read(store, SAMPLES), "sample_id")).containsExactly("s1", "s2");
    assertThat(read(store, SAMPLES, ReadOptions.defaults().withSampleHistory())).hasSize(2);
  }

  @Test
  void resolveFiltersOnUnknownColumnsAreErrors() {
    MetadataStore store = open(Vectors.videoGraph());
    write(store, VIDEO, videos());
    assertThatThrownBy(
            () ->
                store
                    .resolveUpdate(CROP, ResolveOptions.defaults().globalFilter("vidoe_id = 'v1'"))
                    .collect())
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("vidoe_id")
        .hasMessageContaining("video_id");
  }

  @Test
  void featureAndTargetFiltersOnUnknownColumnsAreErrors() {
    MetadataStore store = open(Vectors.videoGraph());
    write(store, VIDEO, videos());
    resolveAndCompute(store, CROP);
    assertThatThrownBy(
            () ->
                store
                    .resolveUpdate(CROP, ResolveOptions.defaults().filter(VIDEO, "vidoe_id = 'v1'"))
                    .collect())
        .as("a per-feature filter on the upstream")
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("vidoe_id")
        .hasMessageContaining("video_id");
    assertThatThrownBy(
            () ->
                store
                    .resolveUpdate(CROP, ResolveOptions.defaults().targetFilter("vidoe_id = 'v1'"))
                    .collect())
        .as("a target filter")
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("vidoe_id")
        .hasMessageContaining("video_id");
  }

  @Test
  void aCopyFilterOnAnUnknownColumnIsAnErrorAndCopiesNothing() {
    MetadataStore source = open(Vectors.videoGraph());
    write(source, VIDEO, videos());
    MetadataStore target = open(Vectors.videoGraph());
    assertThatThrownBy(
            () ->
                MetadataCopier.copy(
                    source,
                    target,
                    CopyOptions.defaults().withFilters(List.of("vidoe_id IS NULL")),
                    r -> {}))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("vidoe_id")
        .hasMessageContaining("video_id");
    assertThat(target.hasFeature(VIDEO)).as("nothing was copied").isFalse();
  }

  @Test
  void aDependencyFilterOnAnUnknownColumnIsAnError() {
    FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder(RAW).idColumns("raw_id").field("x", "1").build(),
            FeatureSpec.builder(CLEAN)
                .idColumns("raw_id")
                .dependsOn(FeatureDep.builder(RAW).filter("splitt = 'train'").build())
                .field("y", "1")
                .build());
    MetadataStore store = open(graph);
    write(store, RAW, List.of(Row.of("raw_id", "r1", PBF, Map.of("x", "x1"), "split", "train")));
    assertThatThrownBy(() -> resolve(store, CLEAN))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("splitt")
        .hasMessageContaining("split");
  }

  @Test
  void deeplyNestedFiltersAreRefusedWithAClearError() {
    MetadataStore store = seeded();
    String parens = "(".repeat(2_000) + "score > 1" + ")".repeat(2_000);
    assertThatThrownBy(() -> read(store, SAMPLES, ReadOptions.defaults().withFilters(parens)))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(String.valueOf(FilterParser.MAX_DEPTH));
    String nots = "NOT ".repeat(100_000) + "score > 1";
    assertThatThrownBy(() -> store.delete(SAMPLES, DeleteOptions.hard(nots)))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(String.valueOf(FilterParser.MAX_DEPTH));
    assertThat(read(store, SAMPLES)).hasSize(2);
    String fine = "(".repeat(20) + "score > 1.5" + ")".repeat(20);
    assertThat(ids(read(store, SAMPLES, ReadOptions.defaults().withFilters(fine)), "sample_id"))
        .containsExactly("s2");
  }
}
