package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.quarantine.Quarantine;
import io.metaxy.ports.quarantine.QuarantineEntry;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Error quarantine ({@link Quarantine}, ADR-0007) through the ports of this store. */
@DisplayName("Error quarantine: failed samples skipped until inputs or code change or release")
public abstract class QuarantineGroup extends KitGroup {
  protected QuarantineGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  /** Video written, crop computed except v2, whose failure is quarantined. */
  private MetadataStore failedV2(FeatureGraph g) {
    MetadataStore store = open(g);
    write(store, VIDEO, videos());
    Increment.Materialized inc = resolve(store, CROP);
    List<Row> ok = inc.newRows().stream().filter(r -> !"v2".equals(r.get("video_id"))).toList();
    List<Row> failed = inc.newRows().stream().filter(r -> "v2".equals(r.get("video_id"))).toList();
    write(store, CROP, ok);
    clock.tick();
    assertThat(store.quarantine(CROP, failed, "decoder crashed")).isEqualTo(1);
    return store;
  }

  private final List<Quarantine> opened = new java.util.ArrayList<>();

  private Quarantine quarantine(MetadataStore store) {
    Quarantine q = Quarantine.of(store);
    opened.add(q);
    return q;
  }

  @AfterEach
  void closeQuarantines() {
    opened.forEach(Quarantine::close);
    opened.clear();
  }

  @Test
  void aQuarantinedSampleIsLeftOutOfTheNextRunAndListed() {
    MetadataStore store = failedV2(Vectors.videoGraph());
    Quarantine q = quarantine(store);
    Quarantine.Resolved r = q.resolveUpdate(CROP);
    assertEmpty(r.increment(), "crop with v2 quarantined");
    assertThat(ids(r.quarantined(), "video_id")).containsExactly("v2");
    assertThat(ids(resolve(store, CROP).newRows(), "video_id"))
        .as("the plain increment still lists it")
        .containsExactly("v2");
    List<QuarantineEntry> entries = q.entries(CROP);
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).sampleKey()).contains("v2");
    assertThat(entries.get(0).errorMessage()).isEqualTo("decoder crashed");
    assertThat(entries.get(0).featureVersion())
        .isEqualTo(store.graph().versions().featureVersion(CROP));
    assertThat(store.graph().contains(Quarantine.FEATURE))
        .as("the store's own graph is unchanged")
        .isFalse();
  }

  @Test
  void releaseBringsTheSampleBack() {
    MetadataStore store = failedV2(Vectors.videoGraph());
    Quarantine q = quarantine(store);
    clock.tick();
    assertThat(q.release(CROP, List.of(Row.of("video_id", "v9")))).isZero();
    assertThat(q.release(CROP, List.of(Row.of("video_id", "v2")))).isEqualTo(1);
    assertThat(q.entries(CROP)).isEmpty();
    Quarantine.Resolved r = q.resolveUpdate(CROP);
    assertThat(ids(r.increment().newRows(), "video_id")).containsExactly("v2");
    assertThat(r.quarantined()).isEmpty();
  }

  @Test
  void aCodeVersionBumpBringsTheSampleBack() {
    FeatureGraph g1 = Vectors.videoGraph();
    MetadataStore store = failedV2(g1);
    MetadataStore bumped = view(store, KitGraphs.withCodeVersion(g1, CROP, "audio", "2"));
    Quarantine.Resolved r = quarantine(bumped).resolveUpdate(CROP);
    assertThat(ids(r.increment().newRows(), "video_id")).containsExactly("v1", "v2", "v3");
    assertThat(r.quarantined()).isEmpty();
  }

  @Test
  void changedInputsBringTheSampleBack() {
    MetadataStore store = failedV2(Vectors.videoGraph());
    write(store, VIDEO, List.of(video("v2", "a2-new", "f2")));
    Quarantine.Resolved r = quarantine(store).resolveUpdate(CROP);
    assertThat(ids(r.increment().toCompute(), "video_id")).containsExactly("v2");
    assertThat(r.quarantined()).isEmpty();
  }

  @Test
  void samplesGivenByIdOnlyTakeTheirExpectedProvenance() {
    MetadataStore store = open(Vectors.videoGraph());
    write(store, VIDEO, videos());
    clock.tick();
    assertThat(store.quarantine(CROP, List.of(Row.of("video_id", "v3")), "oom")).isEqualTo(1);
    Quarantine.Resolved r = quarantine(store).resolveUpdate(CROP);
    assertThat(ids(r.increment().newRows(), "video_id")).containsExactly("v1", "v2");
    assertThat(ids(r.quarantined(), "video_id")).containsExactly("v3");
  }

  @Test
  void badInputIsAnErrorNamingTheFeature() {
    MetadataStore store = open(KitGraphs.roots());
    assertThatThrownBy(() -> store.quarantine(SAMPLES, List.of(Row.of("sample_id", "1")), "x"))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(SAMPLES.toString())
        .hasMessageContaining("metaxy_provenance");
    MetadataStore video = open(Vectors.videoGraph());
    assertThatThrownBy(() -> video.quarantine(CROP, List.of(Row.of("other", "1")), "x"))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(CROP.toString())
        .hasMessageContaining("video_id");
  }
}
