package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.adapter.ebean.fixtures.video.VideoFeature;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link EbeanMetadataStore#currentRows} gives ORM users the current rows of a feature entity (the
 * latest committed row per sample of the current feature version, no tombstones), as an Ebean query
 * they can refine; and read filters run in SQL with bound values.
 */
class EbeanCurrentRowsTest {
  private static final FeatureKey VIDEO = FeatureKey.of("video");

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

  private void open(TestDatabases.Kind kind) {
    TestDatabases.requireServer(kind);
    storage = TestDatabases.create(kind);
    FeatureGraph graph = EbeanFeatures.graphOf(VideoFeature.class);
    store =
        new EbeanMetadataStore(
            storage.config().entityClasses(VideoFeature.class).build(),
            StoreSettings.builder(graph).build());
    store.open();
  }

  private static VideoFeature video(String id, String path, double duration) {
    VideoFeature v = new VideoFeature();
    v.sampleId = id;
    v.path = path;
    v.duration = duration;
    v.setMetaxyProvenanceByField(Map.of("frames", "f-" + path, "duration", "d-" + duration));
    return v;
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void currentRowsAreTheLatestLiveRowsOfTheCurrentVersion(TestDatabases.Kind kind) {
    open(kind);
    store.writeEntities(
        List.of(video("s1", "a1", 1), video("s2", "a2", 2), video("s3", "a3", 3)),
        WriteOptions.defaults());
    store.writeEntities(List.of(video("s2", "b2", 20)), WriteOptions.defaults());
    store.writeEntities(List.of(video("s2", "c2", 200)), WriteOptions.defaults());
    assertThat(store.delete(VIDEO, DeleteOptions.soft("sample_id = 's3'"))).isEqualTo(1);

    // plain Ebean sees every appended row: 3 + 2 rewrites + 1 tombstone
    assertThat(store.database().find(VideoFeature.class).findCount()).isEqualTo(6);

    List<VideoFeature> current =
        store.currentRows(VideoFeature.class).orderBy("sampleId").findList();
    assertThat(current).extracting(v -> v.sampleId).containsExactly("s1", "s2");
    assertThat(current).extracting(v -> v.path).containsExactly("a1", "c2");
    assertThat(current).allSatisfy(v -> assertThat(v.getMetaxyDeletedAt()).isNull());
    try (Stream<Row> read = store.read(VIDEO, ReadOptions.defaults())) {
      assertThat(read.map(r -> r.getString("path")).sorted().toList())
          .as("the store's own read agrees")
          .containsExactly("a1", "c2");
    }

    // the caller's conditions apply to the current rows, not to the history
    assertThat(store.currentRows(VideoFeature.class).where().eq("path", "b2").findList()).isEmpty();
    assertThat(store.currentRows(VideoFeature.class).where().gt("duration", 100).findList())
        .extracting(v -> v.sampleId)
        .containsExactly("s2");
    assertThat(store.currentRows(VideoFeature.class).findCount()).isEqualTo(2);

    // re-writing a deleted sample revives it
    store.writeEntities(List.of(video("s3", "d3", 4)), WriteOptions.defaults());
    assertThat(store.currentRows(VideoFeature.class).orderBy("sampleId").findList())
        .extracting(v -> v.path)
        .containsExactly("a1", "c2", "d3");
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void readFiltersRunInSqlWithBoundValues(TestDatabases.Kind kind) {
    open(kind);
    store.writeEntities(
        List.of(video("s1", "it's", 1.5), video("s2", "x", 2.5), video("s3", "y", 3)),
        WriteOptions.defaults());
    assertThat(paths("path = 'it''s'")).containsExactly("it's");
    assertThat(paths("duration >= 2.5 AND NOT (path = 'y')")).containsExactly("x");
    assertThat(paths("sample_id IN ('s1', 's3') OR duration < 0")).containsExactly("it's", "y");
    assertThat(paths("path IS NULL")).isEmpty();
    // a literal that would break out of a concatenated string stays a value
    assertThat(paths("path = 'x'' OR ''1''=''1'")).isEmpty();
    assertThat(paths("sample_id = 's1''; drop table video; --'")).isEmpty();
    assertThat(paths("duration > 0")).hasSize(3);
  }

  private List<String> paths(String filter) {
    try (Stream<Row> s = store.read(VIDEO, ReadOptions.defaults().withFilters(filter))) {
      return s.map(r -> r.getString("path")).sorted().toList();
    }
  }
}
