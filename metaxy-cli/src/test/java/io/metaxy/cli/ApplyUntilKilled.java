package io.metaxy.cli;

import io.metaxy.config.ConfigLoader;
import io.metaxy.config.Metaxy;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.json.DefinitionsCodec;
import io.metaxy.ports.plan.MigrationPlan;
import io.metaxy.ports.plan.MigrationPlanner;
import io.metaxy.ports.plan.PlanApplier;
import io.metaxy.ports.plan.SnapshotGraphs;
import io.metaxy.ports.store.MetadataStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Child-JVM entry point of the crash test: applies the data migration FROM (keeping crop's data) in
 * the project folder DIR, prints {@code STEP-DONE} after the first step and then waits to be
 * killed, so the parent can SIGKILL it between two steps.
 */
public final class ApplyUntilKilled {
  private ApplyUntilKilled() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String from = args[1];
    try (MetaxyContext mx = Metaxy.builder().loader(ConfigLoader.of(Map.of(), dir)).init()) {
      MetadataStore store = mx.defaultStore();
      MigrationPlan plan =
          MigrationPlanner.plan(
              SnapshotGraphs.graphOf(store, from, DefinitionsCodec::readSpec),
              mx.graph(),
              mx.config().truncation(),
              Set.of(FeatureKey.of("example/crop")));
      PlanApplier.apply(
          store,
          plan,
          plan.defaultMigrationId(),
          false,
          o -> {
            System.out.println("STEP-DONE " + o.step().feature());
            System.out.flush();
            try {
              Thread.sleep(600_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
  }
}
