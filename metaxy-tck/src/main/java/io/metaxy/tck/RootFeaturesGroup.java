package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.tck.internal.ExpectedProvenance;
import io.metaxy.tck.internal.KitGraphs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Acceptance 3: root features resolve against the given samples. */
@DisplayName("Root features resolve against the given samples")
public abstract class RootFeaturesGroup extends KitGroup {
  protected RootFeaturesGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  @Test
  void samplesAreDiffedIntoNewStaleAndOrphaned() {
    MetadataStore store = open(KitGraphs.roots());
    write(store, SAMPLES, List.of(sample("1", "h1"), sample("2", "h2"), sample("3", "h3")));
    Increment.Materialized inc =
        resolve(
            store,
            SAMPLES,
            ResolveOptions.withSamples(
                List.of(sample("1", "h1"), sample("2", "h2-changed"), sample("4", "h4"))));
    assertThat(ids(inc.newRows(), "sample_id")).containsExactly("4");
    assertThat(ids(inc.staleRows(), "sample_id")).containsExactly("2");
    assertThat(ids(inc.orphanedRows(), "sample_id")).containsExactly("3");
    Row added = inc.newRows().get(0);
    assertThat(added.getMap(PBF)).isEqualTo(Map.of("value", "h4"));
    assertThat(added.getString(PROVENANCE)).isEqualTo(ExpectedProvenance.hash(MD5, "h4"));
    Row stale = inc.staleRows().get(0);
    assertThat(stale.getMap(PBF)).isEqualTo(Map.of("value", "h2-changed"));
    assertThat(stale.getString(PROVENANCE)).isEqualTo(ExpectedProvenance.hash(MD5, "h2-changed"));
  }

  @Test
  void givenProvenanceOfSamplesIsRecomputed() {
    MetadataStore store = open(KitGraphs.roots());
    write(store, SAMPLES, List.of(sample("1", "h1")));
    Row misleading = sample("1", "h1").with(PROVENANCE, "ffffffff");
    Increment.Materialized inc =
        resolve(store, SAMPLES, ResolveOptions.withSamples(List.of(misleading)));
    assertEmpty(inc, "a sample whose given provenance is wrong but by-field values equal");
  }

  @Test
  void rootWithoutSamplesIsAnErrorNamingTheFeature() {
    MetadataStore store = open(KitGraphs.roots());
    write(store, SAMPLES, List.of(sample("1", "h1")));
    assertThatThrownBy(() -> store.resolveUpdate(SAMPLES).collect())
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(SAMPLES.toString());
  }
}
