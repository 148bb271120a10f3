package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static io.metaxy.tck.internal.KitGraphs.STT;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.internal.ExpectedProvenance;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import io.metaxy.tck.internal.Vectors.RowVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Acceptance 1: per-row provenance equals the shared vectors, per row hash algorithm. */
@DisplayName("Row vectors: provenance per hash algorithm equals the shared vectors")
public abstract class RowVectorsGroup extends KitGroup {
  protected RowVectorsGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"md5", "sha256", "xxhash64"})
  void provenanceMatchesTheSharedVectors(String algorithmName) {
    HashAlgorithm algorithm = HashAlgorithm.fromConfigName(algorithmName);
    FeatureGraph graph = Vectors.videoGraph();
    StoreSettings s = settings(graph).hashAlgorithm(algorithm).build();
    if (!supportedHashAlgorithms().contains(algorithm)) {
      assertRefusedAtOpen(s, algorithm);
      return;
    }
    MetadataStore store = open(s);
    assertThat(store.hashAlgorithm()).isEqualTo(algorithm);
    List<RowVector> vectors =
        Vectors.rows().stream().filter(v -> v.algorithm() == algorithm).toList();
    assertThat(vectors).as("vectors for %s", algorithm).isNotEmpty();
    Map<String, Map<String, String>> upstream = new TreeMap<>();
    vectors.forEach(v -> upstream.put(v.videoId(), v.upstreamDataVersionByField()));
    List<Row> rows = new ArrayList<>();
    upstream.forEach((id, dv) -> rows.add(Row.of("video_id", id, PBF, dv, DVBF, dv)));
    write(store, VIDEO, rows);

    Map<String, Map<String, Row>> resolved = new TreeMap<>();
    for (FeatureKey f : List.of(CROP, STT)) {
      Increment.Materialized inc = resolve(store, f);
      assertThat(inc.staleRows()).isEmpty();
      assertThat(inc.orphanedRows()).isEmpty();
      resolved.put(f.toString(), byId(inc.newRows(), "video_id"));
    }
    for (RowVector v : vectors) {
      Row row = resolved.get(v.feature()).get(v.videoId());
      assertThat(row).as("%s %s new row", v.feature(), v.videoId()).isNotNull();
      assertThat(row.getMap(PBF))
          .as("%s %s provenance_by_field (%s)", v.feature(), v.videoId(), algorithm)
          .isEqualTo(v.provenanceByField());
      assertThat(row.getString(PROVENANCE))
          .as("%s %s provenance (%s)", v.feature(), v.videoId(), algorithm)
          .isEqualTo(v.provenance());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(HashAlgorithm.class)
  void everyAlgorithmIsEitherComputedOrRefusedAtOpen(HashAlgorithm algorithm) {
    FeatureGraph graph = KitGraphs.roots();
    StoreSettings s = settings(graph).hashAlgorithm(algorithm).build();
    if (!supportedHashAlgorithms().contains(algorithm)) {
      assertRefusedAtOpen(s, algorithm);
      return;
    }
    MetadataStore store = open(s);
    write(store, SAMPLES, List.of(sample("s1", "h1")));
    Row row = read(store, SAMPLES).get(0);
    String p = row.getString(PROVENANCE);
    String format =
        switch (algorithm) {
          case MD5, SHA256 -> "[0-9a-f]{8}";
          case XXHASH64, XXHASH32 -> "[0-9]{1,8}";
        };
    assertThat(p).as("provenance under %s", algorithm).matches(format);
    if (algorithm == MD5 || algorithm == HashAlgorithm.SHA256) {
      assertThat(p).isEqualTo(ExpectedProvenance.hash(algorithm, "h1"));
    }
  }

  @Test
  void untruncatedHashesKeepTheirFullLength() {
    FeatureGraph graph = Vectors.videoGraph();
    MetadataStore store = open(settings(graph).truncation(Truncation.NONE).build());
    write(store, VIDEO, List.of(video("v1", "a1", "f1")));
    Row video = read(store, VIDEO).get(0);
    assertThat(video.getString(PROVENANCE)).isEqualTo(ExpectedProvenance.hashFull(MD5, "a1|f1"));
    assertThat(video.getString(FEATURE_VERSION))
        .isEqualTo(Vectors.featureVersion(Vectors.GRAPH_UNTRUNCATED, VIDEO.toString()));
    Row crop = resolve(store, CROP).newRows().get(0);
    String audio = ExpectedProvenance.hashFull(MD5, "audio|1|example/video.audio|a1");
    String frames = ExpectedProvenance.hashFull(MD5, "frames|1|example/video.frames|f1");
    assertThat(crop.getMap(PBF)).isEqualTo(Map.of("audio", audio, "frames", frames));
    assertThat(crop.getString(PROVENANCE))
        .isEqualTo(ExpectedProvenance.hashFull(MD5, audio + "|" + frames));
  }

  private void assertRefusedAtOpen(StoreSettings s, HashAlgorithm algorithm) {
    MetadataStore store = createStore(s);
    created.add(store);
    assertThatThrownBy(store::open)
        .as("open() with unsupported hash algorithm %s", algorithm)
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(algorithm.configName());
  }
}
