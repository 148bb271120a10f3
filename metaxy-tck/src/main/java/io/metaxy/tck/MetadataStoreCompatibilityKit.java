package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CLEAN;
import static io.metaxy.tck.internal.KitGraphs.COMBINED;
import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.FACE_DETECTION;
import static io.metaxy.tck.internal.KitGraphs.FRAMES;
import static io.metaxy.tck.internal.KitGraphs.HYPHENATED;
import static io.metaxy.tck.internal.KitGraphs.LEFT;
import static io.metaxy.tck.internal.KitGraphs.LEFT_SCORES;
import static io.metaxy.tck.internal.KitGraphs.OPTIONAL_B;
import static io.metaxy.tck.internal.KitGraphs.OTHER;
import static io.metaxy.tck.internal.KitGraphs.OUTER;
import static io.metaxy.tck.internal.KitGraphs.RAW;
import static io.metaxy.tck.internal.KitGraphs.READINGS;
import static io.metaxy.tck.internal.KitGraphs.REQUIRED_A;
import static io.metaxy.tck.internal.KitGraphs.RIGHT;
import static io.metaxy.tck.internal.KitGraphs.RIGHT_SCORES;
import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static io.metaxy.tck.internal.KitGraphs.SCORED;
import static io.metaxy.tck.internal.KitGraphs.SCORED_RENAMED;
import static io.metaxy.tck.internal.KitGraphs.STATS;
import static io.metaxy.tck.internal.KitGraphs.STT;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static io.metaxy.tck.internal.KitGraphs.VIDEOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.json.DefinitionsCodec;
import io.metaxy.ports.naming.SystemTableNames;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.MigrationEventType;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.RebaseResult;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.tck.internal.ExpectedProvenance;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import io.metaxy.tck.internal.Vectors.RowVector;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compatibility kit every {@link MetadataStore} adapter must pass. Extend it in a class named
 * {@code *CompatibilityTest} and implement {@link #createStore(StoreSettings)}; every
 * {@code @Nested} group below then runs against your store. The kit uses only the public ports API
 * and derives its expectations from the semantics document and the shared vectors, never from an
 * implementation.
 *
 * <p>Row conventions: every written row carries {@code metaxy_provenance_by_field} (a map keyed by
 * field struct key); the store fills the other system columns. ID and user values are only {@code
 * String}, {@code Long} and {@code Double}. The kit's {@link TestClock} is advanced before every
 * write, so timestamps are deterministic and increasing.
 */
public abstract class MetadataStoreCompatibilityKit {
  /** The project name the kit's stores use. */
  protected static final String PROJECT = "metaxy-kit";

  private static final String PBF = SystemColumns.PROVENANCE_BY_FIELD;
  private static final String PROVENANCE = SystemColumns.PROVENANCE;
  private static final String DVBF = SystemColumns.DATA_VERSION_BY_FIELD;
  private static final String DATA_VERSION = SystemColumns.DATA_VERSION;
  private static final String FEATURE_VERSION = SystemColumns.FEATURE_VERSION;
  private static final String SNAPSHOT_VERSION = SystemColumns.SNAPSHOT_VERSION;
  private static final String CREATED_AT = SystemColumns.CREATED_AT;
  private static final String UPDATED_AT = SystemColumns.UPDATED_AT;
  private static final String DELETED_AT = SystemColumns.DELETED_AT;
  private static final String MATERIALIZATION_ID = SystemColumns.MATERIALIZATION_ID;
  private static final HashAlgorithm MD5 = HashAlgorithm.MD5;

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<MetadataStore> created = new ArrayList<>();
  private final List<MetadataStore> views = new ArrayList<>();

  /**
   * Creates an <em>unopened</em> store on fresh, isolated storage (its own schema, database or
   * directory) with the given settings. The kit opens and closes it; use {@link #afterEachStore()}
   * to drop the storage.
   */
  protected abstract MetadataStore createStore(StoreSettings settings);

  /**
   * The row hash algorithms this store can compute. For any other algorithm the kit asserts that
   * {@link MetadataStore#open()} fails with a {@link MetaxyException} naming it. Default: all.
   */
  protected Set<HashAlgorithm> supportedHashAlgorithms() {
    return EnumSet.allOf(HashAlgorithm.class);
  }

  /** Called after each test once every store of the test is closed: drop storage here. */
  protected void afterEachStore() {}

  /** Settings of the kit's stores: the graph, the kit's project and its {@link TestClock}. */
  protected StoreSettings.Builder settings(FeatureGraph graph) {
    return StoreSettings.builder(graph).project(PROJECT).clock(clock);
  }

  /** The clock every kit store runs on. */
  protected final TestClock clock() {
    return clock;
  }

  @AfterEach
  void closeKitStores() {
    List<MetadataStore> all = new ArrayList<>(views);
    List<MetadataStore> bases = new ArrayList<>(created);
    java.util.Collections.reverse(all);
    java.util.Collections.reverse(bases);
    all.addAll(bases);
    views.clear();
    created.clear();
    RuntimeException first = null;
    for (MetadataStore s : all) {
      try {
        s.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    afterEachStore();
    if (first != null) {
      throw first;
    }
  }

  // ---------------------------------------------------------------- helpers

  private MetadataStore open(StoreSettings s) {
    MetadataStore store = createStore(s);
    assertThat(store).as("createStore must return a store").isNotNull();
    created.add(store);
    store.open();
    assertThat(store.isOpen()).as("isOpen() after open()").isTrue();
    return store;
  }

  private MetadataStore open(FeatureGraph graph) {
    return open(settings(graph).build());
  }

  /** The same storage under other definitions. */
  private MetadataStore view(MetadataStore store, FeatureGraph graph) {
    MetadataStore v = store.withGraph(graph);
    if (v != store) {
      views.add(v);
    }
    v.open();
    assertThat(v.graph().versions().snapshotVersion())
        .as("withGraph(...) binds the view to the new graph")
        .isEqualTo(graph.versions().snapshotVersion());
    return v;
  }

  private long write(MetadataStore s, FeatureKey f, List<Row> rows) {
    clock.tick();
    return s.write(f, rows);
  }

  private static List<Row> read(MetadataStore s, FeatureKey f, ReadOptions o) {
    try (Stream<Row> rows = s.read(f, o)) {
      return rows.toList();
    }
  }

  private static List<Row> read(MetadataStore s, FeatureKey f) {
    return read(s, f, ReadOptions.defaults());
  }

  private static Increment.Materialized resolve(MetadataStore s, FeatureKey f) {
    return s.resolveUpdate(f).collect();
  }

  private static Increment.Materialized resolve(MetadataStore s, FeatureKey f, ResolveOptions o) {
    return s.resolveUpdate(f, o).collect();
  }

  /** Sorted string values of {@code column} (composite IDs: join several columns with "/"). */
  private static List<String> ids(List<Row> rows, String... columns) {
    return rows.stream()
        .map(
            r ->
                Stream.of(columns)
                    .map(c -> String.valueOf(r.get(c)))
                    .collect(Collectors.joining("/")))
        .sorted()
        .toList();
  }

  private static Map<String, Row> byId(List<Row> rows, String column) {
    Map<String, Row> m = new TreeMap<>();
    for (Row r : rows) {
      Row prev = m.put(String.valueOf(r.get(column)), r);
      assertThat(prev).as("more than one row for %s=%s", column, r.get(column)).isNull();
    }
    return m;
  }

  private static Row sample(String id, String value) {
    return Row.of("sample_id", id, PBF, Map.of("value", value));
  }

  private static Row video(String id, String audio, String frames) {
    return Row.of("video_id", id, PBF, Map.of("audio", audio, "frames", frames));
  }

  private static List<Row> videos() {
    return List.of(video("v1", "a1", "f1"), video("v2", "a2", "f2"), video("v3", "a3", "f3"));
  }

  /** Writes the increment's new and stale rows as if the feature had been computed. */
  private long compute(MetadataStore s, FeatureKey f, Increment.Materialized inc) {
    return write(s, f, inc.toCompute());
  }

  /** Resolves and computes {@code f}; returns the increment that was computed. */
  private Increment.Materialized resolveAndCompute(MetadataStore s, FeatureKey f) {
    Increment.Materialized inc = resolve(s, f);
    if (!inc.toCompute().isEmpty()) {
      compute(s, f, inc);
    }
    return inc;
  }

  private static Instant instant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    return fail("expected a timestamp (java.time.Instant), got %s", v);
  }

  private static Map<String, String> videoDv(String audio, String frames) {
    return Map.of("example/video.audio", audio, "example/video.frames", frames);
  }

  private static void assertEmpty(Increment.Materialized inc, String what) {
    assertThat(inc.newRows()).as("%s: new", what).isEmpty();
    assertThat(inc.staleRows()).as("%s: stale", what).isEmpty();
    assertThat(inc.orphanedRows()).as("%s: orphaned", what).isEmpty();
  }

  // ------------------------------------------------------------ 1. vectors

  /** Acceptance 1: per-row provenance equals the shared vectors, per row hash algorithm. */
  @Nested
  class RowVectors {
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

  // ------------------------------------------------------ 2. video pipeline

  /** Acceptance 2: the video pipeline under a code-version bump and a data-version change. */
  @Nested
  class VideoPipeline {
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
          .extracting(r -> r.getString(SNAPSHOT_VERSION))
          .containsOnly(Vectors.snapshotVersion(Vectors.GRAPH));

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
        assertThat(ids(inc.newRows(), "video_id"))
            .as("%s new", f)
            .containsExactly("v1", "v2", "v3");
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
          .extracting(r -> r.getString(SNAPSHOT_VERSION))
          .containsOnly(Vectors.snapshotVersion(section));
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

  // -------------------------------------------------------- 3. root features

  /** Acceptance 3: root features resolve against the given samples. */
  @Nested
  class RootFeatures {
    @Test
    void samplesAreDiffedIntoNewStaleAndOrphaned() {
      MetadataStore store = open(KitGraphs.roots());
      write(store, SAMPLES, List.of(sample("1", "h1"), sample("2", "h2"), sample("3", "h3")));
      Increment.Materialized inc =
          resolve(
              store,
              SAMPLES,
              ResolveOptions.withSamples(
                  List.of(sample("1", "h1"), sample("2", "h2-changed"), sample("4", "h4"))));
      assertThat(ids(inc.newRows(), "sample_id")).containsExactly("4");
      assertThat(ids(inc.staleRows(), "sample_id")).containsExactly("2");
      assertThat(ids(inc.orphanedRows(), "sample_id")).containsExactly("3");
      Row added = inc.newRows().get(0);
      assertThat(added.getMap(PBF)).isEqualTo(Map.of("value", "h4"));
      assertThat(added.getString(PROVENANCE)).isEqualTo(ExpectedProvenance.hash(MD5, "h4"));
      Row stale = inc.staleRows().get(0);
      assertThat(stale.getMap(PBF)).isEqualTo(Map.of("value", "h2-changed"));
      assertThat(stale.getString(PROVENANCE)).isEqualTo(ExpectedProvenance.hash(MD5, "h2-changed"));
    }

    @Test
    void givenProvenanceOfSamplesIsRecomputed() {
      MetadataStore store = open(KitGraphs.roots());
      write(store, SAMPLES, List.of(sample("1", "h1")));
      Row misleading = sample("1", "h1").with(PROVENANCE, "ffffffff");
      Increment.Materialized inc =
          resolve(store, SAMPLES, ResolveOptions.withSamples(List.of(misleading)));
      assertEmpty(inc, "a sample whose given provenance is wrong but by-field values equal");
    }

    @Test
    void rootWithoutSamplesIsAnErrorNamingTheFeature() {
      MetadataStore store = open(KitGraphs.roots());
      write(store, SAMPLES, List.of(sample("1", "h1")));
      assertThatThrownBy(() -> store.resolveUpdate(SAMPLES).collect())
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(SAMPLES.toString());
    }
  }

  // ----------------------------------------------------------- 4. idempotency

  /** Acceptance 4: resolve, write the new rows, resolve → nothing to do. */
  @Nested
  class Idempotency {
    @Test
    void resolvingAfterWritingTheIncrementIsEmpty() {
      MetadataStore store = open(Vectors.videoGraph());
      Increment.Materialized root = resolve(store, VIDEO, ResolveOptions.withSamples(videos()));
      assertThat(root.newRows()).hasSize(3);
      compute(store, VIDEO, root);
      assertEmpty(
          resolve(store, VIDEO, ResolveOptions.withSamples(videos())), "root after writing");
      for (FeatureKey f : List.of(CROP, FACE_DETECTION, STT, KitGraphs.SUMMARY)) {
        Increment.Materialized inc = resolve(store, f);
        assertThat(inc.newRows()).as("%s first resolve", f).hasSize(3);
        compute(store, f, inc);
        assertEmpty(resolve(store, f), f + " after writing its increment");
      }
    }
  }

  // ----------------------------------------------------------- 5. aggregation

  /** Acceptance 5: N:1 aggregation lineage. */
  @Nested
  class Aggregation {
    private Row reading(String sensor, String reading, String temperature, String humidity) {
      return Row.of(
          "sensor_id",
          sensor,
          "reading_id",
          reading,
          PBF,
          Map.of("temperature", temperature, "humidity", humidity));
    }

    @Test
    void oneChangedReadingMakesItsSensorStaleOnce() {
      MetadataStore store = open(KitGraphs.aggregation());
      write(
          store,
          READINGS,
          List.of(
              reading("s1", "r1", "t11", "h11"),
              reading("s1", "r2", "t12", "h12"),
              reading("s1", "r3", "t13", "h13"),
              reading("s2", "r1", "t21", "h21"),
              reading("s2", "r2", "t22", "h22")));
      Increment.Materialized first = resolve(store, STATS);
      assertThat(ids(first.newRows(), "sensor_id")).containsExactly("s1", "s2");
      assertThat(first.newRows())
          .allSatisfy(r -> assertThat(r.getMap(PBF)).containsOnlyKeys("avg_temp", "avg_humidity"));
      compute(store, STATS, first);
      assertEmpty(resolve(store, STATS), "stats after computing");
      Map<String, Row> before = byId(read(store, STATS), "sensor_id");

      write(store, READINGS, List.of(reading("s1", "r2", "t12-recalibrated", "h12")));
      Increment.Materialized inc = resolve(store, STATS);
      assertThat(inc.newRows()).isEmpty();
      assertThat(inc.orphanedRows()).isEmpty();
      assertThat(inc.staleRows()).as("one stale row for sensor s1").hasSize(1);
      Row stale = inc.staleRows().get(0);
      assertThat(stale.getString("sensor_id")).isEqualTo("s1");
      Map<String, String> old = before.get("s1").getMap(PBF);
      assertThat(stale.getMap(PBF).get("avg_humidity")).isEqualTo(old.get("avg_humidity"));
      assertThat(stale.getMap(PBF).get("avg_temp")).isNotEqualTo(old.get("avg_temp"));
      compute(store, STATS, inc);
      assertEmpty(resolve(store, STATS), "stats after recomputing s1");
    }

    @Test
    void groupDataVersionsFollowIdOrderNotWriteOrder() {
      List<Row> readings =
          List.of(
              reading("s1", "r1", "t11", "h11"),
              reading("s1", "r2", "t12", "h12"),
              reading("s1", "r3", "t13", "h13"));
      MetadataStore inOrder = open(KitGraphs.aggregation());
      write(inOrder, READINGS, readings);
      MetadataStore shuffled = open(KitGraphs.aggregation());
      write(shuffled, READINGS, List.of(readings.get(2)));
      write(shuffled, READINGS, List.of(readings.get(0), readings.get(1)));
      Row a = resolve(inOrder, STATS).newRows().get(0);
      Row b = resolve(shuffled, STATS).newRows().get(0);
      assertThat(b.getMap(PBF)).isEqualTo(a.getMap(PBF));
      assertThat(b.getString(PROVENANCE)).isEqualTo(a.getString(PROVENANCE));

      MetadataStore swapped = open(KitGraphs.aggregation());
      write(
          swapped,
          READINGS,
          List.of(
              reading("s1", "r1", "t12", "h11"),
              reading("s1", "r2", "t11", "h12"),
              reading("s1", "r3", "t13", "h13")));
      Row c = resolve(swapped, STATS).newRows().get(0);
      assertThat(c.getMap(PBF).get("avg_temp"))
          .as("the same values under other readings are another group version")
          .isNotEqualTo(a.getMap(PBF).get("avg_temp"));
      assertThat(c.getMap(PBF).get("avg_humidity")).isEqualTo(a.getMap(PBF).get("avg_humidity"));
    }

    @Test
    void aReadingOfAnotherSensorOrANewReadingAffectsOnlyItsGroup() {
      MetadataStore store = open(KitGraphs.aggregation());
      write(
          store,
          READINGS,
          List.of(reading("s1", "r1", "t11", "h11"), reading("s2", "r1", "t21", "h21")));
      resolveAndCompute(store, STATS);
      write(store, READINGS, List.of(reading("s2", "r2", "t22", "h22")));
      write(store, READINGS, List.of(reading("s3", "r1", "t31", "h31")));
      Increment.Materialized inc = resolve(store, STATS);
      assertThat(ids(inc.newRows(), "sensor_id")).containsExactly("s3");
      assertThat(ids(inc.staleRows(), "sensor_id")).containsExactly("s2");
      assertThat(inc.orphanedRows()).isEmpty();
    }
  }

  // ------------------------------------------------------------- 6. expansion

  /** Acceptance 6: 1:N expansion lineage compares at parent level. */
  @Nested
  class Expansion {
    private List<Row> frames(Row parent, int count) {
      List<Row> out = new ArrayList<>();
      for (long i = 0; i < count; i++) {
        out.add(
            Row.of(
                "video_id",
                parent.get("video_id"),
                "frame_id",
                i,
                PBF,
                parent.getMap(PBF),
                PROVENANCE,
                parent.getString(PROVENANCE),
                "embedding_path",
                "/emb/" + parent.get("video_id") + "/" + i));
      }
      return out;
    }

    @Test
    void incrementsAreAtParentLevel() {
      FeatureGraph graph = KitGraphs.expansion();
      MetadataStore store = open(graph);
      List<Row> videos = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        videos.add(Row.of("video_id", "v" + i, PBF, Map.of("content", "c" + i)));
      }
      write(store, VIDEOS, videos);
      Increment.Materialized first = resolve(store, FRAMES);
      assertThat(ids(first.newRows(), "video_id")).containsExactly("v1", "v2", "v3", "v4", "v5");
      Row v1 = byId(first.newRows(), "video_id").get("v1");
      Map<String, String> expected =
          ExpectedProvenance.byField(graph, FRAMES, Map.of("kit/videos.content", "c1"), MD5);
      assertThat(v1.getMap(PBF)).isEqualTo(expected);
      List<Row> children = new ArrayList<>();
      first.newRows().forEach(p -> children.addAll(frames(p, 10)));
      write(store, FRAMES, children);
      assertThat(read(store, FRAMES)).hasSize(50);
      assertEmpty(resolve(store, FRAMES), "frames after writing 5 x 10 children");

      write(store, VIDEOS, List.of(Row.of("video_id", "v1", PBF, Map.of("content", "c1-v2"))));
      Increment.Materialized changed = resolve(store, FRAMES);
      assertThat(ids(changed.staleRows(), "video_id")).as("one stale parent").containsExactly("v1");
      assertThat(changed.newRows()).isEmpty();
      assertThat(changed.orphanedRows()).isEmpty();
      write(store, FRAMES, frames(changed.staleRows().get(0), 10));
      assertEmpty(resolve(store, FRAMES), "frames after recomputing v1");

      long deleted = store.delete(VIDEOS, DeleteOptions.soft("video_id IN ('v3', 'v4', 'v5')"));
      assertThat(deleted).isEqualTo(3);
      assertThat(read(store, VIDEOS)).hasSize(2);
      Increment.Materialized reduced = resolve(store, FRAMES);
      assertThat(ids(reduced.orphanedRows(), "video_id"))
          .as("orphaned parents, not 30 children")
          .containsExactly("v3", "v4", "v5");
      assertThat(reduced.newRows()).isEmpty();
      assertThat(reduced.staleRows()).isEmpty();
    }
  }

  // ---------------------------------------------------------- 7. optional deps

  /** Acceptance 7: optional dependencies join LEFT, or FULL OUTER when all are optional. */
  @Nested
  class OptionalDependencies {
    private Row row(String id, String field, String value) {
      return Row.of("sample_id", id, PBF, Map.of(field, value));
    }

    @Test
    void changingOptionalValuesMakesOnlyThoseSamplesStale() {
      FeatureGraph graph = KitGraphs.optional();
      MetadataStore store = open(graph);
      write(
          store,
          REQUIRED_A,
          List.of(row("s1", "a", "a1"), row("s2", "a", "a2"), row("s3", "a", "a3")));
      write(store, OPTIONAL_B, List.of(row("s1", "b", "b1"), row("s3", "b", "b3")));
      Increment.Materialized first = resolve(store, COMBINED);
      assertThat(ids(first.newRows(), "sample_id")).containsExactly("s1", "s2", "s3");
      Map<String, Row> rows = byId(first.newRows(), "sample_id");
      assertThat(rows.get("s2").getMap(PBF))
          .as("a missing optional value counts as \"\"")
          .isEqualTo(
              ExpectedProvenance.byField(graph, COMBINED, Map.of("kit/required_a.a", "a2"), MD5));
      assertThat(rows.get("s1").getMap(PBF))
          .isEqualTo(
              ExpectedProvenance.byField(
                  graph,
                  COMBINED,
                  Map.of("kit/required_a.a", "a1", "kit/optional_b.b", "b1"),
                  MD5));
      compute(store, COMBINED, first);
      assertEmpty(resolve(store, COMBINED), "combined after computing");

      write(store, OPTIONAL_B, List.of(row("s1", "b", "b1-new"), row("s3", "b", "b3-new")));
      Increment.Materialized inc = resolve(store, COMBINED);
      assertThat(ids(inc.staleRows(), "sample_id")).containsExactly("s1", "s3");
      assertThat(inc.newRows()).isEmpty();
      assertThat(inc.orphanedRows()).isEmpty();
    }

    @Test
    void allOptionalDepsJoinFullOuter() {
      FeatureGraph graph = KitGraphs.optional();
      MetadataStore store = open(graph);
      write(store, LEFT, List.of(row("s1", "l", "l1"), row("s2", "l", "l2")));
      write(store, RIGHT, List.of(row("s2", "r", "r2"), row("s3", "r", "r3")));
      Increment.Materialized inc = resolve(store, OUTER);
      assertThat(ids(inc.newRows(), "sample_id")).containsExactly("s1", "s2", "s3");
      Map<String, Row> rows = byId(inc.newRows(), "sample_id");
      assertThat(rows.get("s1").getMap(PBF))
          .isEqualTo(ExpectedProvenance.byField(graph, OUTER, Map.of("kit/left.l", "l1"), MD5));
      assertThat(rows.get("s2").getMap(PBF))
          .isEqualTo(
              ExpectedProvenance.byField(
                  graph, OUTER, Map.of("kit/left.l", "l2", "kit/right.r", "r2"), MD5));
      assertThat(rows.get("s3").getMap(PBF))
          .isEqualTo(ExpectedProvenance.byField(graph, OUTER, Map.of("kit/right.r", "r3"), MD5));
      compute(store, OUTER, inc);
      assertEmpty(resolve(store, OUTER), "outer after computing");
    }
  }

  // ------------------------------------------------ 8. append-only and deletes

  /** Acceptance 8: append-only writes, merge-on-read, soft and hard delete. */
  @Nested
  class AppendOnlyHistory {
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
      assertThat(row.getString(FEATURE_VERSION))
          .isEqualTo(graph.versions().featureVersion(SAMPLES));
      assertThat(row.getString(SNAPSHOT_VERSION)).isEqualTo(graph.versions().snapshotVersion());
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
          store,
          SAMPLES,
          List.of(sample("s3", "h3").with("score", 3.0).with(CREATED_AT, createdAt)));
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
    void hardDeleteRemovesEveryFeatureVersion() {
      FeatureGraph g1 = KitGraphs.roots();
      MetadataStore store = open(g1);
      write(store, SAMPLES, List.of(sample("s1", "a"), sample("s2", "b")));
      MetadataStore next = view(store, KitGraphs.withCodeVersion(g1, SAMPLES, "value", "2"));
      write(next, SAMPLES, List.of(sample("s1", "a"), sample("s2", "b")));
      ReadOptions everything = ReadOptions.defaults().withAllFeatureVersions().withSampleHistory();
      assertThat(read(next, SAMPLES, everything)).hasSize(4);
      assertThat(next.delete(SAMPLES, DeleteOptions.hard("sample_id = 's1'"))).isEqualTo(2);
      assertThat(ids(read(next, SAMPLES, everything), "sample_id")).containsExactly("s2", "s2");
      assertThat(ids(read(store, SAMPLES), "sample_id")).containsExactly("s2");
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
                  .with(SNAPSHOT_VERSION, "deadbeef")
                  .with(UPDATED_AT, past)));
      Row row = read(store, SAMPLES).get(0);
      assertThat(row.getString(FEATURE_VERSION))
          .isEqualTo(graph.versions().featureVersion(SAMPLES));
      assertThat(row.getString(SNAPSHOT_VERSION)).isEqualTo(graph.versions().snapshotVersion());
      assertThat(instant(row.get(UPDATED_AT))).isEqualTo(clock.instant());
      assertThat(instant(row.get(CREATED_AT))).isEqualTo(clock.instant());
      assertThat(row.get(MATERIALIZATION_ID)).isNull();
    }
  }

  // --------------------------------------- 9. data version overrides, rebase

  /** Acceptance 9: data-version overrides and rebase with migration events. */
  @Nested
  class DataVersionsAndMigrations {
    @Test
    void anUpstreamDataVersionOverrideFreezesDownstreamProvenance() {
      FeatureGraph graph = Vectors.videoGraph();
      MetadataStore store = open(graph);
      write(store, VIDEO, videos());
      resolveAndCompute(store, CROP);
      resolveAndCompute(store, STT);

      // v1 re-encoded: new provenance, but the user declares the data unchanged.
      write(
          store,
          VIDEO,
          List.of(
              Row.of(
                  "video_id",
                  "v1",
                  PBF,
                  Map.of("audio", "a1-reencoded", "frames", "f1-reencoded"),
                  DVBF,
                  Map.of("audio", "a1", "frames", "f1"))));
      // v2 changed without an override: the control.
      write(store, VIDEO, List.of(video("v2", "a2-changed", "f2")));
      Row v1 = byId(read(store, VIDEO), "video_id").get("v1");
      assertThat(v1.getMap(DVBF)).isEqualTo(Map.of("audio", "a1", "frames", "f1"));
      assertThat(v1.getString(DATA_VERSION))
          .isEqualTo(ExpectedProvenance.combined(Map.of("audio", "a1", "frames", "f1"), MD5));
      assertThat(v1.getString(PROVENANCE))
          .isEqualTo(
              ExpectedProvenance.combined(
                  Map.of("audio", "a1-reencoded", "frames", "f1-reencoded"), MD5));

      for (FeatureKey f : List.of(CROP, STT)) {
        Increment.Materialized inc = resolve(store, f);
        assertThat(ids(inc.staleRows(), "video_id")).as("%s stale", f).containsExactly("v2");
        assertThat(inc.newRows()).isEmpty();
        assertThat(inc.orphanedRows()).isEmpty();
      }
    }

    @Test
    void aPartialOverrideKeepsTheOtherFieldsAtTheirProvenance() {
      MetadataStore store = open(Vectors.videoGraph());
      write(
          store,
          VIDEO,
          List.of(
              Row.of(
                  "video_id",
                  "v1",
                  PBF,
                  Map.of("audio", "a1", "frames", "f1"),
                  DVBF,
                  Map.of("audio", "user-audio"))));
      Row v1 = read(store, VIDEO).get(0);
      assertThat(v1.getMap(DVBF)).isEqualTo(Map.of("audio", "user-audio", "frames", "f1"));
    }

    @Test
    void rebaseCarriesRowsToTheNewVersionKeepingOverridesAndRecordsEvents() {
      FeatureGraph g1 = Vectors.videoGraph();
      MetadataStore store = open(g1);
      write(store, VIDEO, videos());
      Increment.Materialized inc = resolve(store, CROP);
      List<Row> computed = new ArrayList<>();
      for (Row r : inc.newRows()) {
        Row c = r.with("crop_path", "/crops/" + r.get("video_id") + ".mp4");
        if ("v1".equals(r.get("video_id"))) {
          c = c.with(DVBF, Map.of("audio", "user-a1", "frames", "user-f1"));
        }
        computed.add(c);
      }
      write(store, CROP, computed);
      String oldVersion = g1.versions().featureVersion(CROP);
      assertThat(oldVersion).isEqualTo(Vectors.featureVersion(Vectors.GRAPH, CROP.toString()));

      FeatureGraph g2 = KitGraphs.withCodeVersion(g1, CROP, "audio", "2");
      String newVersion = g2.versions().featureVersion(CROP);
      assertThat(newVersion).isNotEqualTo(oldVersion);
      MetadataStore next = view(store, g2);
      assertThat(resolve(next, CROP).newRows()).as("before the rebase").hasSize(3);

      clock.tick();
      Instant at = clock.instant();
      RebaseResult result = next.rebase(CROP, oldVersion, null, "kit-rebase-1");
      assertThat(result.rowsWritten()).isEqualTo(3);
      assertThat(result.skipped()).isFalse();
      assertThat(result.migrationId()).isEqualTo("kit-rebase-1");
      assertThat(result.featureKey()).isEqualTo(CROP.toString());

      Map<String, Row> rows = byId(read(next, CROP), "video_id");
      assertThat(rows).containsOnlyKeys("v1", "v2", "v3");
      for (Row r : rows.values()) {
        String id = r.getString("video_id");
        assertThat(r.getString(FEATURE_VERSION)).isEqualTo(newVersion);
        assertThat(r.getString("crop_path")).isEqualTo("/crops/" + id + ".mp4");
        String n = id.substring(1);
        Map<String, String> expected =
            ExpectedProvenance.byField(g2, CROP, videoDv("a" + n, "f" + n), MD5);
        assertThat(r.getMap(PBF)).as("%s provenance under the new version", id).isEqualTo(expected);
      }
      assertThat(rows.get("v1").getMap(DVBF))
          .as("user data-version override kept")
          .isEqualTo(Map.of("audio", "user-a1", "frames", "user-f1"));
      assertEmpty(resolve(next, CROP), "crop after the rebase");
      assertThat(read(next, CROP, ReadOptions.defaults().withFeatureVersion(oldVersion)))
          .as("old rows stay in history")
          .hasSize(3);

      List<MigrationEvent> events = next.migrationEvents("kit-rebase-1");
      assertThat(events)
          .extracting(MigrationEvent::eventType)
          .containsExactly(
              MigrationEventType.STARTED,
              MigrationEventType.FEATURE_STARTED,
              MigrationEventType.FEATURE_COMPLETED,
              MigrationEventType.COMPLETED);
      assertThat(events).allSatisfy(e -> assertThat(e.project()).isEqualTo(PROJECT));
      assertThat(events).allSatisfy(e -> assertThat(e.migrationId()).isEqualTo("kit-rebase-1"));
      assertThat(events).allSatisfy(e -> assertThat(e.timestamp()).isEqualTo(at));
      assertThat(events).allSatisfy(e -> assertThat(e.errorMessage()).isNull());
      assertThat(events.get(1).featureKey()).isEqualTo(CROP.toString());
      assertThat(events.get(2).featureKey()).isEqualTo(CROP.toString());
      assertThat(events.get(2).rowsAffected()).isEqualTo(3L);
      assertThat(events.get(0).featureKey()).isNull();
      assertThat(events.get(3).featureKey()).isNull();
      assertThat(next.migrationEvents()).containsAll(events);

      // Resumable: the completed feature is skipped.
      RebaseResult again = next.rebase(CROP, oldVersion, null, "kit-rebase-1");
      assertThat(again.skipped()).isTrue();
      assertThat(again.rowsWritten()).isZero();
      assertThat(read(next, CROP, ReadOptions.defaults().withSampleHistory())).hasSize(3);
    }

    @Test
    void aFailedRebaseIsRecordedAsFailed() {
      FeatureGraph graph = Vectors.videoGraph();
      MetadataStore store = open(graph);
      write(store, VIDEO, videos());
      resolveAndCompute(store, CROP);
      assertThatThrownBy(() -> store.rebase(CROP, "00000000", null, "kit-rebase-empty"))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(CROP.toString());
      List<MigrationEvent> events = store.migrationEvents("kit-rebase-empty");
      assertThat(events).isNotEmpty();
      MigrationEvent last = events.get(events.size() - 1);
      assertThat(last.eventType()).isEqualTo(MigrationEventType.FAILED);
      assertThat(last.errorMessage()).isNotBlank();
      assertThat(events)
          .extracting(MigrationEvent::eventType)
          .doesNotContain(MigrationEventType.COMPLETED);
      assertThat(read(store, CROP, ReadOptions.defaults().withSampleHistory())).hasSize(3);

      FeatureKey unknown = FeatureKey.of("kit/unknown");
      assertThatThrownBy(() -> store.rebase(unknown, "00000000", null, "kit-rebase-unknown"))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(unknown.toString());
      assertThat(store.migrationEvents("kit-rebase-unknown"))
          .extracting(MigrationEvent::eventType)
          .contains(MigrationEventType.FAILED)
          .doesNotContain(MigrationEventType.COMPLETED);
    }
  }

  // --------------------------------------------------- 10. staleness predicates

  /** Acceptance 10: staleness predicates are OR-ed and never duplicate new samples. */
  @Nested
  class StalenessPredicates {
    private Row graded(String id, String value, double quality, String status) {
      return sample(id, value).with("quality", quality).with("status", status);
    }

    @Test
    void predicatesAreOredAndNewSamplesAreNeverStale() {
      MetadataStore store = open(KitGraphs.roots());
      write(
          store,
          SAMPLES,
          List.of(
              graded("s1", "h1", 0.9, "ok"),
              graded("s2", "h2", 0.2, "ok"),
              graded("s3", "h3", 0.8, "retry"),
              graded("s4", "h4", 0.1, "retry"),
              graded("s5", "h5", 0.9, "ok"),
              graded("s6", "h6", 0.1, "retry")));
      store.delete(SAMPLES, DeleteOptions.soft("sample_id = 's6'"));
      List<Row> samples =
          List.of(
              sample("s1", "h1"),
              sample("s2", "h2"),
              sample("s3", "h3"),
              sample("s4", "h4-changed"),
              sample("s5", "h5-changed"),
              sample("s6", "h6"),
              sample("s7", "h7"));
      Increment.Materialized inc =
          resolve(
              store,
              SAMPLES,
              ResolveOptions.withSamples(samples).staleWhen("quality < 0.5", "status = 'retry'"));
      assertThat(ids(inc.newRows(), "sample_id")).containsExactly("s6", "s7");
      assertThat(ids(inc.staleRows(), "sample_id")).containsExactly("s2", "s3", "s4", "s5");
      assertThat(inc.orphanedRows()).isEmpty();
      Row s3 = byId(inc.staleRows(), "sample_id").get("s3");
      assertThat(s3.getString(PROVENANCE)).isEqualTo(ExpectedProvenance.hash(MD5, "h3"));

      Increment.Materialized none =
          resolve(store, SAMPLES, ResolveOptions.withSamples(samples).staleWhen("quality > 5"));
      assertThat(ids(none.staleRows(), "sample_id")).containsExactly("s4", "s5");
    }
  }

  // ------------------------------------------------------------ 11. concurrency

  /** Acceptance 11: concurrent writers into one feature. */
  @Nested
  class ConcurrentWriters {
    private static final int THREADS = 8;
    private static final int ROWS = 10_000;
    private static final int BATCH = 1_000;

    /** The timeout only guards the build against a deadlocked store; it asserts no speed. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void eightWritersEachWriteTenThousandRows() throws Exception {
      MetadataStore store = open(KitGraphs.roots());
      clock.tick();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<Long>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          long writer = t;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    long written = 0;
                    for (int b = 0; b < ROWS; b += BATCH) {
                      List<Row> rows = new ArrayList<>(BATCH);
                      for (int i = b; i < b + BATCH; i++) {
                        rows.add(
                            Row.of(
                                "sample_id",
                                String.format("s%05d", i),
                                PBF,
                                Map.of("value", "w" + writer + "-" + i),
                                "writer",
                                writer));
                      }
                      written += store.write(SAMPLES, rows);
                    }
                    return written;
                  }));
        }
        start.countDown();
        for (Future<Long> f : futures) {
          assertThat(f.get()).isEqualTo(ROWS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(count(store, ReadOptions.defaults().withSampleHistory()))
          .isEqualTo((long) THREADS * ROWS);
      List<Row> first = read(store, SAMPLES);
      List<Row> second = read(store, SAMPLES);
      assertThat(first).hasSize(ROWS);
      Map<String, Row> a = byId(first, "sample_id");
      Map<String, Row> b = byId(second, "sample_id");
      assertThat(b).as("latest-row read is deterministic").isEqualTo(a);
    }

    private long count(MetadataStore store, ReadOptions o) {
      try (Stream<Row> rows = store.read(SAMPLES, o)) {
        return rows.count();
      }
    }
  }

  // ------------------------------------------------------------- 12. failed writes

  /** Acceptance 12: a failed write leaves the store unchanged and names column and feature. */
  @Nested
  class FailedWrites {
    private MetadataStore seeded() {
      MetadataStore store = open(KitGraphs.roots());
      write(store, SAMPLES, List.of(sample("s1", "h1"), sample("s2", "h2")));
      return store;
    }

    private void assertUnchanged(MetadataStore store) {
      assertThat(ids(read(store, SAMPLES, ReadOptions.defaults().withSampleHistory()), "sample_id"))
          .containsExactly("s1", "s2");
    }

    @Test
    void aRowWithoutAnIdColumn() {
      MetadataStore store = seeded();
      List<Row> rows =
          List.of(sample("s3", "h3"), Row.of(PBF, Map.of("value", "h?")), sample("s4", "h4"));
      assertThatThrownBy(() -> write(store, SAMPLES, rows))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("sample_id")
          .hasMessageContaining(SAMPLES.toString());
      assertUnchanged(store);
    }

    @Test
    void aWronglyTypedSystemColumn() {
      MetadataStore store = seeded();
      List<Row> rows = List.of(sample("s5", "h5"), Row.of("sample_id", "s6", PBF, "not-a-map"));
      assertThatThrownBy(() -> write(store, SAMPLES, rows))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(PBF)
          .hasMessageContaining(SAMPLES.toString());
      assertUnchanged(store);
    }

    @Test
    void aRowWithoutProvenanceByField() {
      MetadataStore store = seeded();
      List<Row> rows = List.of(sample("s7", "h7"), Row.of("sample_id", "s8"));
      assertThatThrownBy(() -> write(store, SAMPLES, rows))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(PBF)
          .hasMessageContaining(SAMPLES.toString());
      assertUnchanged(store);
    }

    @Test
    void aFailedFirstWriteLeavesNoFeatureBehind() {
      MetadataStore store = seeded();
      List<Row> rows = List.of(sample("o1", "h1"), Row.of(PBF, Map.of("value", "h2")));
      assertThatThrownBy(() -> write(store, OTHER, rows))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("sample_id")
          .hasMessageContaining(OTHER.toString());
      assertThat(store.hasFeature(OTHER)).isFalse();
      assertThat(read(store, OTHER, ReadOptions.defaults().withSampleHistory())).isEmpty();
      assertThat(store.hasFeature(SAMPLES)).isTrue();
    }

    @Test
    void otherWronglyTypedSystemColumns() {
      MetadataStore store = seeded();
      assertThatThrownBy(() -> write(store, SAMPLES, List.of(sample("s9", "h9").with(DVBF, 42L))))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(DVBF)
          .hasMessageContaining(SAMPLES.toString());
      assertThatThrownBy(
              () ->
                  write(store, SAMPLES, List.of(sample("s9", "h9").with(CREATED_AT, "yesterday"))))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(CREATED_AT)
          .hasMessageContaining(SAMPLES.toString());
      assertUnchanged(store);
    }

    @Test
    void aFeatureOutsideTheGraphIsNamed() {
      MetadataStore store = seeded();
      FeatureKey unknown = FeatureKey.of("kit/not_in_graph");
      assertThatThrownBy(() -> write(store, unknown, List.of(sample("s1", "h1"))))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(unknown.toString());
      assertThatThrownBy(() -> resolve(store, unknown))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(unknown.toString());
      assertUnchanged(store);
    }
  }

  // ------------------------------------------------------------------ reads

  /** Read options: filters after merge, columns, feature versions. */
  @Nested
  class Reads {
    private Row scored(String id, double score, String label, long votes) {
      return sample(id, "h-" + id + "-" + score)
          .with("score", score)
          .with("label", label)
          .with("votes", votes);
    }

    private MetadataStore seeded() {
      MetadataStore store = open(KitGraphs.roots());
      write(
          store,
          SAMPLES,
          List.of(
              scored("s1", 5.0, "cat", 1L),
              scored("s2", 3.0, "dog", 2L),
              scored("s3", 1.0, "cat", 3L),
              scored("s4", 4.0, "bird", 4L)));
      write(store, SAMPLES, List.of(scored("s1", 0.5, "cat", 1L)));
      return store;
    }

    @Test
    void filtersApplyAfterTheMerge() {
      MetadataStore store = seeded();
      assertThat(
              ids(
                  read(store, SAMPLES, ReadOptions.defaults().withFilters("score > 2")),
                  "sample_id"))
          .as("s1's older row matched, its latest does not")
          .containsExactly("s2", "s4");
      assertThat(
              ids(
                  read(
                      store,
                      SAMPLES,
                      ReadOptions.defaults().withFilters("label = 'cat' AND votes >= 2")),
                  "sample_id"))
          .containsExactly("s3");
      assertThat(
              ids(
                  read(
                      store,
                      SAMPLES,
                      ReadOptions.defaults().withFilters("label IN ('dog', 'bird')", "score < 4")),
                  "sample_id"))
          .as("several filters are AND-ed")
          .containsExactly("s2");
      assertThat(
              ids(
                  read(store, SAMPLES, ReadOptions.defaults().withFilters("NOT (label = 'cat')")),
                  "sample_id"))
          .containsExactly("s2", "s4");
      assertThat(
              ids(
                  read(
                      store,
                      SAMPLES,
                      ReadOptions.defaults().withSampleHistory().withFilters("sample_id = 's1'")),
                  "sample_id"))
          .containsExactly("s1", "s1");
    }

    @Test
    void columnsSelectWhatIsReturned() {
      MetadataStore store = seeded();
      List<Row> rows =
          read(store, SAMPLES, ReadOptions.defaults().withColumns("sample_id", "label"));
      assertThat(rows).hasSize(4);
      assertThat(rows)
          .allSatisfy(r -> assertThat(r.columns()).containsExactlyInAnyOrder("sample_id", "label"));
    }

    @Test
    void anAbsentFeatureReadsEmpty() {
      MetadataStore store = seeded();
      assertThat(read(store, OTHER)).isEmpty();
      assertThat(store.hasFeature(OTHER)).isFalse();
      assertThat(store.hasFeature(SAMPLES)).isTrue();
    }
  }

  // ---------------------------------------------------------------- snapshots

  /** Push records the graph snapshot once (§5 feature_versions). */
  @Nested
  class Snapshots {
    @Test
    void pushRecordsTheSnapshotOnce() {
      FeatureGraph graph = Vectors.videoGraph();
      MetadataStore store = open(graph);
      clock.tick();
      Instant at = clock.instant();
      PushResult first = store.push();
      String snapshot = Vectors.snapshotVersion(Vectors.GRAPH);
      assertThat(first).isEqualTo(new PushResult(snapshot, true, 5));
      clock.tick();
      PushResult second = store.push();
      assertThat(second.recorded()).isFalse();
      assertThat(second.snapshotVersion()).isEqualTo(snapshot);
      assertThat(store.snapshots()).containsExactly(new SnapshotSummary(snapshot, at, 5));

      List<FeatureVersionRecord> records = store.featureVersions(snapshot);
      assertThat(records)
          .extracting(FeatureVersionRecord::featureKey)
          .containsExactly(
              "example/crop",
              "example/face_detection",
              "example/stt",
              "example/summary",
              "example/video");
      for (FeatureVersionRecord r : records) {
        FeatureKey key = FeatureKey.of(r.featureKey());
        assertThat(r.project()).isEqualTo(PROJECT);
        assertThat(r.featureVersion())
            .isEqualTo(Vectors.featureVersion(Vectors.GRAPH, r.featureKey()));
        assertThat(r.specVersion()).isEqualTo(graph.versions().specVersion(key));
        assertThat(r.snapshotVersion()).isEqualTo(snapshot);
        assertThat(r.recordedAt()).isEqualTo(at);
        assertThat(DefinitionsCodec.readSpec(r.featureSpec())).isEqualTo(graph.get(key));
      }
      assertThat(store.featureVersions("no-such-snapshot")).isEmpty();

      FeatureGraph bumped = KitGraphs.withCodeVersion(graph, VIDEO, "audio", "2");
      MetadataStore next = view(store, bumped);
      clock.tick();
      PushResult third = next.push();
      assertThat(third)
          .isEqualTo(
              new PushResult(Vectors.snapshotVersion(Vectors.AUDIO_CODE_VERSION_2), true, 5));
      assertThat(next.snapshots())
          .extracting(SnapshotSummary::snapshotVersion)
          .containsExactly(snapshot, third.snapshotVersion());
    }
  }

  // ---------------------------------------------------------- fallback stores

  /**
   * A feature absent from a store is read whole from its fallback stores; they are never written.
   */
  @Nested
  class FallbackStores {
    @Test
    void absentFeaturesAreServedFromTheFallback() {
      FeatureGraph graph = Vectors.videoGraph();
      MetadataStore shared = open(graph);
      write(shared, VIDEO, videos());
      MetadataStore local = open(settings(graph).fallbackStore(shared).build());
      assertThat(local.hasFeature(VIDEO)).isFalse();
      assertThat(ids(read(local, VIDEO), "video_id")).containsExactly("v1", "v2", "v3");

      Increment.Materialized crop = resolve(local, CROP);
      assertThat(ids(crop.newRows(), "video_id")).containsExactly("v1", "v2", "v3");
      compute(local, CROP, crop);
      assertThat(local.hasFeature(CROP)).isTrue();
      assertThat(shared.hasFeature(CROP)).as("fallback stores are never written").isFalse();
      assertEmpty(resolve(local, CROP), "crop after computing locally");

      write(local, VIDEO, List.of(video("v9", "a9", "f9")));
      assertThat(ids(read(local, VIDEO), "video_id"))
          .as("a feature present locally is not merged with the fallback")
          .containsExactly("v9");
      assertThat(ids(read(shared, VIDEO), "video_id")).containsExactly("v1", "v2", "v3");
    }
  }

  // ----------------------------------------------------- streaming increments

  /** The increment is consumed through its streams. */
  @Nested
  class StreamingIncrement {
    @Test
    void streamsYieldTheIncrement() {
      MetadataStore store = open(KitGraphs.roots());
      List<Row> stored = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        stored.add(sample(String.format("s%03d", i), "h" + i));
      }
      write(store, SAMPLES, stored);
      List<Row> samples = new ArrayList<>();
      for (int i = 100; i < 400; i++) {
        samples.add(sample(String.format("s%03d", i), i < 150 ? "changed" + i : "h" + i));
      }
      try (Increment inc = store.resolveUpdate(SAMPLES, ResolveOptions.withSamples(samples))) {
        List<String> added;
        try (Stream<Row> s = inc.newRows()) {
          added = s.map(r -> r.getString("sample_id")).sorted().toList();
        }
        List<String> stale;
        try (Stream<Row> s = inc.staleRows()) {
          stale = s.map(r -> r.getString("sample_id")).sorted().toList();
        }
        long orphaned;
        try (Stream<Row> s = inc.orphanedRows()) {
          orphaned = s.mapToLong(r -> r.has("sample_id") ? 1 : 0).sum();
        }
        assertThat(added).hasSize(100).startsWith("s300").endsWith("s399");
        assertThat(stale).hasSize(50).startsWith("s100").endsWith("s149");
        assertThat(orphaned).isEqualTo(100);
      }
    }
  }

  // ------------------------------------------------------ resolve filters

  /** ResolveOptions filters: per feature, global, target only. */
  @Nested
  class ResolveFilters {
    private MetadataStore computed() {
      MetadataStore store = open(Vectors.videoGraph());
      write(store, VIDEO, videos());
      resolveAndCompute(store, CROP);
      return store;
    }

    @Test
    void aFeatureFilterRestrictsTheUpstream() {
      MetadataStore store = open(Vectors.videoGraph());
      write(store, VIDEO, videos());
      Increment.Materialized inc =
          resolve(store, CROP, ResolveOptions.defaults().filter(VIDEO, "video_id != 'v3'"));
      assertThat(ids(inc.newRows(), "video_id")).containsExactly("v1", "v2");
      compute(store, CROP, resolve(store, CROP));
      Increment.Materialized filtered =
          resolve(store, CROP, ResolveOptions.defaults().filter(VIDEO, "video_id != 'v3'"));
      assertThat(ids(filtered.orphanedRows(), "video_id")).containsExactly("v3");
      assertThat(filtered.newRows()).isEmpty();
      assertThat(filtered.staleRows()).isEmpty();
    }

    @Test
    void targetAndGlobalFiltersRestrictBothSides() {
      MetadataStore store = computed();
      write(
          store,
          VIDEO,
          List.of(video("v1", "a1x", "f1"), video("v2", "a2x", "f2"), video("v3", "a3x", "f3")));
      Increment.Materialized target =
          resolve(store, CROP, ResolveOptions.defaults().targetFilter("video_id = 'v1'"));
      assertThat(ids(target.staleRows(), "video_id")).containsExactly("v1");
      assertThat(target.newRows()).isEmpty();
      assertThat(target.orphanedRows()).isEmpty();

      Increment.Materialized global =
          resolve(store, CROP, ResolveOptions.defaults().globalFilter("video_id != 'v2'"));
      assertThat(ids(global.staleRows(), "video_id")).containsExactly("v1", "v3");
      assertThat(global.newRows()).isEmpty();
      assertThat(global.orphanedRows()).isEmpty();

      Increment.Materialized all = resolve(store, CROP);
      assertThat(ids(all.staleRows(), "video_id")).containsExactly("v1", "v2", "v3");
    }
  }

  // ------------------------------------------------------ dependency shaping

  /** FeatureDep rename, select and filters; colliding user columns between deps. */
  @Nested
  class DependencyShaping {
    @Test
    void renameSelectAndFiltersShapeTheUpstream() {
      FeatureGraph graph = KitGraphs.shaping();
      MetadataStore store = open(graph);
      write(
          store,
          RAW,
          List.of(
              Row.of("raw_id", "r1", PBF, Map.of("x", "x1"), "split", "train", "note", "a"),
              Row.of("raw_id", "r2", PBF, Map.of("x", "x2"), "split", "test", "note", "b"),
              Row.of("raw_id", "r3", PBF, Map.of("x", "x3"), "split", "train", "note", "c")));
      Increment.Materialized inc = resolve(store, CLEAN);
      assertThat(ids(inc.newRows(), "sample_id")).containsExactly("r1", "r3");
      Row r1 = byId(inc.newRows(), "sample_id").get("r1");
      assertThat(r1.getMap(PBF))
          .isEqualTo(ExpectedProvenance.byField(graph, CLEAN, Map.of("kit/raw.x", "x1"), MD5));
      compute(store, CLEAN, inc);
      assertEmpty(resolve(store, CLEAN), "clean after computing");

      write(
          store,
          RAW,
          List.of(Row.of("raw_id", "r2", PBF, Map.of("x", "x2b"), "split", "train", "note", "b")));
      write(
          store,
          RAW,
          List.of(Row.of("raw_id", "r3", PBF, Map.of("x", "x3"), "split", "test", "note", "c")));
      Increment.Materialized changed = resolve(store, CLEAN);
      assertThat(ids(changed.newRows(), "sample_id")).containsExactly("r2");
      assertThat(ids(changed.orphanedRows(), "sample_id")).containsExactly("r3");
      assertThat(changed.staleRows()).isEmpty();
    }

    @Test
    void collidingUserColumnsAreAnErrorUnlessRenamed() {
      MetadataStore store = open(KitGraphs.shaping());
      write(
          store,
          LEFT_SCORES,
          List.of(Row.of("sample_id", "s1", PBF, Map.of("p", "p1"), "score", 1.0)));
      write(
          store,
          RIGHT_SCORES,
          List.of(Row.of("sample_id", "s1", PBF, Map.of("q", "q1"), "score", 2.0)));
      assertThatThrownBy(() -> resolve(store, SCORED))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("score")
          .hasMessageContaining(SCORED.toString());
      assertThat(ids(resolve(store, SCORED_RENAMED).newRows(), "sample_id")).containsExactly("s1");
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /** open/close, configured system table names, the migration event log. */
  @Nested
  class Lifecycle {
    @Test
    void aStoreIsUsableOnlyWhileOpen() {
      MetadataStore store = createStore(settings(KitGraphs.roots()).build());
      created.add(store);
      assertThat(store.isOpen()).isFalse();
      assertThatThrownBy(() -> store.write(SAMPLES, List.of(sample("s1", "h1"))))
          .as("writing to a store that was never opened")
          .isInstanceOf(MetaxyException.class);
      store.open();
      store.open();
      assertThat(store.isOpen()).isTrue();
      write(store, SAMPLES, List.of(sample("s1", "h1")));
      assertThat(read(store, SAMPLES)).hasSize(1);
      store.close();
      assertThat(store.isOpen()).isFalse();
    }

    @Test
    void settingsAreExposed() {
      FeatureGraph graph = KitGraphs.roots();
      MetadataStore store = open(graph);
      assertThat(store.settings().project()).isEqualTo(PROJECT);
      assertThat(store.settings().clock().instant()).isEqualTo(clock.instant());
      assertThat(store.hashAlgorithm()).isEqualTo(MD5);
      assertThat(store.graph().versions().snapshotVersion())
          .isEqualTo(graph.versions().snapshotVersion());
    }

    @Test
    void configuredSystemTableNamesAndTheEventLog() {
      FeatureGraph graph = KitGraphs.roots();
      MetadataStore store =
          open(
              settings(graph)
                  .systemTableNames(
                      new SystemTableNames("kit_feature_versions", "kit_migration_events"))
                  .build());
      assertThat(store.push().recorded()).isTrue();
      assertThat(store.snapshots())
          .extracting(SnapshotSummary::snapshotVersion)
          .containsExactly(graph.versions().snapshotVersion());
      Instant at = clock.tick();
      MigrationEvent started =
          new MigrationEvent(PROJECT, "kit-log", MigrationEventType.STARTED, at, null, null, null);
      MigrationEvent failed =
          new MigrationEvent(
              PROJECT,
              "kit-log",
              MigrationEventType.FAILED,
              clock.tick(),
              SAMPLES.toString(),
              null,
              "boom");
      MigrationEvent other =
          new MigrationEvent(
              PROJECT, "kit-other", MigrationEventType.STARTED, clock.tick(), null, null, null);
      store.recordMigrationEvent(started);
      store.recordMigrationEvent(failed);
      store.recordMigrationEvent(other);
      assertThat(store.migrationEvents("kit-log")).containsExactly(started, failed);
      assertThat(store.migrationEvents()).containsExactly(started, failed, other);
      assertThat(store.migrationEvents("kit-none")).isEmpty();
    }

    @Test
    void multiPartHyphenatedKeysAreStored() {
      MetadataStore store = open(KitGraphs.roots());
      write(store, HYPHENATED, List.of(sample("s1", "h1"), sample("s2", "h2")));
      assertThat(store.hasFeature(HYPHENATED)).isTrue();
      assertThat(ids(read(store, HYPHENATED), "sample_id")).containsExactly("s1", "s2");
      assertThat(read(store, SAMPLES)).isEmpty();
    }
  }

  // ------------------------------------------------------ model-based check

  /**
   * Random (seeded) sequences of writes, soft and hard deletes on a root feature, compared after
   * every step with a plain model of merge-on-read (latest row per sample, tombstones hide).
   */
  @Nested
  class MergeOnReadModel {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 42, 2026})
    void readsAndIncrementsFollowTheModel(long seed) {
      Random random = new Random(seed);
      MetadataStore store = open(KitGraphs.roots());
      Map<String, String> alive = new TreeMap<>();
      Set<String> deleted = new TreeSet<>();
      for (int step = 0; step < 30; step++) {
        String id = "s" + random.nextInt(6);
        int op = random.nextInt(10);
        String what;
        if (op < 6) {
          List<Row> rows = new ArrayList<>();
          int n = 1 + random.nextInt(3);
          Map<String, String> batch = new TreeMap<>();
          for (int i = 0; i < n; i++) {
            String sid = "s" + random.nextInt(6);
            if (batch.putIfAbsent(sid, "v" + step + "-" + i) == null) {
              rows.add(sample(sid, batch.get(sid)));
            }
          }
          write(store, SAMPLES, rows);
          alive.putAll(batch);
          deleted.removeAll(batch.keySet());
          what = "write " + batch;
        } else if (op < 9) {
          if (!alive.containsKey(id)) {
            continue;
          }
          clock.tick();
          assertThat(store.delete(SAMPLES, DeleteOptions.soft("sample_id = '" + id + "'")))
              .as("step %d: soft delete of live sample %s", step, id)
              .isEqualTo(1);
          alive.remove(id);
          deleted.add(id);
          what = "soft delete " + id;
        } else {
          clock.tick();
          store.delete(SAMPLES, DeleteOptions.hard("sample_id = '" + id + "'"));
          alive.remove(id);
          deleted.remove(id);
          what = "hard delete " + id;
        }
        Map<String, String> seen = new TreeMap<>();
        for (Row r : read(store, SAMPLES)) {
          seen.put(r.getString("sample_id"), r.getMap(PBF).get("value"));
        }
        assertThat(seen).as("step %d (%s): read", step, what).isEqualTo(alive);
        Set<String> withDeleted = new TreeSet<>(alive.keySet());
        withDeleted.addAll(deleted);
        assertThat(
                new TreeSet<>(
                    ids(read(store, SAMPLES, ReadOptions.defaults().withDeleted()), "sample_id")))
            .as("step %d (%s): read with deleted", step, what)
            .isEqualTo(withDeleted);
      }
      List<Row> samples = new ArrayList<>();
      Set<String> expectNew = new TreeSet<>();
      Set<String> expectStale = new TreeSet<>();
      Set<String> expectOrphaned = new TreeSet<>(alive.keySet());
      for (int i = 0; i < 6; i++) {
        String id = "s" + i;
        if (random.nextBoolean()) {
          String value = random.nextBoolean() && alive.containsKey(id) ? alive.get(id) : "fresh";
          samples.add(sample(id, value));
          expectOrphaned.remove(id);
          if (!alive.containsKey(id)) {
            expectNew.add(id);
          } else if (!alive.get(id).equals(value)) {
            expectStale.add(id);
          }
        }
      }
      Increment.Materialized inc = resolve(store, SAMPLES, ResolveOptions.withSamples(samples));
      assertThat(new TreeSet<>(ids(inc.newRows(), "sample_id"))).isEqualTo(expectNew);
      assertThat(new TreeSet<>(ids(inc.staleRows(), "sample_id"))).isEqualTo(expectStale);
      assertThat(new TreeSet<>(ids(inc.orphanedRows(), "sample_id"))).isEqualTo(expectOrphaned);
      assertThat(inc.newRows().size() + inc.staleRows().size() + inc.orphanedRows().size())
          .as("no sample twice")
          .isEqualTo(expectNew.size() + expectStale.size() + expectOrphaned.size());
    }
  }
}
