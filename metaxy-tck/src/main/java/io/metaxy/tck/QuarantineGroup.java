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
import io.metaxy.ports.quarantine.SampleFailure;
import io.metaxy.ports.quarantine.WriteOutcome;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.WriteOptions;
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

  @Test
  void failuresRecordedWithTheWriteAreSkippedUntilCodeChangesOrRelease() {
    FeatureGraph g1 = Vectors.videoGraph();
    MetadataStore store = open(g1);
    write(store, VIDEO, videos());
    Increment.Materialized inc = resolve(store, CROP);
    List<Row> ok = inc.newRows().stream().filter(r -> !"v2".equals(r.get("video_id"))).toList();
    Row failed =
        inc.newRows().stream().filter(r -> "v2".equals(r.get("video_id"))).findFirst().get();
    clock.tick();
    WriteOutcome out =
        store.writeWithFailures(
            CROP,
            ok,
            List.of(SampleFailure.of(failed, "decoder crashed")),
            WriteOptions.defaults());
    assertThat(out).isEqualTo(new WriteOutcome(2, 1));
    assertThat(ids(read(store, CROP), "video_id")).containsExactlyInAnyOrder("v1", "v3");
    Quarantine q = quarantine(store);
    Quarantine.Resolved next = q.resolveUpdate(CROP);
    assertEmpty(next.increment(), "crop on the next run");
    assertThat(ids(next.quarantined(), "video_id")).containsExactly("v2");
    assertThat(q.entries(CROP))
        .extracting(QuarantineEntry::errorMessage)
        .containsExactly("decoder crashed");

    MetadataStore bumped = view(store, KitGraphs.withCodeVersion(g1, CROP, "audio", "2"));
    assertThat(ids(quarantine(bumped).resolveUpdate(CROP).increment().newRows(), "video_id"))
        .as("after a code-version bump")
        .containsExactly("v1", "v2", "v3");

    clock.tick();
    assertThat(q.release(CROP, List.of(Row.of("video_id", "v2")))).isEqualTo(1);
    assertThat(ids(q.resolveUpdate(CROP).increment().toCompute(), "video_id"))
        .as("after release")
        .containsExactly("v2");
  }

  @Test
  void aFailedWriteLeavesTheQuarantineAsItWas() {
    MetadataStore store = failedV2(Vectors.videoGraph());
    Increment.Materialized inc = resolve(store, CROP);
    Row v2 = inc.newRows().get(0);
    write(store, VIDEO, List.of(video("v1", "a1-new", "f1")));
    Row v1 =
        resolve(store, CROP).staleRows().stream()
            .filter(r -> "v1".equals(r.get("video_id")))
            .findFirst()
            .get();
    Quarantine q = quarantine(store);
    List<QuarantineEntry> before = q.entries(CROP);
    clock.tick();
    Row bad = Row.of("video_id", "v3", PBF, "not-a-map");
    assertThatThrownBy(
            () ->
                store.writeWithFailures(
                    CROP,
                    List.of(bad),
                    List.of(SampleFailure.of(v2, "again"), SampleFailure.of(v1, "new failure")),
                    WriteOptions.defaults()))
        .isInstanceOf(MetaxyException.class);
    assertThat(q.entries(CROP))
        .extracting(QuarantineEntry::sampleKey, QuarantineEntry::errorMessage)
        .containsExactlyElementsOf(
            before.stream()
                .map(e -> org.assertj.core.groups.Tuple.tuple(e.sampleKey(), e.errorMessage()))
                .toList());
    assertThat(ids(quarantine(store).resolveUpdate(CROP).increment().staleRows(), "video_id"))
        .containsExactly("v1");
  }
}
