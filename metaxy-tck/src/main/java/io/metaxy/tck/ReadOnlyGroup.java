package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.CROP;
import static io.metaxy.tck.internal.KitGraphs.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.MigrationEventType;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.ports.system.SnapshotTags;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A store created with {@code StoreSettings.readOnly} on the storage of a written store (how the
 * CLI's inspection commands open it) reads, resolves and lists snapshots and their tags, and
 * refuses every write with an error saying it is read-only, leaving the storage unchanged.
 */
@DisplayName("Read-only stores: inspection reads, every write refused")
public abstract class ReadOnlyGroup extends KitGroup {
  protected ReadOnlyGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private static void refused(ThrowingCallable write) {
    assertThatThrownBy(write).isInstanceOf(MetaxyException.class).hasMessageContaining("read-only");
  }

  @Test
  void aReadOnlyStoreReadsAndRefusesEveryWrite() {
    FeatureGraph graph = Vectors.videoGraph();
    MetadataStore store = open(graph);
    write(store, VIDEO, videos());
    resolveAndCompute(store, CROP);
    clock.tick();
    String snapshot = store.push(SnapshotTags.of(Map.of("k", "v"))).snapshotVersion();

    MetadataStore ro =
        kit.createStoreOnSameStorage(
            store, settings(graph).readOnly(true).autoCreateTables(false).build());
    created.add(ro);
    ro.open();
    assertThat(read(ro, VIDEO)).hasSize(3);
    assertThat(read(ro, CROP)).hasSize(3);
    assertEmpty(resolve(ro, CROP), "crop through the read-only store");
    assertThat(ro.snapshots())
        .extracting(SnapshotSummary::snapshotVersion)
        .containsExactly(snapshot);
    assertThat(ro.snapshotTags(snapshot).user()).containsEntry("k", "v");

    clock.tick();
    refused(() -> ro.write(VIDEO, List.of(video("v9", "a9", "f9"))));
    refused(() -> ro.delete(VIDEO, DeleteOptions.soft("video_id = 'v1'")));
    refused(ro::push);
    refused(
        () ->
            ro.recordMigrationEvent(
                new MigrationEvent(
                    PROJECT, "m1", MigrationEventType.STARTED, clock.instant(), null, null, null)));
    refused(() -> ro.rebase(CROP, "00000000", null, "m1"));
    refused(
        () ->
            ro.quarantine(
                CROP, List.of(Row.of("video_id", "v1", PROVENANCE, "p")), "decoder crashed"));
    MetadataStore bumped = ro.withGraph(KitGraphs.withCodeVersion(graph, VIDEO, "audio", "2"));
    bumped.open();
    refused(() -> bumped.write(VIDEO, List.of(video("v9", "a9", "f9"))));
    refused(bumped::push);

    assertThat(read(store, VIDEO)).as("storage unchanged").hasSize(3);
    assertThat(store.snapshots()).hasSize(1);
    assertThat(store.migrationEvents()).isEmpty();
  }
}
