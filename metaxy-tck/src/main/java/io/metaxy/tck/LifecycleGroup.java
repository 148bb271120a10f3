package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.HYPHENATED;
import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.ports.naming.SystemTableNames;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.MigrationEventType;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.tck.internal.KitGraphs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** open/close, configured system table names, the migration event log. */
@DisplayName("Store lifecycle and settings")
public abstract class LifecycleGroup extends KitGroup {
  protected LifecycleGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

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
