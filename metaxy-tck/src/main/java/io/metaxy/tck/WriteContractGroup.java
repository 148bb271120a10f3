package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.OTHER;
import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.tck.internal.ExpectedProvenance;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The write contract (ADR-0004): what a written row must hold and how the system columns are
 * filled, identical in every store. Each violation is refused with an error naming the feature and
 * the column, and leaves the store exactly as it was.
 */
@DisplayName("Write contract: validation and system columns (ADR-0004)")
public abstract class WriteContractGroup extends KitGroup {
  protected WriteContractGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private MetadataStore seeded() {
    MetadataStore store = open(KitGraphs.roots());
    write(store, SAMPLES, List.of(sample("s1", "h1"), sample("s2", "h2")));
    return store;
  }

  /** Every stored row, every version, tombstones included. */
  private List<Row> everything(MetadataStore store) {
    List<Row> rows =
        new ArrayList<>(
            read(
                store,
                SAMPLES,
                ReadOptions.defaults().withAllFeatureVersions().withSampleHistory().withDeleted()));
    rows.sort(java.util.Comparator.comparing(Row::toString));
    return rows;
  }

  /** Writes {@code rows} after a valid one; asserts the refusal and that nothing changed. */
  private void assertRefused(MetadataStore store, Row bad, String column) {
    List<Row> before = everything(store);
    List<Row> batch = List.of(sample("s3", "h3"), bad);
    assertThatThrownBy(() -> write(store, SAMPLES, batch))
        .as("writing a row that breaks the contract on %s", column)
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(SAMPLES.toString())
        .hasMessageContaining(column);
    assertThat(everything(store))
        .as("the store is unchanged after the refused write")
        .isEqualTo(before);
  }

  @Test
  void aNullIdColumnIsRefused() {
    MetadataStore store = seeded();
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("sample_id", null);
    m.put(PBF, Map.of("value", "h9"));
    assertRefused(store, Row.of(m), "sample_id");
  }

  @Test
  void aMissingIdColumnIsRefused() {
    assertRefused(seeded(), Row.of(PBF, Map.of("value", "h9")), "sample_id");
  }

  @Test
  void anEmptyProvenanceByFieldIsRefused() {
    assertRefused(seeded(), Row.of("sample_id", "s9", PBF, Map.of()), PBF);
  }

  @Test
  void provenanceByFieldMustCoverExactlyTheFields() {
    MetadataStore store = seeded();
    assertRefused(store, Row.of("sample_id", "s9", PBF, Map.of("other", "h")), "other");
    assertRefused(
        store, Row.of("sample_id", "s9", PBF, Map.of("value", "h", "other", "h")), "other");
  }

  @Test
  void aDataVersionWithoutItsPerFieldMapIsRefused() {
    assertRefused(seeded(), sample("s9", "h9").with(DATA_VERSION, "cafebabe"), DVBF);
  }

  @Test
  void aDataVersionMapWithAnUnknownFieldIsRefused() {
    assertRefused(seeded(), sample("s9", "h9").with(DVBF, Map.of("nope", "x")), "nope");
  }

  @Test
  void anUnknownSystemColumnIsRefused() {
    assertRefused(seeded(), sample("s9", "h9").with("metaxy_whatever", "x"), "metaxy_whatever");
  }

  @Test
  void aFailedFirstWriteLeavesNoFeature() {
    MetadataStore store = open(KitGraphs.roots());
    assertThatThrownBy(
            () ->
                write(
                    store,
                    OTHER,
                    List.of(sample("s1", "h1"), Row.of("sample_id", "s2", PBF, Map.of()))))
        .isInstanceOf(MetaxyException.class);
    assertThat(store.hasFeature(OTHER)).isFalse();
    assertThat(read(store, OTHER)).isEmpty();
  }

  @Test
  void aCallerGivenDeletedAtIsStoredAndMakesTheRowATombstone() {
    MetadataStore store = seeded();
    Instant at = Instant.parse("2025-06-01T00:00:00Z");
    write(store, SAMPLES, List.of(sample("s1", "h1b").with(DELETED_AT, at)));
    assertThat(ids(read(store, SAMPLES), "sample_id")).as("s1 is hidden").containsExactly("s2");
    Row tomb =
        byId(read(store, SAMPLES, ReadOptions.defaults().withDeleted()), "sample_id").get("s1");
    assertThat(instant(tomb.get(DELETED_AT))).isEqualTo(at);
    assertThat(tomb.getMap(PBF)).isEqualTo(Map.of("value", "h1b"));
  }

  @Test
  void givenProvenanceIsKeptAndMissingProvenanceIsComputed() {
    MetadataStore store = open(KitGraphs.roots());
    write(
        store,
        SAMPLES,
        List.of(sample("s1", "h1").with(PROVENANCE, "given-p"), sample("s2", "h2")));
    Map<String, Row> rows = byId(read(store, SAMPLES), "sample_id");
    assertThat(rows.get("s1").getString(PROVENANCE)).isEqualTo("given-p");
    assertThat(rows.get("s2").getString(PROVENANCE)).isEqualTo(ExpectedProvenance.hash(MD5, "h2"));
  }

  @Test
  void dataVersionsDefaultToProvenanceAndAGivenMapFillsMissingFields() {
    MetadataStore store = open(Vectors.videoGraph());
    write(
        store,
        VIDEO,
        List.of(
            video("v1", "a1", "f1"),
            video("v2", "a2", "f2").with(DVBF, Map.of("audio", "user-a2")),
            video("v3", "a3", "f3")
                .with(DVBF, Map.of("audio", "user-a3", "frames", "user-f3"))
                .with(DATA_VERSION, "given-dv")));
    Map<String, Row> rows = byId(read(store, VIDEO), "video_id");
    assertThat(rows.get("v1").getMap(DVBF)).isEqualTo(Map.of("audio", "a1", "frames", "f1"));
    assertThat(rows.get("v1").getString(DATA_VERSION))
        .isEqualTo(rows.get("v1").getString(PROVENANCE));
    assertThat(rows.get("v2").getMap(DVBF)).isEqualTo(Map.of("audio", "user-a2", "frames", "f2"));
    assertThat(rows.get("v2").getString(DATA_VERSION))
        .isEqualTo(ExpectedProvenance.hash(MD5, "user-a2|f2"));
    assertThat(rows.get("v3").getString(DATA_VERSION))
        .as("a data version given with its per-field map is kept")
        .isEqualTo("given-dv");
  }

  @Test
  void createdAtIsKeptWhenGivenElseTheSamplesFirst() {
    MetadataStore store = seeded();
    Instant first = instant(byId(read(store, SAMPLES), "sample_id").get("s1").get(CREATED_AT));
    Instant given = Instant.parse("2020-02-02T00:00:00Z");
    write(store, SAMPLES, List.of(sample("s1", "h1b"), sample("s4", "h4").with(CREATED_AT, given)));
    Map<String, Row> rows = byId(read(store, SAMPLES), "sample_id");
    assertThat(instant(rows.get("s1").get(CREATED_AT))).isEqualTo(first);
    assertThat(instant(rows.get("s1").get(UPDATED_AT))).isEqualTo(clock.instant());
    assertThat(instant(rows.get("s4").get(CREATED_AT))).isEqualTo(given);
  }

  @Test
  void theWriteOptionsMaterializationIdWins() {
    MetadataStore store = open(KitGraphs.roots());
    clock.tick();
    store.write(
        SAMPLES,
        List.of(sample("s1", "h1").with(MATERIALIZATION_ID, "given"), sample("s2", "h2")),
        WriteOptions.materializationId("run-7"));
    write(store, SAMPLES, List.of(sample("s3", "h3").with(MATERIALIZATION_ID, "given")));
    Map<String, Row> rows = byId(read(store, SAMPLES), "sample_id");
    assertThat(rows.get("s1").getString(MATERIALIZATION_ID)).isEqualTo("run-7");
    assertThat(rows.get("s2").getString(MATERIALIZATION_ID)).isEqualTo("run-7");
    assertThat(rows.get("s3").getString(MATERIALIZATION_ID)).isEqualTo("given");
  }
}
