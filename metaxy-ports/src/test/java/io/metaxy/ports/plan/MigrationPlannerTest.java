package io.metaxy.ports.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MigrationPlannerTest {
  private static final FeatureKey A = FeatureKey.of("t/a");
  private static final FeatureKey B = FeatureKey.of("t/b");
  private static final FeatureKey C = FeatureKey.of("t/c");
  private static final FeatureKey D = FeatureKey.of("t/d");

  /** a (root) → b → c, and a → d; code versions given per feature. */
  private static FeatureGraph graph(Map<FeatureKey, String> code) {
    return FeatureGraph.of(
        FeatureSpec.builder(A).idColumns("id").field("x", code.getOrDefault(A, "1")).build(),
        FeatureSpec.builder(B)
            .idColumns("id")
            .dependsOn("t/a")
            .field("y", code.getOrDefault(B, "1"))
            .build(),
        FeatureSpec.builder(C)
            .idColumns("id")
            .dependsOn("t/b")
            .field("z", code.getOrDefault(C, "1"))
            .build(),
        FeatureSpec.builder(D)
            .idColumns("id")
            .dependsOn("t/a")
            .field("w", code.getOrDefault(D, "1"))
            .build());
  }

  private static MigrationPlan plan(FeatureGraph from, FeatureGraph to, Set<FeatureKey> keep) {
    return MigrationPlanner.plan(from, to, Truncation.DEFAULT, keep);
  }

  @Test
  void aCodeChangeRecomputesTheFeatureAndItsDownstream() {
    MigrationPlan p = plan(graph(Map.of()), graph(Map.of(B, "2")), Set.of());
    assertThat(p.steps()).extracting(MigrationStep::feature).containsExactly(B, C);
    assertThat(p.steps()).extracting(MigrationStep::action).containsOnly(StepAction.RECOMPUTE);
    assertThat(p.steps().get(0).reason()).contains("code version of field 'y' changed (1 -> 2)");
    assertThat(p.steps().get(1).reason()).contains("upstream t/b");
  }

  @Test
  void keepDataTurnsTheChangeAndItsDownstreamIntoRebases() {
    MigrationPlan p = plan(graph(Map.of()), graph(Map.of(B, "2")), Set.of(B));
    assertThat(p.steps()).extracting(MigrationStep::action).containsOnly(StepAction.REBASE);
    assertThat(p.steps().get(1).reason()).contains("only versions changed");
  }

  @Test
  void aRootChangeIsRecomputedEvenWhenDataIsKept() {
    MigrationPlan p = plan(graph(Map.of()), graph(Map.of(A, "2")), Set.of(A));
    assertThat(p.steps()).extracting(MigrationStep::feature).containsExactly(A, B, C, D);
    assertThat(p.steps()).extracting(MigrationStep::action).containsOnly(StepAction.RECOMPUTE);
    assertThat(p.steps().get(0).reason()).contains("root");
  }

  @Test
  void aNewFeatureIsComputedAndTheIdenticalGraphHasNoSteps() {
    FeatureGraph g = graph(Map.of());
    FeatureGraph withE =
        g.with(
            FeatureSpec.builder("t/e")
                .idColumns("id")
                .dependsOn(FeatureDep.on(B))
                .field(FieldSpec.of("v", "1"))
                .build());
    MigrationPlan p = plan(g, withE, Set.of());
    assertThat(p.steps())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.feature()).isEqualTo(FeatureKey.of("t/e"));
              assertThat(s.fromVersion()).isNull();
              assertThat(s.action()).isEqualTo(StepAction.RECOMPUTE);
            });
    assertThat(plan(g, g, Set.of()).isEmpty()).isTrue();
    assertThat(p.defaultMigrationId()).startsWith("data:" + p.fromSnapshot() + ":");
  }

  @Test
  void keepDataNamingAnUnknownFeatureIsAnError() {
    assertThatThrownBy(() -> plan(graph(Map.of()), graph(Map.of()), Set.of(FeatureKey.of("t/zz"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t/zz");
  }

  /**
   * Whatever code versions change: the plan holds exactly the features whose version changed, in
   * topological order, and a step downstream of a recompute is a recompute.
   */
  @Property(tries = 200)
  void stepsAreExactlyTheChangedFeaturesUpstreamFirst(
      @ForAll @IntRange(min = 0, max = 15) int bumps,
      @ForAll @IntRange(min = 0, max = 15) int keep) {
    List<FeatureKey> all = List.of(A, B, C, D);
    Map<FeatureKey, String> code = new HashMap<>();
    Set<FeatureKey> keepData = new java.util.HashSet<>();
    for (int i = 0; i < 4; i++) {
      if ((bumps & (1 << i)) != 0) {
        code.put(all.get(i), "2");
      }
      if ((keep & (1 << i)) != 0) {
        keepData.add(all.get(i));
      }
    }
    FeatureGraph from = graph(Map.of());
    FeatureGraph to = graph(code);
    MigrationPlan p = plan(from, to, keepData);
    List<FeatureKey> changed =
        to.topologicalOrder().stream()
            .filter(
                k ->
                    !from.versions(Truncation.DEFAULT)
                        .featureVersion(k)
                        .equals(to.versions(Truncation.DEFAULT).featureVersion(k)))
            .toList();
    assertThat(p.steps()).extracting(MigrationStep::feature).containsExactlyElementsOf(changed);
    Map<FeatureKey, StepAction> actions = new HashMap<>();
    for (MigrationStep s : p.steps()) {
      actions.put(s.feature(), s.action());
      for (FeatureKey u : to.upstream(s.feature())) {
        if (actions.get(u) == StepAction.RECOMPUTE) {
          assertThat(s.action())
              .as("%s downstream of recomputed %s", s.feature(), u)
              .isEqualTo(StepAction.RECOMPUTE);
        }
      }
      if (code.containsKey(s.feature()) && !keepData.contains(s.feature())) {
        assertThat(s.action()).isEqualTo(StepAction.RECOMPUTE);
      }
    }
  }
}
