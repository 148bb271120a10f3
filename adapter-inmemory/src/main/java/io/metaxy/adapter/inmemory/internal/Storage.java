package io.metaxy.adapter.inmemory.internal;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.SnapshotTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything an in-memory store holds: feature tables, the feature_versions and migration_events
 * system tables (with the snapshots' tags), and the global append sequence. Shared by every graph
 * view of one store.
 */
public final class Storage {
  private final ConcurrentHashMap<FeatureKey, FeatureTable> tables = new ConcurrentHashMap<>();
  private final List<FeatureVersionRecord> featureVersions = new ArrayList<>();
  private final List<MigrationEvent> migrationEvents = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentHashMap<String, SnapshotTags> snapshotTags = new ConcurrentHashMap<>();

  /** The table of {@code feature}, created on first use. */
  public FeatureTable table(FeatureKey feature) {
    return tables.computeIfAbsent(feature, k -> new FeatureTable());
  }

  /** The table of {@code feature} if it was ever written. */
  public Optional<FeatureTable> existingTable(FeatureKey feature) {
    return Optional.ofNullable(tables.get(feature));
  }

  public long nextSequence() {
    return sequence.incrementAndGet();
  }

  /** The feature_versions system table; synchronise on the returned list. */
  public List<FeatureVersionRecord> featureVersions() {
    return featureVersions;
  }

  /**
   * The {@code tags} column of feature_versions, by project and snapshot version joined with NUL
   * (every row of a snapshot has the same tags).
   */
  public ConcurrentHashMap<String, SnapshotTags> snapshotTags() {
    return snapshotTags;
  }

  /** The migration_events system table; synchronise on the returned list. */
  public List<MigrationEvent> migrationEvents() {
    return migrationEvents;
  }
}
