package io.metaxy.examples.quickstart;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The quickstart pipeline: {@code video → crop → face_detection} and {@code video → stt}. {@code
 * face_detection} reads only the {@code frames} of {@code crop}; {@code stt} only the {@code audio}
 * of {@code video}. A run asks Metaxy, feature by feature, which samples are new or stale, computes
 * only those and writes the results.
 */
public final class VideoPipeline {
  public static final FeatureKey VIDEO = FeatureKey.of("example/video");
  public static final FeatureKey CROP = FeatureKey.of("example/crop");
  public static final FeatureKey FACE_DETECTION = FeatureKey.of("example/face_detection");
  public static final FeatureKey STT = FeatureKey.of("example/stt");

  private VideoPipeline() {}

  /** The four features; {@code audioCodeVersion} is the code version of {@code video.audio}. */
  public static List<FeatureSpec> features(String audioCodeVersion) {
    return List.of(
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
        // tag::features[]
        FeatureSpec.builder(FACE_DETECTION)
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
            .build()
        // end::features[]
        );
  }

  /**
   * One pipeline run over {@code videos} (root samples: {@code video_id} and {@code
   * metaxy_provenance_by_field}); {@code compute} turns a sample to compute into the row to store.
   * Returns how many samples of each feature were computed.
   */
  public static Map<FeatureKey, Increment.Materialized> run(
      MetadataStore store, List<Row> videos, BiFunction<FeatureKey, Row, Row> compute) {
    Map<FeatureKey, Increment.Materialized> work = new LinkedHashMap<>();
    // tag::quickstart[]
    for (FeatureKey feature : store.graph().topologicalOrder()) {
      // new + stale samples only: upstream data and code versions decide, field by field
      Increment.Materialized todo =
          store.resolveUpdate(feature, ResolveOptions.withSamples(videos)).collect();
      List<Row> results =
          todo.toCompute().stream().map(sample -> compute.apply(feature, sample)).toList();
      if (!results.isEmpty()) {
        store.write(feature, results); // Metaxy adds versions and provenance columns
      }
      work.put(feature, todo);
    }
    // end::quickstart[]
    return work;
  }
}
