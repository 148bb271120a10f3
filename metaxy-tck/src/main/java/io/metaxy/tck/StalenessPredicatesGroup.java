package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.tck.internal.ExpectedProvenance;
import io.metaxy.tck.internal.KitGraphs;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Acceptance 10: staleness predicates are OR-ed and never duplicate new samples. */
@DisplayName("Staleness predicates")
public abstract class StalenessPredicatesGroup extends KitGroup {
  protected StalenessPredicatesGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private Row graded(String id, String value, double quality, String status) {
    return sample(id, value).with("quality", quality).with("status", status);
  }

  @Test
  void predicatesAreOredAndNewSamplesAreNeverStale() {
    MetadataStore store = open(KitGraphs.roots());
    write(
        store,
        SAMPLES,
        List.of(
            graded("s1", "h1", 0.9, "ok"),
            graded("s2", "h2", 0.2, "ok"),
            graded("s3", "h3", 0.8, "retry"),
            graded("s4", "h4", 0.1, "retry"),
            graded("s5", "h5", 0.9, "ok"),
            graded("s6", "h6", 0.1, "retry")));
    store.delete(SAMPLES, DeleteOptions.soft("sample_id = 's6'"));
    List<Row> samples =
        List.of(
            sample("s1", "h1"),
            sample("s2", "h2"),
            sample("s3", "h3"),
            sample("s4", "h4-changed"),
            sample("s5", "h5-changed"),
            sample("s6", "h6"),
            sample("s7", "h7"));
    Increment.Materialized inc =
        resolve(
            store,
            SAMPLES,
            ResolveOptions.withSamples(samples).staleWhen("quality < 0.5", "status = 'retry'"));
    assertThat(ids(inc.newRows(), "sample_id")).containsExactly("s6", "s7");
    assertThat(ids(inc.staleRows(), "sample_id")).containsExactly("s2", "s3", "s4", "s5");
    assertThat(inc.orphanedRows()).isEmpty();
    Row s3 = byId(inc.staleRows(), "sample_id").get("s3");
    assertThat(s3.getString(PROVENANCE)).isEqualTo(ExpectedProvenance.hash(MD5, "h3"));

    Increment.Materialized none =
        resolve(store, SAMPLES, ResolveOptions.withSamples(samples).staleWhen("quality > 5"));
    assertThat(ids(none.staleRows(), "sample_id")).containsExactly("s4", "s5");
  }
}
