package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.OTHER;
import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.tck.internal.KitGraphs;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Read options: filters after merge, columns, feature versions. */
@DisplayName("Reads: versions, history, filters, columns")
public abstract class ReadsGroup extends KitGroup {
  protected ReadsGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private Row scored(String id, double score, String label, long votes) {
    return sample(id, "h-" + id + "-" + score)
        .with("score", score)
        .with("label", label)
        .with("votes", votes);
  }

  private MetadataStore seeded() {
    MetadataStore store = open(KitGraphs.roots());
    write(
        store,
        SAMPLES,
        List.of(
            scored("s1", 5.0, "cat", 1L),
            scored("s2", 3.0, "dog", 2L),
            scored("s3", 1.0, "cat", 3L),
            scored("s4", 4.0, "bird", 4L)));
    write(store, SAMPLES, List.of(scored("s1", 0.5, "cat", 1L)));
    return store;
  }

  @Test
  void filtersApplyAfterTheMerge() {
    MetadataStore store = seeded();
    assertThat(
            ids(read(store, SAMPLES, ReadOptions.defaults().withFilters("score > 2")), "sample_id"))
        .as("s1's older row matched, its latest does not")
        .containsExactly("s2", "s4");
    assertThat(
            ids(
                read(
                    store,
                    SAMPLES,
                    ReadOptions.defaults().withFilters("label = 'cat' AND votes >= 2")),
                "sample_id"))
        .containsExactly("s3");
    assertThat(
            ids(
                read(
                    store,
                    SAMPLES,
                    ReadOptions.defaults().withFilters("label IN ('dog', 'bird')", "score < 4")),
                "sample_id"))
        .as("several filters are AND-ed")
        .containsExactly("s2");
    assertThat(
            ids(
                read(store, SAMPLES, ReadOptions.defaults().withFilters("NOT (label = 'cat')")),
                "sample_id"))
        .containsExactly("s2", "s4");
    assertThat(
            ids(
                read(
                    store,
                    SAMPLES,
                    ReadOptions.defaults().withSampleHistory().withFilters("sample_id = 's1'")),
                "sample_id"))
        .containsExactly("s1", "s1");
  }

  @Test
  void columnsSelectWhatIsReturned() {
    MetadataStore store = seeded();
    List<Row> rows = read(store, SAMPLES, ReadOptions.defaults().withColumns("sample_id", "label"));
    assertThat(rows).hasSize(4);
    assertThat(rows)
        .allSatisfy(r -> assertThat(r.columns()).containsExactlyInAnyOrder("sample_id", "label"));
  }

  @Test
  void anAbsentFeatureReadsEmpty() {
    MetadataStore store = seeded();
    assertThat(read(store, OTHER)).isEmpty();
    assertThat(store.hasFeature(OTHER)).isFalse();
    assertThat(store.hasFeature(SAMPLES)).isTrue();
  }
}
