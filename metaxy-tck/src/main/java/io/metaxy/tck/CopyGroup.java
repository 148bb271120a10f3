package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.json.DefinitionsCodec;
import io.metaxy.ports.copy.CopyOptions;
import io.metaxy.ports.copy.CopyResult;
import io.metaxy.ports.copy.MetadataCopier;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Copying metadata between two stores of this kind ({@link MetadataCopier}). */
@DisplayName("Metadata copy between stores: versions kept, resumable, history and filters")
public abstract class CopyGroup extends KitGroup {
  protected CopyGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private static final List<String> KEPT =
      List.of(PROVENANCE, DATA_VERSION, FEATURE_VERSION, CREATED_AT, "video_id");

  private static List<Map<String, Object>> comparable(List<Row> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new java.util.TreeMap<>();
      for (String c : KEPT) {
        m.put(c, c.equals(CREATED_AT) ? instant(r.get(c)) : r.get(c));
      }
      m.put(PBF, r.getMap(PBF));
      m.put(DVBF, r.getMap(DVBF));
      out.add(m);
    }
    out.sort(java.util.Comparator.comparing(Object::toString));
    return out;
  }

  private MetadataStore pipeline(FeatureGraph g) {
    MetadataStore source = open(g);
    write(source, VIDEO, videos());
    resolveAndCompute(source, CROP);
    return source;
  }

  private List<CopyResult> copy(MetadataStore from, MetadataStore to, CopyOptions o) {
    clock.tick();
    return MetadataCopier.copy(from, to, o, r -> {});
  }

  @Test
  void copiesCurrentRowsKeepingVersionsProvenanceAndCreatedAt() {
    FeatureGraph g = Vectors.videoGraph();
    MetadataStore source = pipeline(g);
    MetadataStore target = open(g);
    List<CopyResult> results = copy(source, target, CopyOptions.defaults());
    assertThat(results).extracting(r -> r.feature()).containsExactly(VIDEO, CROP);
    assertThat(results).allSatisfy(r -> assertThat(r.rowsWritten()).isEqualTo(3));
    for (FeatureKey f : List.of(VIDEO, CROP)) {
      assertThat(comparable(read(target, f))).as("%s", f).isEqualTo(comparable(read(source, f)));
    }
    assertEmpty(resolve(target, CROP), "crop in the target after the copy");
  }

  @Test
  void rerunningAnInterruptedCopyCopiesOnlyWhatIsMissing() {
    FeatureGraph g = Vectors.videoGraph();
    MetadataStore source = pipeline(g);
    MetadataStore target = open(g);
    // The first run stopped after the video feature and one batch of crop.
    copy(source, target, CopyOptions.defaults().withFeatures(List.of(VIDEO)));
    copy(
        source,
        target,
        CopyOptions.defaults().withFeatures(List.of(CROP)).withFilters(List.of("video_id = 'v1'")));
    List<CopyResult> again = copy(source, target, CopyOptions.defaults());
    assertThat(again.get(0).rowsWritten()).as("video already copied").isZero();
    assertThat(again.get(0).rowsSkipped()).isEqualTo(3);
    assertThat(again.get(1).rowsWritten()).as("crop rows still missing").isEqualTo(2);
    assertThat(again.get(1).rowsSkipped()).isEqualTo(1);
    assertThat(read(target, CROP, ReadOptions.defaults().withSampleHistory()))
        .as("no duplicate rows")
        .hasSize(3);
    assertThat(copy(source, target, CopyOptions.defaults()))
        .allSatisfy(r -> assertThat(r.rowsWritten()).isZero());
  }

  @Test
  void filtersLimitTheCopiedSamples() {
    FeatureGraph g = Vectors.videoGraph();
    MetadataStore source = pipeline(g);
    MetadataStore target = open(g);
    copy(source, target, CopyOptions.defaults().withFilters(List.of("video_id = 'v2'")));
    assertThat(ids(read(target, VIDEO), "video_id")).containsExactly("v2");
    assertThat(ids(read(target, CROP), "video_id")).containsExactly("v2");
  }

  @Test
  void featureHistoryCopiesOldFeatureVersionsUnderTheirOwnVersion() {
    FeatureGraph g1 = Vectors.videoGraph();
    MetadataStore source = pipeline(g1);
    source.push();
    FeatureGraph g2 = KitGraphs.withCodeVersion(g1, CROP, "audio", "2");
    MetadataStore source2 = view(source, g2);
    resolveAndCompute(source2, CROP);
    source2.push();
    MetadataStore target = open(g2);
    copy(source2, target, CopyOptions.defaults().withFeatureHistory(DefinitionsCodec::readSpec));
    ReadOptions all = ReadOptions.defaults().withAllFeatureVersions();
    assertThat(comparable(read(target, CROP, all))).isEqualTo(comparable(read(source2, CROP, all)));
    assertThat(read(target, CROP, all))
        .extracting(r -> r.getString(FEATURE_VERSION))
        .containsOnly(g1.versions().featureVersion(CROP), g2.versions().featureVersion(CROP))
        .hasSize(6);
    assertEmpty(resolve(target, CROP), "crop (current version) in the target");
  }

  @Test
  void oldVersionWithoutAPushedSnapshotIsAnErrorNamingTheFeature() {
    FeatureGraph g1 = Vectors.videoGraph();
    MetadataStore source = pipeline(g1);
    FeatureGraph g2 = KitGraphs.withCodeVersion(g1, CROP, "audio", "2");
    MetadataStore source2 = view(source, g2);
    MetadataStore target = open(g2);
    assertThatThrownBy(
            () ->
                copy(
                    source2,
                    target,
                    CopyOptions.defaults()
                        .withFeatures(List.of(CROP))
                        .withFeatureHistory(DefinitionsCodec::readSpec)))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(CROP.toString())
        .hasMessageContaining("push");
    assertThat(target.hasFeature(CROP)).as("nothing written").isFalse();
  }

  @Test
  void sampleHistoryCopiesEveryRowAndKeepsTheLatestAndTombstones() {
    FeatureGraph g = KitGraphs.roots();
    MetadataStore source = open(g);
    write(source, SAMPLES, List.of(sample("1", "h1"), sample("2", "h2")));
    write(source, SAMPLES, List.of(sample("1", "h1b")));
    write(source, SAMPLES, List.of(sample("1", "h1c"), sample("3", "h3")));
    clock.tick();
    source.delete(SAMPLES, DeleteOptions.soft("sample_id = '2'"));
    MetadataStore target = open(g);
    copy(source, target, CopyOptions.defaults().withSampleHistory());
    ReadOptions history = ReadOptions.defaults().withSampleHistory().withDeleted();
    assertThat(read(target, SAMPLES, history)).hasSize(read(source, SAMPLES, history).size());
    assertThat(ids(read(target, SAMPLES), "sample_id")).containsExactly("1", "3");
    assertThat(byId(read(target, SAMPLES), "sample_id").get("1").getMap(PBF))
        .isEqualTo(Map.of("value", "h1c"));
    assertThat(copy(source, target, CopyOptions.defaults().withSampleHistory()))
        .allSatisfy(r -> assertThat(r.rowsWritten()).as("re-run").isZero());
  }
}
