package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.ebean.DB;
import io.metaxy.adapter.ebean.fixtures.video.VideoFeature;
import io.metaxy.adapter.ebean.fixtures.video.VideoProcessing;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The video pipeline on entity beans: VideoFeature (root) and VideoProcessing (reads only frames),
 * written as beans, resolved in the store, queried back with Ebean ({@code DB.find} on H2, where
 * the store's database is registered as the default).
 */
class EbeanEntityPipelineTest {
  private static final FeatureKey VIDEO = FeatureKey.of("video");
  private static final FeatureKey PROCESSING = FeatureKey.of("video/processing");

  private TestDatabases.Storage storage;
  private EbeanMetadataStore store;

  @AfterEach
  void drop() {
    if (store != null) {
      store.close();
    }
    if (storage != null) {
      storage.drop().run();
    }
  }

  private static VideoFeature video(String id, String frames, String duration) {
    VideoFeature v = new VideoFeature();
    v.sampleId = id;
    v.path = "/videos/" + id + ".mp4";
    v.duration = 10.5;
    v.setMetaxyProvenanceByField(Map.of("frames", frames, "duration", duration));
    return v;
  }

  private List<VideoProcessing> compute(Increment.Materialized inc) {
    List<VideoProcessing> out = new ArrayList<>();
    for (Row r : inc.toCompute()) {
      VideoProcessing p = new VideoProcessing();
      p.sampleId = r.getString("sample_id");
      p.frameCount = 100L;
      p.setMetaxyProvenanceByField(r.getMap(SystemColumns.PROVENANCE_BY_FIELD));
      out.add(p);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void videoPipelineOnEntityBeansAndEbeanQueriesSeeSystemColumns(TestDatabases.Kind kind) {
    TestDatabases.requireServer(kind);
    storage = TestDatabases.create(kind);
    FeatureGraph graph = EbeanFeatures.graphOf(VideoFeature.class, VideoProcessing.class);
    store =
        new EbeanMetadataStore(
            storage
                .config()
                .entityClasses(VideoFeature.class, VideoProcessing.class)
                .defaultDatabase(kind == TestDatabases.Kind.H2)
                .build(),
            StoreSettings.builder(graph).build());
    store.open();

    store.writeEntities(
        List.of(video("s1", "f1", "d1"), video("s2", "f2", "d2"), video("s3", "f3", "d3")),
        WriteOptions.materializationId("run-1"));
    Increment.Materialized first = store.resolveUpdate(PROCESSING).collect();
    assertThat(first.newRows()).hasSize(3);
    store.writeEntities(compute(first), WriteOptions.defaults());
    assertThat(store.resolveUpdate(PROCESSING).collect().isEmpty()).isTrue();

    // Ebean queries return the written rows with their system columns.
    io.ebean.Database db = kind == TestDatabases.Kind.H2 ? DB.getDefault() : store.database();
    assertThat(db).isSameAs(store.database());
    List<VideoProcessing> rows =
        db.find(VideoProcessing.class).where().eq("sampleId", "s2").findList();
    assertThat(rows).hasSize(1);
    VideoProcessing s2 = rows.get(0);
    assertThat(s2.frameCount).isEqualTo(100L);
    assertThat(s2.getMetaxyFeatureVersion()).isEqualTo(graph.versions().featureVersion(PROCESSING));
    assertThat(s2.getMetaxyProjectVersion()).isEqualTo(graph.versions().projectVersion());
    assertThat(s2.getMetaxyProvenance()).isNotBlank();
    assertThat(s2.getMetaxyProvenanceByField()).containsOnlyKeys("frames");
    assertThat(s2.getMetaxyCreatedAt()).isNotNull();
    assertThat(s2.getMetaxyUpdatedAt()).isNotNull();
    VideoFeature v1 = db.find(VideoFeature.class).where().eq("sampleId", "s1").findOne();
    assertThat(v1.path).isEqualTo("/videos/s1.mp4");
    assertThat(v1.getMetaxyMaterializationId()).isEqualTo("run-1");
    assertThat(v1.getMetaxyDataVersionByField())
        .isEqualTo(Map.of("duration", "d1", "frames", "f1"));

    // Only a frames change upstream makes processing stale; a duration change does not.
    store.writeEntities(
        List.of(video("s2", "f2-new", "d2"), video("s3", "f3", "d3-new")), WriteOptions.defaults());
    Increment.Materialized second = store.resolveUpdate(PROCESSING).collect();
    assertThat(second.newRows()).isEmpty();
    assertThat(second.staleRows()).extracting(r -> r.get("sample_id")).containsExactly("s2");
    store.writeEntities(compute(second), WriteOptions.defaults());
    assertThat(store.resolveUpdate(PROCESSING).collect().isEmpty()).isTrue();

    // History stays in the table: Ebean sees every appended row, the store the latest per sample.
    assertThat(db.find(VideoProcessing.class).findCount()).isEqualTo(4);
    try (Stream<Row> latest = store.read(PROCESSING, ReadOptions.defaults())) {
      assertThat(latest.toList()).hasSize(3);
    }
  }
}
