package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.FACE_DETECTION;
import static io.metaxy.tck.internal.KitGraphs.STT;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.tck.internal.ExpectedProvenance;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Acceptance 2: the video pipeline under a code-version bump and a data-version change. */
@DisplayName("Video pipeline: code-version bump and data-version change")
public abstract class VideoPipelineGroup extends KitGroup {
  protected VideoPipelineGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  @Test
  void audioCodeVersionBumpRecomputesCropAndSttButNotFaceDetection() {
    FeatureGraph v1 = Vectors.videoGraph();
    MetadataStore store = open(v1);
    write(store, VIDEO, videos());
    assertThat(resolveAndCompute(store, CROP).newRows()).hasSize(3);
    assertThat(resolveAndCompute(store, FACE_DETECTION).newRows()).hasSize(3);
    assertThat(resolveAndCompute(store, STT).newRows()).hasSize(3);
    String oldCrop = Vectors.featureVersion(Vectors.GRAPH, CROP.toString());
    assertThat(read(store, CROP))
        .extracting(r -> r.getString(FEATURE_VERSION))
        .containsOnly(oldCrop);
    assertThat(read(store, CROP))
        .extracting(r -> r.getString(PROJECT_VERSION))
        .containsOnly(v1.versions().projectVersion());

    FeatureGraph v2 = KitGraphs.withCodeVersion(v1, VIDEO, "audio", "2");
    MetadataStore bumped = view(store, v2);
    // The root is re-ingested under its new feature version first.
    Increment.Materialized video = resolve(bumped, VIDEO, ResolveOptions.withSamples(videos()));
    assertThat(ids(video.newRows(), "video_id")).containsExactly("v1", "v2", "v3");
    assertThat(video.staleRows()).isEmpty();
    compute(bumped, VIDEO, video);

    String section = Vectors.AUDIO_CODE_VERSION_2;
    for (FeatureKey f : List.of(CROP, STT)) {
      Increment.Materialized inc = resolve(bumped, f);
      assertThat(ids(inc.newRows(), "video_id")).as("%s new", f).containsExactly("v1", "v2", "v3");
      assertThat(inc.staleRows()).as("%s stale", f).isEmpty();
      assertThat(inc.orphanedRows()).as("%s orphaned", f).isEmpty();
      compute(bumped, f, inc);
      assertThat(read(bumped, f))
          .as("%s rows under the new feature version", f)
          .hasSize(3)
          .extracting(r -> r.getString(FEATURE_VERSION))
          .containsOnly(Vectors.featureVersion(section, f.toString()));
    }
    assertThat(read(bumped, CROP))
        .extracting(r -> r.getString(PROJECT_VERSION))
        .containsOnly(v2.versions().projectVersion());
    assertEmpty(resolve(bumped, FACE_DETECTION), "face_detection after the audio bump");
    assertThat(read(bumped, FACE_DETECTION)).hasSize(3);

    // Old rows stay in history.
    assertThat(read(bumped, CROP, ReadOptions.defaults().withFeatureVersion(oldCrop))).hasSize(3);
    assertThat(read(bumped, CROP, ReadOptions.defaults().withAllFeatureVersions())).hasSize(6);
    assertThat(read(store, CROP)).as("the old definitions still see their rows").hasSize(3);
  }

  @Test
  void audioDataVersionChangeMakesOnlyThatSampleStale() {
    FeatureGraph graph = Vectors.videoGraph();
    MetadataStore store = open(graph);
    write(store, VIDEO, videos());
    resolveAndCompute(store, CROP);
    resolveAndCompute(store, FACE_DETECTION);
    resolveAndCompute(store, STT);

    write(store, VIDEO, List.of(video("v2", "a2-remastered", "f2")));
    Increment.Materialized crop = resolve(store, CROP);
    assertThat(crop.newRows()).isEmpty();
    assertThat(crop.orphanedRows()).isEmpty();
    assertThat(ids(crop.staleRows(), "video_id")).containsExactly("v2");
    Map<String, String> expected =
        ExpectedProvenance.byField(graph, CROP, videoDv("a2-remastered", "f2"), MD5);
    assertThat(crop.staleRows().get(0).getMap(PBF)).isEqualTo(expected);
    assertThat(crop.staleRows().get(0).getString(PROVENANCE))
        .isEqualTo(ExpectedProvenance.combined(expected, MD5));

    Increment.Materialized stt = resolve(store, STT);
    assertThat(stt.newRows()).isEmpty();
    assertThat(stt.orphanedRows()).isEmpty();
    assertThat(ids(stt.staleRows(), "video_id")).containsExactly("v2");

    compute(store, CROP, crop);
    compute(store, STT, stt);
    assertEmpty(resolve(store, FACE_DETECTION), "face_detection after an audio change");
    assertEmpty(resolve(store, CROP), "crop after recomputing v2");
    assertEmpty(resolve(store, STT), "stt after recomputing v2");
  }
}
