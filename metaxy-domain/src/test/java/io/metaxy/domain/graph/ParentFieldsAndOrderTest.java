package io.metaxy.domain.graph;

import static io.metaxy.domain.graph.FeatureGraphValidationTest.child;
import static io.metaxy.domain.graph.FeatureGraphValidationTest.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldDep;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.FieldsMapping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Parent-field resolution rules 1–4 of docs/semantics.md §1, topological order and graph queries.
 */
class ParentFieldsAndOrderTest {

  private static List<String> parents(FeatureGraph g, String feature, String field) {
    return g.parentFields(FieldRef.of(feature, field)).stream().map(FieldRef::toString).toList();
  }

  private static List<String> keys(List<FeatureKey> keys) {
    return keys.stream().map(FeatureKey::toString).toList();
  }

  @Test
  void rule1RootFieldsHaveNoParentsEvenWhenTheyDependOnAll() {
    FeatureGraph g =
        FeatureGraph.of(
            FeatureSpec.builder("r")
                .idColumns("id")
                .field(FieldSpec.builder("x").dependsOnAll().build())
                .field("y", "1")
                .build());
    assertThat(parents(g, "r", "x")).isEmpty();
    assertThat(parents(g, "r", "y")).isEmpty();
  }

  @Test
  void rule2AllMeansEveryFieldOfEveryUpstreamSorted() {
    FeatureGraph g =
        FeatureGraph.of(
            root("b", "z", "a"),
            root("a/x", "m"),
            child("c", List.of("b", "a/x"), FieldSpec.builder("out").dependsOnAll().build()));
    assertThat(parents(g, "c", "out")).containsExactly("a/x.m", "b.a", "b.z");
  }

  @Test
  void rule3ExplicitFieldDepsExactlyThose() {
    FeatureGraph g =
        FeatureGraph.of(
            root("v", "audio", "frames"),
            root("w", "p", "q"),
            child(
                "c",
                List.of("v", "w"),
                // explicit deps win over the default mapping ("frames" would match v.frames)
                FieldSpec.builder("frames").dependsOn("v", "audio").build(),
                // a FieldDep with ALL fields means every field of that upstream
                FieldSpec.builder("both")
                    .dependsOn(FieldDep.all(FeatureKey.of("w")))
                    .dependsOn("v", "frames")
                    .build()));
    assertThat(parents(g, "c", "frames")).containsExactly("v.audio");
    assertThat(parents(g, "c", "both")).containsExactly("v.frames", "w.p", "w.q");
  }

  @Test
  void rule4DefaultMappingSameKeyElseAllFields() {
    FeatureGraph g =
        FeatureGraph.of(
            root("v", "audio", "frames"),
            root("w", "frames"),
            child(
                "c",
                List.of("v", "w"),
                FieldSpec.of("frames", "1"),
                FieldSpec.of("summary", "1"),
                FieldSpec.of("audio", "1")));
    // per dep: v.frames matches; w.frames matches
    assertThat(parents(g, "c", "frames")).containsExactly("v.frames", "w.frames");
    // no match anywhere: all fields of every dep
    assertThat(parents(g, "c", "summary")).containsExactly("v.audio", "v.frames", "w.frames");
    // match on v only; w has no "audio" so all of w's fields
    assertThat(parents(g, "c", "audio")).containsExactly("v.audio", "w.frames");
  }

  @Test
  void rule4OtherMappings() {
    FeatureGraph g =
        FeatureGraph.of(
            root("v", "audio", "frames"),
            root("w", "frames", "meta"),
            root("u", "k"),
            FeatureSpec.builder("c")
                .idColumns("id")
                .dependsOn(FeatureDep.builder("v").fieldsMapping(FieldsMapping.all()).build())
                .dependsOn(FeatureDep.builder("w").fieldsMapping(FieldsMapping.none()).build())
                .dependsOn(
                    FeatureDep.builder("u")
                        .fieldsMapping(
                            FieldsMapping.specific(
                                Map.of(FieldKey.of("frames"), List.of(FieldKey.of("k")))))
                        .build())
                .field("frames", "1")
                .field("other", "1")
                .build());
    assertThat(parents(g, "c", "frames")).containsExactly("u.k", "v.audio", "v.frames");
    // unlisted in the specific mapping: nothing from u; none: nothing from w
    assertThat(parents(g, "c", "other")).containsExactly("v.audio", "v.frames");
  }

  @Test
  void parentsAreSortedByFeatureDotFieldString() {
    // "a-b.x" < "a/b.x" as strings ('-' < '/') although part order would put a/b first
    FeatureGraph g =
        FeatureGraph.of(
            root("a/b", "x"),
            root("a-b", "x"),
            child("c", List.of("a/b", "a-b"), FieldSpec.builder("y").dependsOnAll().build()));
    assertThat(parents(g, "c", "y")).containsExactly("a-b.x", "a/b.x");
  }

  private static List<FeatureSpec> diamond() {
    return List.of(
        root("video", "frames"),
        root("audio", "wave"),
        child("crop", List.of("video")),
        child("stt", List.of("audio")),
        child("blend", List.of("stt", "crop")),
        child("report", List.of("blend", "video")));
  }

  @Test
  void topologicalOrderIsDeterministicWithTiesByKeyString() {
    List<String> expected = List.of("audio", "stt", "video", "crop", "blend", "report");
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      List<FeatureSpec> specs = new ArrayList<>(diamond());
      Collections.shuffle(specs, random);
      FeatureGraph g = FeatureGraph.of(specs);
      assertThat(keys(g.topologicalOrder())).containsExactlyElementsOf(expected);
      assertThat(g.features()).extracting(s -> s.key().toString()).isEqualTo(expected);
    }
  }

  @Test
  void upstreamAndDownstreamQueries() {
    FeatureGraph g = FeatureGraph.of(diamond());
    FeatureKey blend = FeatureKey.of("blend");
    assertThat(keys(g.upstream(blend))).containsExactly("stt", "crop"); // declaration order
    assertThat(keys(g.downstream(FeatureKey.of("video")))).containsExactly("crop", "report");
    assertThat(keys(g.transitiveUpstream(FeatureKey.of("report"))))
        .containsExactly("audio", "stt", "video", "crop", "blend");
    assertThat(keys(g.transitiveDownstream(FeatureKey.of("audio"))))
        .containsExactly("stt", "blend", "report");
    assertThat(g.transitiveUpstream(FeatureKey.of("video"))).isEmpty();
    assertThat(g.transitiveDownstream(FeatureKey.of("report"))).isEmpty();
    assertThat(g.contains(blend)).isTrue();
    assertThat(g.find(FeatureKey.of("nope"))).isEmpty();
    assertThat(g.size()).isEqualTo(6);
  }

  @Test
  void withReplacesAFeatureAndRevalidates() {
    FeatureGraph g = FeatureGraph.of(diamond());
    FeatureGraph g2 = g.with(root("video", "frames", "audio"));
    assertThat(g2.get("video").fields()).hasSize(2);
    assertThat(g.get("video").fields()).hasSize(1);
    assertThat(parents(g2, "crop", "default")).containsExactly("video.audio", "video.frames");
    assertThat(g2.versions().featureVersion(FeatureKey.of("audio")))
        .isEqualTo(g.versions().featureVersion(FeatureKey.of("audio")));
    assertThat(g2.versions().featureVersion(FeatureKey.of("crop")))
        .isNotEqualTo(g.versions().featureVersion(FeatureKey.of("crop")));
  }
}
