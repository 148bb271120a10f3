package io.metaxy.domain.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.JdkRowHashers;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.Lineage;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The engine's formulas (docs/semantics.md §3) and every lineage and join rule. */
class ProvenanceEngineTest {
  static final RowHasher MD5 = JdkRowHashers.forAlgorithm(HashAlgorithm.MD5).orElseThrow();
  static final RowHasher SHA = JdkRowHashers.forAlgorithm(HashAlgorithm.SHA256).orElseThrow();

  static String md5(String s) {
    return MD5.hash(s).substring(0, 8);
  }

  static Row up(Object... kv) {
    return Row.of(kv);
  }

  static Map<FeatureKey, List<Row>> data = Map.of();

  static UpstreamSource source(Map<String, List<Row>> rows) {
    return f -> rows.getOrDefault(f.toString(), List.of()).stream();
  }

  static Row only(Stream<Row> rows) {
    List<Row> l = rows.toList();
    assertThat(l).hasSize(1);
    return l.get(0);
  }

  /** Aggregation: the group data versions do not depend on the order upstream rows arrive in. */
  @Property(tries = 50)
  void aggregationIsIndependentOfUpstreamRowOrder(
      @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Aggregation agg = new Aggregation();
    List<Row> shuffled = new ArrayList<>(agg.readings());
    Collections.shuffle(shuffled, new Random(seed));
    List<Row> a = new ArrayList<>(agg.expected(agg.readings()));
    List<Row> b = new ArrayList<>(agg.expected(shuffled));
    a.sort((x, y) -> x.getString("sensor_id").compareTo(y.getString("sensor_id")));
    b.sort((x, y) -> x.getString("sensor_id").compareTo(y.getString("sensor_id")));
    assertThat(b).isEqualTo(a);
  }

  @Nested
  class Formulas {
    final FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder("a/video")
                .idColumns("id")
                .field("audio", "1")
                .field("frames", "1")
                .build(),
            FeatureSpec.builder("a/clip")
                .idColumns("id")
                .dependsOn(FeatureDep.on("a/video"))
                .field(FieldSpec.builder("mix").codeVersion("7").dependsOnAll().build())
                .build());

    @Test
    void fieldProvenanceJoinsKeyCodeVersionAndSortedParents() {
      ProvenanceEngine e = new ProvenanceEngine(graph, MD5, Truncation.DEFAULT);
      Row r =
          only(
              e.expectedRows(
                  FeatureKey.of("a/clip"),
                  source(
                      Map.of(
                          "a/video",
                          List.of(
                              up(
                                  "id",
                                  1,
                                  SystemColumns.PROVENANCE_BY_FIELD,
                                  Map.of("audio", "pa", "frames", "pf"),
                                  SystemColumns.DATA_VERSION_BY_FIELD,
                                  Map.of("audio", "da")))))));
      // data versions win over provenance per field; parents sorted by "feature.field"
      String mix = md5("mix|7|a/video.audio|da|a/video.frames|pf");
      assertThat(r.getMap(SystemColumns.PROVENANCE_BY_FIELD)).isEqualTo(Map.of("mix", mix));
      assertThat(r.get(SystemColumns.PROVENANCE)).isEqualTo(md5(mix));
      assertThat(r.get("id")).isEqualTo(1);
    }

    @Test
    void preparedRowsAreHashedLazilyAndReStreamable() {
      java.util.concurrent.atomic.AtomicInteger hashes =
          new java.util.concurrent.atomic.AtomicInteger();
      ProvenanceEngine e =
          new ProvenanceEngine(
              graph,
              s -> {
                hashes.incrementAndGet();
                return MD5.hash(s);
              },
              Truncation.DEFAULT);
      List<Row> videos = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        videos.add(
            up(
                "id",
                i,
                SystemColumns.PROVENANCE_BY_FIELD,
                Map.of("audio", "a" + i, "frames", "f")));
      }
      java.util.function.Supplier<Stream<Row>> prepared =
          e.prepareExpected(FeatureKey.of("a/clip"), source(Map.of("a/video", videos)));
      assertThat(hashes.get()).isZero();
      Row first = prepared.get().findFirst().orElseThrow();
      assertThat(hashes.get()).isEqualTo(2); // one field + the row hash
      assertThat(prepared.get().toList()).hasSize(100).first().isEqualTo(first);
    }

    @Test
    void combineOrdersByStructKeyAndTruncationIsConfigurable() {
      ProvenanceEngine e8 = new ProvenanceEngine(graph, SHA, Truncation.DEFAULT);
      ProvenanceEngine full = new ProvenanceEngine(graph, SHA, Truncation.NONE);
      ProvenanceEngine t12 = new ProvenanceEngine(graph, SHA, Truncation.of(12));
      Map<String, String> m = Map.of("b", "2", "a", "1", "c_d", "3");
      assertThat(full.combine(m)).isEqualTo(SHA.hash("1|2|3")).hasSize(64);
      assertThat(e8.combine(m)).isEqualTo(SHA.hash("1|2|3").substring(0, 8));
      assertThat(t12.combine(m)).isEqualTo(SHA.hash("1|2|3").substring(0, 12));
    }

    @Test
    void shortHashesAreNotPadded() {
      ProvenanceEngine e = new ProvenanceEngine(graph, s -> "123", Truncation.DEFAULT);
      assertThat(e.combine(Map.of("x", "y"))).isEqualTo("123");
    }
  }

  @Nested
  class DependencyShaping {
    final FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder("s/left").idColumns("sid").field("default", "1").build(),
            FeatureSpec.builder("s/right").idColumns("rid").field("default", "1").build(),
            FeatureSpec.builder("s/joined")
                .idColumns("sid")
                .dependsOn(FeatureDep.builder("s/left").select("sid", "kept").build())
                .dependsOn(
                    FeatureDep.builder("s/right")
                        .rename("rid", "sid")
                        .rename("model", "right_model")
                        .filter("right_model != 'bad'")
                        .build())
                .build());

    static Row left(String id, String dv) {
      return up(
          "sid",
          id,
          "kept",
          "k" + id,
          "dropped",
          "x",
          "model",
          "m",
          SystemColumns.PROVENANCE_BY_FIELD,
          Map.of("default", dv));
    }

    static Row right(String id, String model, String dv) {
      return up(
          "rid", id, "model", model, SystemColumns.PROVENANCE_BY_FIELD, Map.of("default", dv));
    }

    @Test
    void renameFiltersAndSelectShapeTheInnerJoin() {
      ProvenanceEngine e = new ProvenanceEngine(graph, MD5, Truncation.DEFAULT);
      List<Row> rows =
          e.expectedRows(
                  FeatureKey.of("s/joined"),
                  source(
                      Map.of(
                          "s/left", List.of(left("1", "l1"), left("2", "l2"), left("3", "l3")),
                          "s/right",
                              List.of(
                                  right("1", "ok", "r1"),
                                  right("2", "bad", "r2"),
                                  right("4", "ok", "r4")))))
              .toList();
      assertThat(rows).extracting(r -> r.get("sid")).containsExactly("1");
      Row r = rows.get(0);
      assertThat(r.columns())
          .containsExactly(
              "sid",
              "kept",
              "right_model",
              SystemColumns.PROVENANCE_BY_FIELD,
              SystemColumns.PROVENANCE);
      assertThat(r.getMap(SystemColumns.PROVENANCE_BY_FIELD))
          .containsEntry(
              "default", md5("default|__metaxy_initial__|s/left.default|l1|s/right.default|r1"));
    }

    @Test
    void collidingUserColumnsAreAnErrorUnlessRenamed() {
      FeatureGraph clash =
          FeatureGraph.of(
              FeatureSpec.builder("s/left").idColumns("sid").build(),
              FeatureSpec.builder("s/other").idColumns("sid").build(),
              FeatureSpec.builder("s/joined")
                  .idColumns("sid")
                  .dependsOn(FeatureDep.on("s/left"))
                  .dependsOn(FeatureDep.on("s/other"))
                  .build());
      ProvenanceEngine e = new ProvenanceEngine(clash, MD5, Truncation.DEFAULT);
      Row l =
          up("sid", "1", "model", "a", SystemColumns.PROVENANCE_BY_FIELD, Map.of("default", "x"));
      assertThatThrownBy(
              () ->
                  e.expectedRows(
                      FeatureKey.of("s/joined"),
                      source(Map.of("s/left", List.of(l), "s/other", List.of(l)))))
          .isInstanceOfSatisfying(
              MetaxyException.class,
              x -> assertThat(x.errorCode()).isEqualTo(ErrorCode.COLUMN_COLLISION))
          .hasMessageContaining("\"model\"")
          .hasMessageContaining("s/left")
          .hasMessageContaining("s/other")
          .hasMessageContaining("s/joined");
    }

    @Test
    void missingJoinColumnIsNamed() {
      ProvenanceEngine e = new ProvenanceEngine(graph, MD5, Truncation.DEFAULT);
      Row noId = up("other", "1", SystemColumns.PROVENANCE_BY_FIELD, Map.of("default", "x"));
      assertThatThrownBy(
              () ->
                  e.expectedRows(
                      FeatureKey.of("s/joined"), source(Map.of("s/left", List.of(noId)))))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("\"sid\"")
          .hasMessageContaining("s/left");
    }
  }

  @Nested
  class OptionalDeps {
    static FeatureGraph graph(boolean firstOptional) {
      FeatureDep a = FeatureDep.builder("o/a").optional(firstOptional).build();
      return FeatureGraph.of(
          FeatureSpec.builder("o/a").idColumns("sid").build(),
          FeatureSpec.builder("o/b").idColumns("sid").build(),
          FeatureSpec.builder("o/t")
              .idColumns("sid")
              .dependsOn(a)
              .dependsOn(FeatureDep.builder("o/b").optional().build())
              .build());
    }

    static Row r(String id, String dv) {
      return up("sid", id, SystemColumns.PROVENANCE_BY_FIELD, Map.of("default", dv));
    }

    final Map<String, List<Row>> rows =
        Map.of(
            "o/a",
            List.of(r("s1", "a1"), r("s2", "a2")),
            "o/b",
            List.of(r("s2", "b2"), r("s3", "b3")));

    @Test
    void optionalIsLeftJoinedWithEmptyDataVersions() {
      ProvenanceEngine e = new ProvenanceEngine(graph(false), MD5, Truncation.DEFAULT);
      List<Row> out = e.expectedRows(FeatureKey.of("o/t"), source(rows)).toList();
      assertThat(out).extracting(x -> x.get("sid")).containsExactly("s1", "s2");
      assertThat(out.get(0).getMap(SystemColumns.PROVENANCE_BY_FIELD))
          .containsEntry("default", md5("default|__metaxy_initial__|o/a.default|a1|o/b.default|"));
    }

    @Test
    void allOptionalIsAFullOuterJoin() {
      ProvenanceEngine e = new ProvenanceEngine(graph(true), MD5, Truncation.DEFAULT);
      List<Row> out = e.expectedRows(FeatureKey.of("o/t"), source(rows)).toList();
      assertThat(out).extracting(x -> x.get("sid")).containsExactly("s1", "s2", "s3");
      assertThat(out.get(2).getMap(SystemColumns.PROVENANCE_BY_FIELD))
          .containsEntry("default", md5("default|__metaxy_initial__|o/a.default||o/b.default|b3"));
    }
  }

  @Nested
  class Aggregation {
    final FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder("agg/readings")
                .idColumns("sensor_id", "reading_id")
                .field("temperature", "1")
                .field("humidity", "1")
                .build(),
            FeatureSpec.builder("agg/stats")
                .idColumns("sensor_id")
                .dependsOn(
                    FeatureDep.builder("agg/readings")
                        .lineage(Lineage.aggregation("sensor_id"))
                        .build())
                .field(
                    FieldSpec.builder("avg_temp")
                        .codeVersion("1")
                        .dependsOn("agg/readings", "temperature")
                        .build())
                .field(
                    FieldSpec.builder("avg_humidity")
                        .codeVersion("1")
                        .dependsOn("agg/readings", "humidity")
                        .build())
                .build());

    static Row reading(String sensor, int id, String t, String h) {
      return up(
          "sensor_id",
          sensor,
          "reading_id",
          id,
          "value",
          1.5,
          SystemColumns.PROVENANCE_BY_FIELD,
          Map.of("temperature", t, "humidity", h));
    }

    List<Row> readings() {
      List<Row> l = new ArrayList<>();
      for (String s : List.of("s1", "s2")) {
        for (int i = 0; i < 4; i++) {
          l.add(reading(s, i, s + "t" + i, s + "h" + i));
        }
      }
      return l;
    }

    List<Row> expected(List<Row> upstream) {
      ProvenanceEngine e = new ProvenanceEngine(graph, MD5, Truncation.DEFAULT);
      return e.expectedRows(FeatureKey.of("agg/stats"), source(Map.of("agg/readings", upstream)))
          .toList();
    }

    @Test
    void oneRowPerGroupWithGroupDataVersionsInIdOrder() {
      List<Row> out = expected(readings());
      assertThat(out).extracting(r -> r.get("sensor_id")).containsExactly("s1", "s2");
      assertThat(out.get(0).columns())
          .containsExactly(
              "sensor_id", SystemColumns.PROVENANCE_BY_FIELD, SystemColumns.PROVENANCE);
      String groupTemp = md5("s1t0|s1t1|s1t2|s1t3");
      assertThat(out.get(0).getMap(SystemColumns.PROVENANCE_BY_FIELD))
          .containsEntry("avg_temp", md5("avg_temp|1|agg/readings.temperature|" + groupTemp));
    }

    @Test
    void aKeyColumnNoDependencyProvidesIsAnError() {
      FeatureGraph bad =
          FeatureGraph.of(
              FeatureSpec.builder("agg/readings").idColumns("sensor_id", "reading_id").build(),
              FeatureSpec.builder("agg/daily")
                  .idColumns("sensor_id", "day")
                  .dependsOn(
                      FeatureDep.builder("agg/readings")
                          .lineage(Lineage.aggregation("sensor_id"))
                          .build())
                  .build());
      ProvenanceEngine e = new ProvenanceEngine(bad, MD5, Truncation.DEFAULT);
      Row r =
          up(
              "sensor_id",
              "s1",
              "reading_id",
              1,
              SystemColumns.PROVENANCE_BY_FIELD,
              Map.of("default", "x"));
      assertThatThrownBy(
              () ->
                  e.expectedRows(
                      FeatureKey.of("agg/daily"), source(Map.of("agg/readings", List.of(r)))))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("agg/daily")
          .hasMessageContaining("\"day\"");
    }

    @Test
    void changingOneTemperatureChangesOnlyThatSensorsTemperatureField() {
      List<Row> before = expected(readings());
      List<Row> changed = new ArrayList<>(readings());
      changed.set(2, reading("s1", 2, "NEW", "s1h2"));
      List<Row> after = expected(changed);
      assertThat(after.get(1)).isEqualTo(before.get(1));
      Map<String, String> b = before.get(0).getMap(SystemColumns.PROVENANCE_BY_FIELD);
      Map<String, String> a = after.get(0).getMap(SystemColumns.PROVENANCE_BY_FIELD);
      assertThat(a.get("avg_humidity")).isEqualTo(b.get("avg_humidity"));
      assertThat(a.get("avg_temp")).isNotEqualTo(b.get("avg_temp"));
    }
  }

  @Nested
  class Expansion {
    final FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder("exp/video").idColumns("video_id").field("frames", "1").build(),
            FeatureSpec.builder("exp/frames")
                .idColumns("video_id", "frame_id")
                .dependsOn(
                    FeatureDep.builder("exp/video").lineage(Lineage.expansion("video_id")).build())
                .field("frames", "1")
                .build());

    @Test
    void provenanceIsPerParent() {
      ProvenanceEngine e = new ProvenanceEngine(graph, MD5, Truncation.DEFAULT);
      FeatureKey t = FeatureKey.of("exp/frames");
      assertThat(e.keyColumns(t)).containsExactly("video_id");
      assertThat(e.isExpansion(t)).isTrue();
      List<Row> out =
          e.expectedRows(
                  t,
                  source(
                      Map.of(
                          "exp/video",
                          List.of(
                              up(
                                  "video_id",
                                  "v1",
                                  SystemColumns.PROVENANCE_BY_FIELD,
                                  Map.of("frames", "f1")),
                              up(
                                  "video_id",
                                  "v2",
                                  SystemColumns.PROVENANCE_BY_FIELD,
                                  Map.of("frames", "f2"))))))
              .toList();
      assertThat(out).extracting(r -> r.get("video_id")).containsExactly("v1", "v2");
      assertThat(out.get(0).getMap(SystemColumns.PROVENANCE_BY_FIELD))
          .containsEntry("frames", md5("frames|1|exp/video.frames|f1"));
    }
  }

  @Nested
  class Roots {
    final FeatureGraph graph =
        FeatureGraph.of(FeatureSpec.builder("r/root").idColumns("id").field("a", "1").build());
    final ProvenanceEngine e = new ProvenanceEngine(graph, MD5, Truncation.DEFAULT);
    final FeatureKey root = FeatureKey.of("r/root");

    @Test
    void provenanceIsAlwaysRecomputed() {
      Row s =
          up(
              "id",
              1,
              SystemColumns.PROVENANCE_BY_FIELD,
              Map.of("a", "x"),
              SystemColumns.PROVENANCE,
              "forged");
      Row r = only(e.rootRows(root, List.of(s)));
      assertThat(r.get(SystemColumns.PROVENANCE)).isEqualTo(md5("x"));
    }

    @Test
    void missingSamplesOrProvenanceAreNamedErrors() {
      assertThatThrownBy(() -> e.prepare(root, f -> Stream.empty(), null))
          .isInstanceOfSatisfying(
              MetaxyException.class,
              x -> assertThat(x.errorCode()).isEqualTo(ErrorCode.MISSING_SAMPLES))
          .hasMessageContaining("r/root");
      assertThatThrownBy(() -> e.expectedRows(root, f -> Stream.empty()))
          .hasMessageContaining("r/root");
      assertThatThrownBy(() -> e.rootRows(root, List.of(up("id", 1))))
          .isInstanceOfSatisfying(
              MetaxyException.class,
              x -> assertThat(x.errorCode()).isEqualTo(ErrorCode.INVALID_ROW))
          .hasMessageContaining(SystemColumns.PROVENANCE_BY_FIELD);
    }
  }
}
