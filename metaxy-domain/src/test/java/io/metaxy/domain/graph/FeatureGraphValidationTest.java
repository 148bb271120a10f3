package io.metaxy.domain.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.FeatureNotFoundException;
import io.metaxy.domain.error.GraphCycleException;
import io.metaxy.domain.error.InvalidSpecException;
import io.metaxy.domain.error.Problem;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldDep;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.FieldsMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Graph-level validation of docs/semantics.md §1: every error names the feature and what to change.
 */
class FeatureGraphValidationTest {

  static FeatureSpec root(String key, String... fields) {
    FeatureSpec.Builder b = FeatureSpec.builder(key).idColumns("id");
    for (String f : fields) {
      b.field(f, "1");
    }
    return b.build();
  }

  static FeatureSpec child(String key, List<String> deps, FieldSpec... fields) {
    FeatureSpec.Builder b = FeatureSpec.builder(key).idColumns("id");
    deps.forEach(b::dependsOn);
    for (FieldSpec f : fields) {
      b.field(f);
    }
    return b.build();
  }

  private static InvalidSpecException invalid(FeatureSpec... specs) {
    try {
      FeatureGraph.of(specs);
    } catch (InvalidSpecException e) {
      return e;
    }
    throw new AssertionError("expected InvalidSpecException");
  }

  @Test
  void duplicateFeature() {
    InvalidSpecException e = invalid(root("a", "x"), root("a", "y"));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.DUPLICATE_FEATURE);
    assertThat(e.problems()).extracting(Problem::feature).containsExactly("a");
    assertThat(e)
        .hasMessageContaining("[MX004]")
        .hasMessageContaining(
            "Feature a is defined more than once: give each feature a unique key.");
  }

  @Test
  void missingDependency() {
    InvalidSpecException e = invalid(child("example/crop", List.of("example/video")));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.MISSING_DEPENDENCY);
    assertThat(e.problems()).extracting(Problem::feature).containsExactly("example/crop");
    assertThat(e)
        .hasMessageContaining("[MX005]")
        .hasMessageContaining(
            "Feature example/crop depends on example/video, which is not in the graph: define"
                + " example/video or remove the dependency.");
  }

  @Test
  void cycleOfLengthOne() {
    assertThatThrownBy(() -> FeatureGraph.of(child("a", List.of("a"))))
        .isInstanceOfSatisfying(
            GraphCycleException.class,
            e -> {
              assertThat(e.cycle()).containsExactly("a", "a");
              assertThat(e.errorCode()).isEqualTo(ErrorCode.GRAPH_CYCLE);
            })
        .hasMessageContaining("[MX006]")
        .hasMessageContaining("Feature dependencies form a cycle: a -> a.")
        .hasMessageContaining("Remove one of these dependencies");
  }

  @Test
  void cycleOfLengthThreeIsNamed() {
    // a -> b -> c -> a (each arrow: "depends on"), plus an innocent root and a bystander
    FeatureSpec[] specs = {
      root("r", "x"),
      child("x/c", List.of("x/a")),
      child("x/a", List.of("x/b", "r")),
      child("x/b", List.of("x/c")),
      child("z", List.of("r")),
    };
    assertThatThrownBy(() -> FeatureGraph.of(specs))
        .isInstanceOfSatisfying(
            GraphCycleException.class,
            e -> assertThat(e.cycle()).containsExactly("x/a", "x/b", "x/c", "x/a"))
        .hasMessageContaining("Feature dependencies form a cycle: x/a -> x/b -> x/c -> x/a.");
    // deterministic whatever the declaration order
    assertThatThrownBy(() -> FeatureGraph.of(specs[4], specs[3], specs[2], specs[1], specs[0]))
        .isInstanceOfSatisfying(
            GraphCycleException.class,
            e -> assertThat(e.cycle()).containsExactly("x/a", "x/b", "x/c", "x/a"));
  }

  @Test
  void cycleTogetherWithOtherProblemsIsOneOfThem() {
    InvalidSpecException e = invalid(child("a", List.of("b")), child("b", List.of("a", "nope")));
    assertThat(e.problems())
        .extracting(Problem::code)
        .containsExactly(ErrorCode.MISSING_DEPENDENCY, ErrorCode.GRAPH_CYCLE);
    assertThat(e).hasMessageContaining("cycle: a -> b -> a");
  }

  @Test
  void fieldDepToUnknownField() {
    InvalidSpecException e =
        invalid(
            root("example/video", "audio", "frames"),
            child(
                "example/stt",
                List.of("example/video"),
                FieldSpec.builder("text").dependsOn("example/video", "speech").build()));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_FIELD_DEPENDENCY);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.feature()).isEqualTo("example/stt");
              assertThat(p.field()).isEqualTo("text");
            });
    assertThat(e)
        .hasMessageContaining("[MX007]")
        .hasMessageContaining(
            "Field example/stt.text depends on example/video.speech, but example/video has no"
                + " field \"speech\": use one of [audio, frames].");
  }

  @Test
  void specificMappingToUnknownField() {
    InvalidSpecException e =
        invalid(
            root("v", "audio"),
            FeatureSpec.builder("c")
                .idColumns("id")
                .dependsOn(
                    FeatureDep.builder("v")
                        .fieldsMapping(
                            FieldsMapping.specific(
                                Map.of(FieldKey.of("out"), List.of(FieldKey.of("video")))))
                        .build())
                .field("out", "1")
                .build());
    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_FIELD_DEPENDENCY);
    assertThat(e).hasMessageContaining("Field c.out depends on v.video, but v has no field");
  }

  @Test
  void fieldDepToFeatureThatIsNotADependency() {
    InvalidSpecException e =
        invalid(
            root("example/video", "audio"),
            root("example/audio_meta", "lang"),
            child(
                "example/stt",
                List.of("example/video"),
                FieldSpec.builder("text").dependsOn("example/audio_meta", "lang").build()));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.FIELD_DEPENDENCY_NOT_A_DEPENDENCY);
    assertThat(e)
        .hasMessageContaining("[MX008]")
        .hasMessageContaining(
            "Field example/stt.text depends on example/audio_meta, which is not a dependency of"
                + " example/stt: add it to the feature's deps or fix the field dep.");
  }

  @Test
  void fieldDepsOnARootFeature() {
    InvalidSpecException e =
        invalid(
            root("v", "audio"),
            FeatureSpec.builder("r")
                .idColumns("id")
                .field(FieldSpec.builder("x").dependsOn("v", "audio").build())
                .build());
    assertThat(e.errorCode()).isEqualTo(ErrorCode.FIELD_DEPENDENCY_NOT_A_DEPENDENCY);
    assertThat(e)
        .hasMessageContaining(
            "Field r.x declares field deps but the feature has no dependencies: add the upstream"
                + " feature to its deps or remove the field deps.");
  }

  @Test
  void severalGraphProblemsAreReportedTogetherInOneException() {
    InvalidSpecException e =
        invalid(
            root("v", "audio"),
            root("v", "audio"),
            child("c", List.of("v", "missing")),
            child(
                "d",
                List.of("v"),
                FieldSpec.builder("x").dependsOn("v", "nope").build(),
                FieldSpec.builder("y").dependsOn(FieldDep.on("c")).build()));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SPEC);
    assertThat(e.problems())
        .extracting(Problem::code, Problem::feature, Problem::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ErrorCode.DUPLICATE_FEATURE, "v", null),
            org.assertj.core.groups.Tuple.tuple(ErrorCode.MISSING_DEPENDENCY, "c", null),
            org.assertj.core.groups.Tuple.tuple(ErrorCode.UNKNOWN_FIELD_DEPENDENCY, "d", "x"),
            org.assertj.core.groups.Tuple.tuple(
                ErrorCode.FIELD_DEPENDENCY_NOT_A_DEPENDENCY, "d", "y"));
    assertThat(e.getMessage()).startsWith("[MX019] 4 problem(s) in feature definitions:");
  }

  @Test
  void unknownFeatureLookupsNameTheKey() {
    FeatureGraph g = FeatureGraph.of(root("v", "audio"));
    assertThatThrownBy(() -> g.get("nope"))
        .isInstanceOfSatisfying(
            FeatureNotFoundException.class, e -> assertThat(e.featureKey()).isEqualTo("nope"))
        .hasMessageContaining("[MX014]")
        .hasMessageContaining("Feature nope is not in the feature graph")
        .hasMessageContaining("[v]");
    assertThatThrownBy(() -> g.parentFields(FieldRef.of("v", "video")))
        .isInstanceOf(FeatureNotFoundException.class)
        .hasMessageContaining("Feature v has no field \"video\".");
    assertThatThrownBy(() -> g.downstream(FeatureKey.of("nope")))
        .isInstanceOf(FeatureNotFoundException.class);
    assertThatThrownBy(() -> g.versions().fieldVersion(FieldRef.of("v", "video")))
        .isInstanceOf(FeatureNotFoundException.class);
    assertThatThrownBy(() -> g.versions().featureVersion(FeatureKey.of("w")))
        .isInstanceOf(FeatureNotFoundException.class);
  }

  @Test
  void emptyGraph() {
    FeatureGraph g = FeatureGraph.of(List.of());
    assertThat(g.isEmpty()).isTrue();
    assertThat(g.size()).isZero();
    assertThat(g.topologicalOrder()).isEmpty();
    assertThat(g.versions().snapshotVersion()).isEqualTo("empty");
    assertThat(FeatureGraph.empty().versions().snapshotVersion()).isEqualTo("empty");
  }
}
