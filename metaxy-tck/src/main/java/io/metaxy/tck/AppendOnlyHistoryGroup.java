package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.tck.internal.ExpectedProvenance;
import io.metaxy.tck.internal.KitGraphs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Acceptance 8: append-only writes, merge-on-read, soft and hard delete. */
@DisplayName("Append-only history, soft and hard delete")
public abstract class AppendOnlyHistoryGroup extends KitGroup {
  protected AppendOnlyHistoryGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private List<Row> tenRows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(sample("s" + i, "h" + i).with("score", (double) i));
    }
    return rows;
  }

  @Test
  void theSameRowsWrittenFiveTimesReadOnceEach() {
    MetadataStore store = open(KitGraphs.roots());
    for (int i = 0; i < 5; i++) {
      assertThat(write(store, SAMPLES, tenRows())).isEqualTo(10);
    }
    assertThat(read(store, SAMPLES)).hasSize(10);
    assertThat(read(store, SAMPLES, ReadOptions.defaults().withSampleHistory())).hasSize(50);
    Increment.Materialized inc = resolve(store, SAMPLES, ResolveOptions.withSamples(tenRows()));
    assertThat(inc.orphanedRows()).isEmpty();
    assertEmpty(inc, "resolving the same samples");
  }

  @Test
  void theLatestWriteWins() {
    MetadataStore store = open(KitGraphs.roots());
    write(store, SAMPLES, List.of(sample("s1", "old").with("score", 1.0)));
    Instant second = clock.instant().plusSeconds(1);
    write(store, SAMPLES, List.of(sample("s1", "new").with("score", 2.0)));
    Row row = read(store, SAMPLES).get(0);
    assertThat(row.getMap(PBF)).isEqualTo(Map.of("value", "new"));
    assertThat(((Number) row.get("score")).doubleValue()).isEqualTo(2.0);
    assertThat(instant(row.get(UPDATED_AT))).isEqualTo(second);
  }

  @Test
  void writeFillsEverySystemColumn() {
    FeatureGraph graph = KitGraphs.roots();
    MetadataStore store = open(graph);
    clock.tick();
    Instant at = clock.instant();
    store.write(
        SAMPLES,
        List.of(sample("s1", "h1").with("score", 0.5)),
        WriteOptions.materializationId("run-42"));
    Row row = read(store, SAMPLES).get(0);
    assertThat(row.columns()).containsAll(SystemColumns.ALL);
    assertThat(row.get("sample_id")).isEqualTo("s1");
    assertThat(((Number) row.get("score")).doubleValue()).isEqualTo(0.5);
    assertThat(row.getMap(PBF)).isEqualTo(Map.of("value", "h1"));
    assertThat(row.getString(PROVENANCE)).isEqualTo(ExpectedProvenance.hash(MD5, "h1"));
    assertThat(row.getMap(DVBF))
        .as("data versions default to provenance")
        .isEqualTo(row.getMap(PBF));
    assertThat(row.getString(DATA_VERSION)).isEqualTo(row.getString(PROVENANCE));
    assertThat(row.getString(FEATURE_VERSION)).isEqualTo(graph.versions().featureVersion(SAMPLES));
    assertThat(row.getString(PROJECT_VERSION)).isEqualTo(graph.versions().projectVersion());
    assertThat(instant(row.get(CREATED_AT))).isEqualTo(at);
    assertThat(instant(row.get(UPDATED_AT))).isEqualTo(at);
    assertThat(row.get(DELETED_AT)).isNull();
    assertThat(row.getString(MATERIALIZATION_ID)).isEqualTo("run-42");
  }

  @Test
  void softDeleteHidesAndRewritingRevivesKeepingCreatedAt() {
    MetadataStore store = open(KitGraphs.roots());
    write(store, SAMPLES, tenRows());
    Row original = byId(read(store, SAMPLES), "sample_id").get("s3");
    Instant createdAt = instant(original.get(CREATED_AT));

    clock.tick();
    Instant deletedAt = clock.instant();
    assertThat(store.delete(SAMPLES, DeleteOptions.soft("sample_id = 's3'"))).isEqualTo(1);
    assertThat(ids(read(store, SAMPLES), "sample_id")).hasSize(9).doesNotContain("s3");
    Row tombstone =
        byId(read(store, SAMPLES, ReadOptions.defaults().withDeleted()), "sample_id").get("s3");
    assertThat(tombstone).as("soft-deleted sample visible with withDeleted()").isNotNull();
    assertThat(instant(tombstone.get(DELETED_AT))).isEqualTo(deletedAt);
    assertThat(instant(tombstone.get(CREATED_AT)))
        .as("a tombstone keeps the sample's created_at")
        .isEqualTo(createdAt);
    assertThat(resolve(store, SAMPLES, ResolveOptions.withSamples(tenRows())).newRows())
        .extracting(r -> r.getString("sample_id"))
        .as("a soft-deleted sample is new again")
        .containsExactly("s3");

    write(
        store, SAMPLES, List.of(sample("s3", "h3").with("score", 3.0).with(CREATED_AT, createdAt)));
    Map<String, Row> after = byId(read(store, SAMPLES), "sample_id");
    assertThat(after).hasSize(10);
    Row revived = after.get("s3");
    assertThat(revived.get(DELETED_AT)).isNull();
    assertThat(instant(revived.get(CREATED_AT))).as("created_at preserved").isEqualTo(createdAt);
    assertThat(instant(revived.get(UPDATED_AT))).isAfter(deletedAt);
    assertEmpty(
        resolve(store, SAMPLES, ResolveOptions.withSamples(tenRows())), "after reviving s3");
  }

  @Test
  void hardDeleteRemovesRowsPhysically() {
    MetadataStore store = open(KitGraphs.roots());
    write(store, SAMPLES, List.of(sample("s1", "a"), sample("s2", "b")));
    write(store, SAMPLES, List.of(sample("s1", "a2")));
    assertThat(store.delete(SAMPLES, DeleteOptions.hard("sample_id = 's1'"))).isEqualTo(2);
    assertThat(ids(read(store, SAMPLES, ReadOptions.defaults().withSampleHistory()), "sample_id"))
        .containsExactly("s2");
    assertThat(ids(read(store, SAMPLES, ReadOptions.defaults().withDeleted()), "sample_id"))
        .containsExactly("s2");
    assertThat(store.delete(SAMPLES, new DeleteOptions(List.of(), true))).isEqualTo(1);
    assertThat(read(store, SAMPLES, ReadOptions.defaults().withSampleHistory())).isEmpty();
    assertThat(store.hasFeature(SAMPLES)).isFalse();
  }

  @Test
  void hardDeleteWithFeatureHistoryRemovesEveryFeatureVersion() {
    FeatureGraph g1 = KitGraphs.roots();
    MetadataStore store = open(g1);
    write(store, SAMPLES, List.of(sample("s1", "a"), sample("s2", "b")));
    MetadataStore next = view(store, KitGraphs.withCodeVersion(g1, SAMPLES, "value", "2"));
    write(next, SAMPLES, List.of(sample("s1", "a"), sample("s2", "b")));
    ReadOptions everything = ReadOptions.defaults().withAllFeatureVersions().withSampleHistory();
    assertThat(read(next, SAMPLES, everything)).hasSize(4);
    assertThat(next.delete(SAMPLES, DeleteOptions.hard("sample_id = 's1'").withFeatureHistory()))
        .isEqualTo(2);
    assertThat(ids(read(next, SAMPLES, everything), "sample_id")).containsExactly("s2", "s2");
    assertThat(ids(read(store, SAMPLES), "sample_id")).containsExactly("s2");
  }

  @Test
  void hardDeleteByDefaultRemovesOnlyTheCurrentFeatureVersion() {
    FeatureGraph g1 = KitGraphs.roots();
    MetadataStore store = open(g1);
    write(store, SAMPLES, List.of(sample("s1", "a"), sample("s2", "b")));
    MetadataStore next = view(store, KitGraphs.withCodeVersion(g1, SAMPLES, "value", "2"));
    write(next, SAMPLES, List.of(sample("s1", "a"), sample("s2", "b")));
    ReadOptions everything = ReadOptions.defaults().withAllFeatureVersions().withSampleHistory();
    assertThat(next.delete(SAMPLES, DeleteOptions.hard("sample_id = 's1'")))
        .as("rows removed: s1 of the current feature version only")
        .isEqualTo(1);
    assertThat(ids(read(next, SAMPLES, everything), "sample_id")).containsExactly("s1", "s2", "s2");
    assertThat(ids(read(next, SAMPLES), "sample_id")).containsExactly("s2");
    assertThat(ids(read(store, SAMPLES), "sample_id"))
        .as("the old feature version keeps its rows")
        .containsExactly("s1", "s2");
  }

  @Test
  void theStoreOwnsVersionsAndUpdatedAt() {
    FeatureGraph graph = KitGraphs.roots();
    MetadataStore store = open(graph);
    Instant past = Instant.parse("2000-01-01T00:00:00Z");
    write(
        store,
        SAMPLES,
        List.of(
            sample("s1", "h1")
                .with(FEATURE_VERSION, "deadbeef")
                .with(PROJECT_VERSION, "deadbeef")
                .with(UPDATED_AT, past)));
    Row row = read(store, SAMPLES).get(0);
    assertThat(row.getString(FEATURE_VERSION)).isEqualTo(graph.versions().featureVersion(SAMPLES));
    assertThat(row.getString(PROJECT_VERSION)).isEqualTo(graph.versions().projectVersion());
    assertThat(instant(row.get(UPDATED_AT))).isEqualTo(clock.instant());
    assertThat(instant(row.get(CREATED_AT))).isEqualTo(clock.instant());
    assertThat(row.get(MATERIALIZATION_ID)).isNull();
  }
}
