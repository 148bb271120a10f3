package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.json.DefinitionsCodec;
import io.metaxy.ports.plan.MigrationPlan;
import io.metaxy.ports.plan.MigrationPlanner;
import io.metaxy.ports.plan.MigrationStep;
import io.metaxy.ports.plan.PlanApplier;
import io.metaxy.ports.plan.SnapshotGraphs;
import io.metaxy.ports.plan.StepAction;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.MigrationEventType;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Data migrations planned from a snapshot diff and applied through the ports. */
@DisplayName("Data migration plans: snapshot diff, rebase steps applied resumably")
public abstract class MigrationPlanGroup extends KitGroup {
  protected MigrationPlanGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private FeatureGraph g1;
  private FeatureGraph g2;
  private MetadataStore v1;
  private MetadataStore v2;

  /** v1 pushed and fully computed; v2 bumps crop's frames code version and is pushed too. */
  private void pipeline() {
    g1 = Vectors.videoGraph();
    v1 = open(g1);
    v1.push();
    write(v1, VIDEO, videos());
    for (FeatureKey f : g1.topologicalOrder()) {
      if (!g1.get(f).isRoot()) {
        resolveAndCompute(v1, f);
      }
    }
    g2 = KitGraphs.withCodeVersion(g1, CROP, "frames", "2");
    v2 = view(v1, g2);
    v2.push();
  }

  private MigrationPlan plan(Set<FeatureKey> keep) {
    String from = v2.snapshots().get(0).snapshotVersion();
    FeatureGraph old = SnapshotGraphs.graphOf(v2, from, DefinitionsCodec::readSpec);
    return MigrationPlanner.plan(old, v2.graph(), v2.settings().truncation(), keep);
  }

  /** Crop and the downstream features whose feature version changed with it, upstream first. */
  private List<FeatureKey> changed() {
    List<FeatureKey> out = new ArrayList<>();
    for (FeatureKey f : g2.topologicalOrder()) {
      if (!g1.versions().featureVersion(f).equals(g2.versions().featureVersion(f))) {
        out.add(f);
      }
    }
    assertThat(out).as("the bump changes crop and a downstream feature").contains(CROP);
    assertThat(out).containsAnyElementsOf(g2.transitiveDownstream(CROP));
    return out;
  }

  @Test
  void thePlanListsTheChangedFeatureAndItsDownstreamInTopologicalOrder() {
    pipeline();
    MigrationPlan plan = plan(Set.of());
    assertThat(plan.fromSnapshot()).isEqualTo(g1.versions().snapshotVersion());
    assertThat(plan.toSnapshot()).isEqualTo(g2.versions().snapshotVersion());
    assertThat(plan.steps())
        .extracting(MigrationStep::feature)
        .containsExactlyElementsOf(changed());
    assertThat(plan.steps().get(0).feature()).isEqualTo(CROP);
    assertThat(plan.steps())
        .allSatisfy(s -> assertThat(s.action()).isEqualTo(StepAction.RECOMPUTE));
    assertThat(plan.steps().get(0).reason()).contains("frames");
    assertThat(plan.steps().subList(1, plan.steps().size()))
        .allSatisfy(s -> assertThat(s.reason()).contains("upstream"));
    for (MigrationStep s : plan.steps()) {
      assertThat(s.fromVersion()).isEqualTo(g1.versions().featureVersion(s.feature()));
      assertThat(s.toVersion()).isEqualTo(g2.versions().featureVersion(s.feature()));
    }
    assertThat(MigrationPlanner.plan(g1, g1, Truncation.NONE, Set.of()).isEmpty()).isTrue();
  }

  @Test
  void applyingAKeepDataPlanRebasesEveryStepAndRecordsIt() {
    pipeline();
    MigrationPlan plan = plan(Set.of(CROP));
    assertThat(plan.steps()).allSatisfy(s -> assertThat(s.action()).isEqualTo(StepAction.REBASE));
    clock.tick();
    List<PlanApplier.StepOutcome> out =
        PlanApplier.apply(v2, plan, plan.defaultMigrationId(), false, o -> {});
    assertThat(out).allSatisfy(o -> assertThat(o.rowsWritten()).isEqualTo(3));
    for (FeatureKey f : changed()) {
      assertEmpty(resolve(v2, f), f + " after the migration");
    }
    List<MigrationEvent> events = v2.migrationEvents(plan.defaultMigrationId());
    assertThat(events)
        .filteredOn(e -> e.eventType() == MigrationEventType.FEATURE_COMPLETED)
        .extracting(MigrationEvent::featureKey)
        .containsExactlyElementsOf(changed().stream().map(Object::toString).toList());
    List<PlanApplier.StepOutcome> again =
        PlanApplier.apply(v2, plan, plan.defaultMigrationId(), false, o -> {});
    assertThat(again).allSatisfy(o -> assertThat(o.outcome()).isEqualTo("already completed"));
  }

  @Test
  void aDryRunWritesNothing() {
    pipeline();
    MigrationPlan plan = plan(Set.of(CROP));
    List<PlanApplier.StepOutcome> out =
        PlanApplier.apply(v2, plan, plan.defaultMigrationId(), true, o -> {});
    assertThat(out).allSatisfy(o -> assertThat(o.outcome()).startsWith("would rebase"));
    assertThat(v2.migrationEvents(plan.defaultMigrationId())).isEmpty();
    assertThat(resolve(v2, CROP).newRows()).hasSize(3);
  }

  @Test
  void applyResumesAfterAnInterruptedRun() {
    pipeline();
    MigrationPlan plan = plan(Set.of(CROP));
    String id = plan.defaultMigrationId();
    MigrationStep first = plan.steps().get(0);
    clock.tick();
    // What an interrupted apply left behind: the first step done, then the process died.
    v2.rebase(first.feature(), first.fromVersion(), null, id);
    List<PlanApplier.StepOutcome> out = PlanApplier.apply(v2, plan, id, false, o -> {});
    assertThat(out.get(0).outcome()).isEqualTo("already completed");
    assertThat(out.subList(1, out.size()))
        .allSatisfy(o -> assertThat(o.outcome()).isEqualTo("rebased"));
    for (FeatureKey f : changed()) {
      assertEmpty(resolve(v2, f), f + " after the resumed migration");
    }
  }
}
