package io.metaxy.sparkcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.adapter.spark.SparkMetadataStore;
import io.metaxy.adapter.spark.SparkStoreConfig;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.spi.MetadataStoreProviders;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The video pipeline (video → crop → face_detection, video → stt) resolved on a real Spark
 * standalone cluster (a master and two workers on loopback, executors in their own JVMs): every
 * increment and every stored row equals the jOOQ store's on DuckDB (store type {@code duckdb}, the
 * project's default store), run after run, including after a code-version bump.
 */
class SparkClusterTest {
  private static final FeatureKey VIDEO = FeatureKey.of("example/video");
  private static final FeatureKey CROP = FeatureKey.of("example/crop");
  private static final FeatureKey FACES = FeatureKey.of("example/face_detection");
  private static final FeatureKey STT = FeatureKey.of("example/stt");

  private static StandaloneCluster cluster;
  private static SparkSession spark;
  private static Path warehouse;
  private static Path duckdb;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = StandaloneCluster.start(2);
    spark =
        SparkSession.builder()
            .appName("metaxy-cluster-test")
            .master(cluster.masterUrl())
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.executor.extraClassPath", StandaloneCluster.classPath())
            .config(
                "spark.executor.extraJavaOptions", String.join(" ", StandaloneCluster.jvmOptions()))
            .config("spark.executor.memory", "512m")
            .config("spark.executor.cores", "1")
            .config("spark.cores.max", "2")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.locality.wait", "0")
            .getOrCreate();
    long end = System.nanoTime() + 180_000_000_000L;
    while (spark.sparkContext().statusTracker().getExecutorInfos().length < 3) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "The two executors did not register within 180 s; see the logs in " + cluster.logDir());
      }
      Thread.sleep(500);
    }
    warehouse = Files.createTempDirectory("metaxy-spark-cluster-warehouse");
    duckdb = Files.createTempDirectory("metaxy-spark-cluster-duckdb");
  }

  @AfterAll
  static void stopCluster() {
    if (spark != null) {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
    if (cluster != null) {
      cluster.close();
    }
    StandaloneCluster.deleteRecursively(warehouse);
    StandaloneCluster.deleteRecursively(duckdb);
  }

  private static FeatureGraph pipeline(String audioCodeVersion) {
    return FeatureGraph.of(
        FeatureSpec.builder(VIDEO)
            .idColumns("video_id")
            .field("audio", audioCodeVersion)
            .field("frames", "1")
            .build(),
        FeatureSpec.builder(CROP)
            .idColumns("video_id")
            .dependsOn("example/video")
            .field("audio", "1")
            .field("frames", "1")
            .build(),
        FeatureSpec.builder(FACES)
            .idColumns("video_id")
            .dependsOn("example/crop")
            .field(
                FieldSpec.builder("faces")
                    .codeVersion("1")
                    .dependsOn("example/crop", "frames")
                    .build())
            .build(),
        FeatureSpec.builder(STT)
            .idColumns("video_id")
            .dependsOn("example/video")
            .field(
                FieldSpec.builder("transcription")
                    .codeVersion("1")
                    .dependsOn("example/video", "audio")
                    .build())
            .build());
  }

  private static List<Row> videos(int n) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          Row.of(
              "video_id",
              String.format("v%03d", i),
              SystemColumns.PROVENANCE_BY_FIELD,
              Map.of("audio", "a" + i, "frames", "f" + i)));
    }
    return out;
  }

  /** One pipeline run: per feature in topological order, the increment as sorted strings. */
  private static Map<FeatureKey, List<String>> run(MetadataStore store, List<Row> videos) {
    Map<FeatureKey, List<String>> out = new LinkedHashMap<>();
    for (FeatureKey f : store.graph().topologicalOrder()) {
      Increment.Materialized inc =
          store.resolveUpdate(f, ResolveOptions.withSamples(videos)).collect();
      List<Row> results =
          inc.toCompute().stream().map(r -> r.with("result", f + ":" + r.get("video_id"))).toList();
      if (!results.isEmpty()) {
        store.write(f, results);
      }
      List<String> lines = new ArrayList<>();
      inc.newRows().forEach(r -> lines.add("new " + describe(r)));
      inc.staleRows().forEach(r -> lines.add("stale " + describe(r)));
      inc.orphanedRows().forEach(r -> lines.add("orphaned " + describe(r)));
      out.put(f, lines.stream().sorted().toList());
    }
    return out;
  }

  private static String describe(Row r) {
    return r.get("video_id")
        + " "
        + r.get(SystemColumns.PROVENANCE)
        + " "
        + r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
  }

  private static List<String> stored(MetadataStore store, FeatureKey f) {
    try (Stream<Row> rows = store.read(f)) {
      return rows.map(
              r ->
                  r.get("video_id")
                      + " "
                      + r.get(SystemColumns.PROVENANCE)
                      + " "
                      + r.get(SystemColumns.DATA_VERSION)
                      + " "
                      + r.get("result"))
          .sorted()
          .toList();
    }
  }

  @Test
  void theVideoPipelineOnAStandaloneClusterMatchesDuckDb() {
    TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    FeatureGraph v1 = pipeline("1");
    StoreSettings settings = StoreSettings.builder(v1).clock(clock).build();
    List<Row> videos = videos(40);
    try (MetadataStore onCluster =
            new SparkMetadataStore(
                    settings, SparkStoreConfig.session(spark, warehouse.toUri().toString()))
                .open();
        MetadataStore reference =
            MetadataStoreProviders.find("duckdb")
                .create(settings, Map.of("path", duckdb.resolve("reference.duckdb").toString()))
                .open()) {
      Map<FeatureKey, List<String>> first = run(onCluster, videos);
      assertThat(first).isEqualTo(run(reference, videos));
      assertThat(first.get(FACES)).hasSize(40).allMatch(l -> l.startsWith("new "));

      Map<FeatureKey, List<String>> second = run(onCluster, videos);
      assertThat(second).isEqualTo(run(reference, videos));
      assertThat(second.values()).allMatch(List::isEmpty);

      FeatureGraph v2 = pipeline("2");
      MetadataStore bumped = onCluster.withGraph(v2);
      MetadataStore bumpedReference = reference.withGraph(v2);
      List<Row> fewer = videos.subList(0, 30);
      Map<FeatureKey, List<String>> third = run(bumped, fewer);
      assertThat(third).isEqualTo(run(bumpedReference, fewer));
      assertThat(third.get(CROP))
          .as("a new crop feature version: every remaining video is new")
          .hasSize(30)
          .allMatch(l -> l.startsWith("new "));
      assertThat(third.get(FACES))
          .as("face detection reads only frames: nothing to recompute, the dropped videos orphaned")
          .hasSize(10)
          .allMatch(l -> l.startsWith("orphaned "));
      for (FeatureKey f : v2.topologicalOrder()) {
        assertThat(stored(bumped, f)).as("stored %s", f).isEqualTo(stored(bumpedReference, f));
      }
    }
    assertThat(spark.sparkContext().statusTracker().getExecutorInfos())
        .as("driver and two executors")
        .hasSizeGreaterThanOrEqualTo(3);
  }
}
