package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CLEAN;
import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.FRAMES;
import static io.metaxy.tck.internal.KitGraphs.RAW;
import static io.metaxy.tck.internal.KitGraphs.READINGS;
import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static io.metaxy.tck.internal.KitGraphs.STATS;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static io.metaxy.tck.internal.KitGraphs.VIDEOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.Lineage;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.system.RebaseResult;
import io.metaxy.tck.internal.ExpectedProvenance;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Behaviours found by running Python Metaxy's own store test scenarios: fallback chains, soft
 * deletes through fallbacks, tombstone timestamps, caller data versions of root samples, selected
 * and renamed upstream columns, where global filters apply, and rebase refusals.
 */
@DisplayName("Reference scenarios (Python Metaxy store tests)")
public abstract class ReferenceScenariosGroup extends KitGroup {
  protected ReferenceScenariosGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  /** A store with {@code fallback}, created but not opened (the kit closes it). */
  private MetadataStore unopened(FeatureGraph graph, MetadataStore fallback) {
    StoreSettings.Builder b = settings(graph);
    if (fallback != null) {
      b.fallbackStore(fallback);
    }
    MetadataStore s = createStore(b.build());
    created.add(s);
    return s;
  }

  @Test
  void aFallbackChainIsFollowedThroughEveryLevelAndOpenedOnDemand() {
    FeatureGraph graph = Vectors.videoGraph();
    MetadataStore deepest = open(graph);
    write(deepest, VIDEO, videos());
    deepest.close();
    MetadataStore middle = unopened(graph, deepest);
    MetadataStore local = open(settings(graph).fallbackStore(middle).build());
    assertThat(local.hasFeature(VIDEO)).isFalse();
    assertThat(ids(read(local, VIDEO), "video_id"))
        .as("served by the fallback's own fallback")
        .containsExactly("v1", "v2", "v3");
    Increment.Materialized crop = resolve(local, CROP);
    assertThat(ids(crop.newRows(), "video_id")).containsExactly("v1", "v2", "v3");
    assertThat(middle.hasFeature(VIDEO)).as("the middle store holds nothing itself").isFalse();
  }

  @Test
  void aSoftDeleteOfSamplesHeldOnlyInAFallbackWritesTombstonesLocally() {
    FeatureGraph graph = Vectors.videoGraph();
    MetadataStore shared = open(graph);
    write(shared, VIDEO, videos());
    Instant written = clock.instant();
    MetadataStore local = open(settings(graph).fallbackStore(shared).build());
    clock.tick();
    assertThat(local.delete(VIDEO, DeleteOptions.soft("video_id = 'v2'"))).isEqualTo(1);
    assertThat(local.hasFeature(VIDEO)).as("the tombstone is written locally").isTrue();
    List<Row> tombs = read(local, VIDEO, ReadOptions.defaults().withDeleted());
    assertThat(ids(tombs, "video_id")).containsExactly("v2");
    assertThat(instant(tombs.get(0).get(DELETED_AT))).isEqualTo(clock.instant());
    assertThat(instant(tombs.get(0).get(UPDATED_AT))).isEqualTo(written);
    assertThat(ids(read(shared, VIDEO), "video_id"))
        .as("the fallback is never written")
        .containsExactly("v1", "v2", "v3");
  }

  @Test
  void aTombstoneKeepsTheSamplesUpdatedAtAndCreatedAt() {
    MetadataStore store = open(KitGraphs.roots());
    write(store, SAMPLES, List.of(sample("s1", "h1")));
    Instant first = clock.instant();
    write(store, SAMPLES, List.of(sample("s1", "h1b")));
    Instant second = clock.instant();
    clock.tick();
    Instant deletedAt = clock.instant();
    assertThat(store.delete(SAMPLES, DeleteOptions.soft())).isEqualTo(1);
    Row tomb = read(store, SAMPLES, ReadOptions.defaults().withDeleted()).get(0);
    assertThat(instant(tomb.get(DELETED_AT))).isEqualTo(deletedAt);
    assertThat(instant(tomb.get(UPDATED_AT))).isEqualTo(second);
    assertThat(instant(tomb.get(CREATED_AT))).isEqualTo(first);
    assertThat(tomb.getMap(PBF)).isEqualTo(Map.of("value", "h1b"));
  }

  @Test
  void dataVersionsGivenForRootSamplesSurviveResolveAndWrite() {
    MetadataStore store = open(KitGraphs.roots());
    List<Row> samples =
        List.of(sample("s1", "h1").with(DVBF, Map.of("value", "user-dv1")), sample("s2", "h2"));
    Increment.Materialized inc = resolve(store, SAMPLES, ResolveOptions.withSamples(samples));
    compute(store, SAMPLES, inc);
    Map<String, Row> rows = byId(read(store, SAMPLES), "sample_id");
    assertThat(rows.get("s1").getMap(DVBF)).isEqualTo(Map.of("value", "user-dv1"));
    assertThat(rows.get("s1").getString(DATA_VERSION))
        .isEqualTo(ExpectedProvenance.hash(MD5, "user-dv1"));
    assertThat(rows.get("s2").getMap(DVBF)).isEqualTo(Map.of("value", "h2"));
  }

  @Test
  void selectedAndRenamedUpstreamColumnsSurviveOneToOne() {
    MetadataStore store = open(KitGraphs.shaping());
    write(
        store,
        RAW,
        List.of(Row.of("raw_id", "r1", PBF, Map.of("x", "x1"), "split", "train", "note", "a")));
    Row row = resolve(store, CLEAN).newRows().get(0);
    assertThat(row.get("sample_id")).as("renamed ID").isEqualTo("r1");
    assertThat(row.get("split")).as("selected column").isEqualTo("train");
    assertThat(row.has("note")).as("a column not selected").isFalse();
  }

  @Test
  void selectedAndRenamedUpstreamColumnsSurviveExpansion() {
    FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder(VIDEOS).idColumns("video_id").field("content", "1").build(),
            FeatureSpec.builder(FRAMES)
                .idColumns("video_id", "frame_id")
                .dependsOn(
                    FeatureDep.builder(VIDEOS)
                        .lineage(Lineage.expansion("video_id"))
                        .rename("title", "video_title")
                        .select("video_id", "video_title")
                        .build())
                .field("embedding", "1")
                .build());
    MetadataStore store = open(graph);
    write(
        store,
        VIDEOS,
        List.of(
            Row.of("video_id", "v1", PBF, Map.of("content", "c1"), "title", "T1", "note", "n")));
    Row row = resolve(store, FRAMES).newRows().get(0);
    assertThat(row.get("video_title")).isEqualTo("T1");
    assertThat(row.has("title")).isFalse();
    assertThat(row.has("note")).isFalse();
  }

  @Test
  void selectedAndRenamedUpstreamColumnsSurviveAggregation() {
    FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder(READINGS)
                .idColumns("sensor_id", "reading_id")
                .field("temperature", "1")
                .build(),
            FeatureSpec.builder(STATS)
                .idColumns("sensor_id")
                .dependsOn(
                    FeatureDep.builder(READINGS)
                        .lineage(Lineage.aggregation("sensor_id"))
                        .rename("site", "sensor_site")
                        .select("sensor_id", "sensor_site")
                        .build())
                .field("avg_temp", "1")
                .build());
    MetadataStore store = open(graph);
    write(
        store,
        READINGS,
        List.of(
            Row.of("sensor_id", "a", "reading_id", "r1", PBF, Map.of("temperature", "t1"))
                .with("site", "north")
                .with("note", "x"),
            Row.of("sensor_id", "a", "reading_id", "r2", PBF, Map.of("temperature", "t2"))
                .with("site", "north")
                .with("note", "y")));
    List<Row> rows = resolve(store, STATS).newRows();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("sensor_site")).isEqualTo("north");
    assertThat(rows.get(0).has("site")).isFalse();
    assertThat(rows.get(0).has("note")).isFalse();
  }

  @Test
  void globalFiltersApplyToUpstreamRowsNotToTheExpectedRows() {
    MetadataStore store = open(Vectors.videoGraph());
    write(
        store,
        VIDEO,
        List.of(
            video("v1", "a1", "f1").with("lang", "en"),
            video("v2", "a2", "f2").with("lang", "de"),
            video("v3", "a3", "f3").with("lang", "en")));
    Increment.Materialized inc =
        resolve(store, CROP, ResolveOptions.defaults().globalFilter("lang = 'en'"));
    assertThat(ids(inc.newRows(), "video_id"))
        .as("the expected rows carry no lang column; the filter restricts the upstream")
        .containsExactly("v1", "v3");
  }

  @Test
  void globalFiltersOnUpstreamColumnsTheTargetDoesNotCarryRestrictTheUpstream() {
    MetadataStore store = open(KitGraphs.shaping());
    write(
        store,
        RAW,
        List.of(
            Row.of("raw_id", "r1", PBF, Map.of("x", "x1"), "split", "train", "note", "a"),
            Row.of("raw_id", "r2", PBF, Map.of("x", "x2"), "split", "train", "note", "b"),
            Row.of("raw_id", "r3", PBF, Map.of("x", "x3"), "split", "train", "note", "a")));
    Increment.Materialized inc =
        resolve(store, CLEAN, ResolveOptions.defaults().globalFilter("note = 'a'"));
    assertThat(ids(inc.newRows(), "sample_id"))
        .as("note is not selected into the expected rows; the filter restricts the upstream")
        .containsExactly("r1", "r3");
    assertThat(inc.newRows()).allSatisfy(r -> assertThat(r.has("note")).isFalse());
  }

  @Test
  void rebaseRefusesRootFeatures() {
    MetadataStore store = open(KitGraphs.roots());
    write(store, SAMPLES, List.of(sample("s1", "h1")));
    String version = store.graph().versions().featureVersion(SAMPLES);
    assertThatThrownBy(() -> store.rebase(SAMPLES, version, null, "kit-root-rebase"))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(SAMPLES.toString())
        .hasMessageContaining("root");
    assertThat(read(store, SAMPLES, ReadOptions.defaults().withSampleHistory())).hasSize(1);
  }

  @Test
  void rebaseToAVersionOtherThanTheCurrentOneIsRefused() {
    FeatureGraph g1 = Vectors.videoGraph();
    MetadataStore store = open(g1);
    write(store, VIDEO, videos());
    resolveAndCompute(store, CROP);
    String old = g1.versions().featureVersion(CROP);
    MetadataStore next = view(store, KitGraphs.withCodeVersion(g1, CROP, "audio", "2"));
    assertThatThrownBy(() -> next.rebase(CROP, old, "0123abcd", "kit-foreign-target"))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("0123abcd")
        .hasMessageContaining(CROP.toString());
    assertThat(read(next, CROP)).as("nothing was rebased").isEmpty();
  }

  @Test
  void rebaseGivesNewProvenanceToEverySampleAlsoThoseAlreadyUnderTheTarget() {
    FeatureGraph g1 = Vectors.videoGraph();
    MetadataStore store = open(g1);
    write(store, VIDEO, videos());
    resolveAndCompute(store, CROP);
    String old = g1.versions().featureVersion(CROP);
    FeatureGraph g2 = KitGraphs.withCodeVersion(g1, CROP, "audio", "2");
    MetadataStore next = view(store, g2);
    // v1 already has a row under the target version, with provenance that is out of date.
    write(next, CROP, List.of(Row.of("video_id", "v1", PBF, Map.of("audio", "x", "frames", "y"))));
    RebaseResult r = next.rebase(CROP, old, null, "kit-rebase-all");
    assertThat(r.rowsWritten()).isEqualTo(3);
    Map<String, Row> rows = byId(read(next, CROP), "video_id");
    for (String id : List.of("v1", "v2", "v3")) {
      String n = id.substring(1);
      assertThat(rows.get(id).getMap(PBF))
          .as("%s provenance after the rebase", id)
          .isEqualTo(ExpectedProvenance.byField(g2, CROP, videoDv("a" + n, "f" + n), MD5));
    }
    assertEmpty(resolve(next, CROP), "crop after the rebase");
  }
}
