package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.OTHER;
import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.tck.internal.KitGraphs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Acceptance 12: a failed write leaves the store unchanged and names column and feature. */
@DisplayName("Failed writes leave the store unchanged")
public abstract class FailedWritesGroup extends KitGroup {
  protected FailedWritesGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private MetadataStore seeded() {
    MetadataStore store = open(KitGraphs.roots());
    write(store, SAMPLES, List.of(sample("s1", "h1"), sample("s2", "h2")));
    return store;
  }

  private void assertUnchanged(MetadataStore store) {
    assertThat(ids(read(store, SAMPLES, ReadOptions.defaults().withSampleHistory()), "sample_id"))
        .containsExactly("s1", "s2");
  }

  @Test
  void aRowWithoutAnIdColumn() {
    MetadataStore store = seeded();
    List<Row> rows =
        List.of(sample("s3", "h3"), Row.of(PBF, Map.of("value", "h?")), sample("s4", "h4"));
    assertThatThrownBy(() -> write(store, SAMPLES, rows))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("sample_id")
        .hasMessageContaining(SAMPLES.toString());
    assertUnchanged(store);
  }

  @Test
  void aWronglyTypedSystemColumn() {
    MetadataStore store = seeded();
    List<Row> rows = List.of(sample("s5", "h5"), Row.of("sample_id", "s6", PBF, "not-a-map"));
    assertThatThrownBy(() -> write(store, SAMPLES, rows))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(PBF)
        .hasMessageContaining(SAMPLES.toString());
    assertUnchanged(store);
  }

  @Test
  void aRowWithoutProvenanceByField() {
    MetadataStore store = seeded();
    List<Row> rows = List.of(sample("s7", "h7"), Row.of("sample_id", "s8"));
    assertThatThrownBy(() -> write(store, SAMPLES, rows))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(PBF)
        .hasMessageContaining(SAMPLES.toString());
    assertUnchanged(store);
  }

  @Test
  void aFailedFirstWriteLeavesNoFeatureBehind() {
    MetadataStore store = seeded();
    List<Row> rows = List.of(sample("o1", "h1"), Row.of(PBF, Map.of("value", "h2")));
    assertThatThrownBy(() -> write(store, OTHER, rows))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("sample_id")
        .hasMessageContaining(OTHER.toString());
    assertThat(store.hasFeature(OTHER)).isFalse();
    assertThat(read(store, OTHER, ReadOptions.defaults().withSampleHistory())).isEmpty();
    assertThat(store.hasFeature(SAMPLES)).isTrue();
  }

  @Test
  void otherWronglyTypedSystemColumns() {
    MetadataStore store = seeded();
    assertThatThrownBy(() -> write(store, SAMPLES, List.of(sample("s9", "h9").with(DVBF, 42L))))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(DVBF)
        .hasMessageContaining(SAMPLES.toString());
    assertThatThrownBy(
            () -> write(store, SAMPLES, List.of(sample("s9", "h9").with(CREATED_AT, "yesterday"))))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(CREATED_AT)
        .hasMessageContaining(SAMPLES.toString());
    assertUnchanged(store);
  }

  @Test
  void aFeatureOutsideTheGraphIsNamed() {
    MetadataStore store = seeded();
    FeatureKey unknown = FeatureKey.of("kit/not_in_graph");
    assertThatThrownBy(() -> write(store, unknown, List.of(sample("s1", "h1"))))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(unknown.toString());
    assertThatThrownBy(() -> resolve(store, unknown))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(unknown.toString());
    assertUnchanged(store);
  }
}
