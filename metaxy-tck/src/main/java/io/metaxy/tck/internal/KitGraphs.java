package io.metaxy.tck.internal;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.Lineage;
import java.util.ArrayList;
import java.util.List;

/** The small feature graphs the kit runs against, besides the shared video pipeline. */
public final class KitGraphs {
  public static final FeatureKey VIDEO = FeatureKey.of("example/video");
  public static final FeatureKey CROP = FeatureKey.of("example/crop");
  public static final FeatureKey FACE_DETECTION = FeatureKey.of("example/face_detection");
  public static final FeatureKey STT = FeatureKey.of("example/stt");
  public static final FeatureKey SUMMARY = FeatureKey.of("example/summary");

  /** Root feature: ID {@code sample_id}, field {@code value}. */
  public static final FeatureKey SAMPLES = FeatureKey.of("kit/samples");

  /** A second root feature with the same shape. */
  public static final FeatureKey OTHER = FeatureKey.of("kit/other");

  /** A root feature whose key has several parts and hyphens. */
  public static final FeatureKey HYPHENATED = FeatureKey.of("kit/hyphen-ated/deep_key");

  public static final FeatureKey RAW = FeatureKey.of("kit/raw");
  public static final FeatureKey CLEAN = FeatureKey.of("kit/clean");
  public static final FeatureKey LEFT_SCORES = FeatureKey.of("kit/left_scores");
  public static final FeatureKey RIGHT_SCORES = FeatureKey.of("kit/right_scores");
  public static final FeatureKey SCORED = FeatureKey.of("kit/scored");
  public static final FeatureKey SCORED_RENAMED = FeatureKey.of("kit/scored_renamed");

  public static final FeatureKey READINGS = FeatureKey.of("kit/readings");
  public static final FeatureKey STATS = FeatureKey.of("kit/stats");
  public static final FeatureKey VIDEOS = FeatureKey.of("kit/videos");
  public static final FeatureKey FRAMES = FeatureKey.of("kit/frames");
  public static final FeatureKey REQUIRED_A = FeatureKey.of("kit/required_a");
  public static final FeatureKey OPTIONAL_B = FeatureKey.of("kit/optional_b");
  public static final FeatureKey COMBINED = FeatureKey.of("kit/combined");
  public static final FeatureKey LEFT = FeatureKey.of("kit/left");
  public static final FeatureKey RIGHT = FeatureKey.of("kit/right");
  public static final FeatureKey OUTER = FeatureKey.of("kit/outer");

  private KitGraphs() {}

  /**
   * Root features {@code kit/samples}, {@code kit/other} and {@code kit/hyphen-ated/deep_key} (ID
   * {@code sample_id}, field {@code value}).
   */
  public static FeatureGraph roots() {
    return FeatureGraph.of(
        FeatureSpec.builder(SAMPLES).idColumns("sample_id").field("value", "1").build(),
        FeatureSpec.builder(OTHER).idColumns("sample_id").field("value", "1").build(),
        FeatureSpec.builder(HYPHENATED).idColumns("sample_id").field("value", "1").build());
  }

  /**
   * Dependency shaping: {@code kit/clean} reads {@code kit/raw} (ID raw_id, field x, user column
   * split) renamed raw_id → sample_id, selecting sample_id and split, filtered to split = 'train'.
   * {@code kit/scored} joins {@code kit/left_scores} and {@code kit/right_scores}, which both carry
   * a user column {@code score} (a collision); {@code kit/scored_renamed} renames the right one.
   */
  public static FeatureGraph shaping() {
    return FeatureGraph.of(
        FeatureSpec.builder(RAW).idColumns("raw_id").field("x", "1").build(),
        FeatureSpec.builder(CLEAN)
            .idColumns("sample_id")
            .dependsOn(
                FeatureDep.builder(RAW)
                    .rename("raw_id", "sample_id")
                    .select("sample_id", "split")
                    .filter("split = 'train'")
                    .build())
            .field("y", "1")
            .build(),
        FeatureSpec.builder(LEFT_SCORES).idColumns("sample_id").field("p", "1").build(),
        FeatureSpec.builder(RIGHT_SCORES).idColumns("sample_id").field("q", "1").build(),
        FeatureSpec.builder(SCORED)
            .idColumns("sample_id")
            .dependsOn(FeatureDep.on(LEFT_SCORES))
            .dependsOn(FeatureDep.on(RIGHT_SCORES))
            .field("s", "1")
            .build(),
        FeatureSpec.builder(SCORED_RENAMED)
            .idColumns("sample_id")
            .dependsOn(FeatureDep.on(LEFT_SCORES))
            .dependsOn(FeatureDep.builder(RIGHT_SCORES).rename("score", "right_score").build())
            .field("s", "1")
            .build());
  }

  /**
   * Aggregation: {@code kit/readings} (sensor_id, reading_id; temperature, humidity) → {@code
   * kit/stats} (sensor_id; avg_temp ← temperature, avg_humidity ← humidity), N:1 on sensor_id.
   */
  public static FeatureGraph aggregation() {
    return FeatureGraph.of(
        FeatureSpec.builder(READINGS)
            .idColumns("sensor_id", "reading_id")
            .field("temperature", "1")
            .field("humidity", "1")
            .build(),
        FeatureSpec.builder(STATS)
            .idColumns("sensor_id")
            .dependsOn(
                FeatureDep.builder(READINGS).lineage(Lineage.aggregation("sensor_id")).build())
            .field(
                FieldSpec.builder("avg_temp")
                    .codeVersion("1")
                    .dependsOn(READINGS.toString(), "temperature")
                    .build())
            .field(
                FieldSpec.builder("avg_humidity")
                    .codeVersion("1")
                    .dependsOn(READINGS.toString(), "humidity")
                    .build())
            .build());
  }

  /**
   * Expansion: {@code kit/videos} (video_id; content) → {@code kit/frames} (video_id, frame_id;
   * embedding ← all of videos), 1:N on video_id.
   */
  public static FeatureGraph expansion() {
    return FeatureGraph.of(
        FeatureSpec.builder(VIDEOS).idColumns("video_id").field("content", "1").build(),
        FeatureSpec.builder(FRAMES)
            .idColumns("video_id", "frame_id")
            .dependsOn(FeatureDep.builder(VIDEOS).lineage(Lineage.expansion("video_id")).build())
            .field("embedding", "1")
            .build());
  }

  /**
   * Optional deps: {@code kit/combined} ← required {@code kit/required_a} (field a) + optional
   * {@code kit/optional_b} (field b); {@code kit/outer} ← optional {@code kit/left} (l) + optional
   * {@code kit/right} (r). Downstream fields have no explicit deps, so each reads every upstream
   * field.
   */
  public static FeatureGraph optional() {
    return FeatureGraph.of(
        FeatureSpec.builder(REQUIRED_A).idColumns("sample_id").field("a", "1").build(),
        FeatureSpec.builder(OPTIONAL_B).idColumns("sample_id").field("b", "1").build(),
        FeatureSpec.builder(COMBINED)
            .idColumns("sample_id")
            .dependsOn(FeatureDep.on(REQUIRED_A))
            .dependsOn(FeatureDep.builder(OPTIONAL_B).optional().build())
            .field("merged", "1")
            .build(),
        FeatureSpec.builder(LEFT).idColumns("sample_id").field("l", "1").build(),
        FeatureSpec.builder(RIGHT).idColumns("sample_id").field("r", "1").build(),
        FeatureSpec.builder(OUTER)
            .idColumns("sample_id")
            .dependsOn(FeatureDep.builder(LEFT).optional().build())
            .dependsOn(FeatureDep.builder(RIGHT).optional().build())
            .field("joined", "1")
            .build());
  }

  /** {@code graph} with one field of one feature at another code version. */
  public static FeatureGraph withCodeVersion(
      FeatureGraph graph, FeatureKey feature, String field, String codeVersion) {
    FeatureSpec spec = graph.get(feature);
    List<FieldSpec> fields = new ArrayList<>();
    FieldKey target = FieldKey.of(field);
    for (FieldSpec f : spec.fields()) {
      fields.add(f.key().equals(target) ? f.toBuilder().codeVersion(codeVersion).build() : f);
    }
    FeatureSpec changed =
        FeatureSpec.builder(feature)
            .idColumns(spec.idColumns())
            .deps(spec.deps())
            .fields(fields)
            .metadata(spec.metadata())
            .description(spec.description())
            .build();
    return graph.with(changed);
  }
}
