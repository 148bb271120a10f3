package io.metaxy.ports.store;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.migration.SchemaMigrator;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.RebaseResult;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.ports.system.SnapshotTags;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A store opened for inspection ({@link StoreSettings#readOnly()}): reads, resolves and lists
 * snapshots and events through the wrapped store, and refuses every write (rows, deletes, pushes,
 * migration events, rebases, schema migrations) with an error naming the operation, whatever the
 * adapter does. Adapters add what their database offers (a read-only connection); this guard is the
 * same for every store.
 */
public final class ReadOnlyStore implements MetadataStore {
  private final MetadataStore delegate;

  private ReadOnlyStore(MetadataStore delegate) {
    this.delegate = delegate;
  }

  /** {@code store} guarded against writes (a store already guarded is returned as it is). */
  public static MetadataStore of(MetadataStore store) {
    return store instanceof ReadOnlyStore ? store : new ReadOnlyStore(store);
  }

  /** The error a write to a read-only store raises. */
  public static MetaxyException refusal(String operation, StoreSettings settings) {
    return new MetaxyException(
        ErrorCode.STORE_FAILURE,
        "Cannot "
            + operation
            + ": the store of project "
            + settings.project()
            + " is open read-only (for inspection). Open it without read-only (the metaxy"
            + " commands that write do) to change it.");
  }

  /** Throws {@link #refusal} when {@code settings} are read-only (for adapters' write paths). */
  public static void requireWritable(StoreSettings settings, String operation) {
    if (settings.readOnly()) {
      throw refusal(operation, settings);
    }
  }

  private MetaxyException refuse(String operation) {
    return refusal(operation, delegate.settings());
  }

  @Override
  public MetadataStore open() {
    delegate.open();
    return this;
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public FeatureGraph graph() {
    return delegate.graph();
  }

  @Override
  public HashAlgorithm hashAlgorithm() {
    return delegate.hashAlgorithm();
  }

  @Override
  public MetadataStore withGraph(FeatureGraph graph) {
    return of(delegate.withGraph(graph));
  }

  @Override
  public StoreSettings settings() {
    return delegate.settings();
  }

  @Override
  public Optional<SchemaMigrator> findSchemaMigrator() {
    return Optional.empty();
  }

  @Override
  public Stream<Row> read(FeatureKey feature, ReadOptions options) {
    return delegate.read(feature, options);
  }

  @Override
  public boolean hasFeature(FeatureKey feature) {
    return delegate.hasFeature(feature);
  }

  @Override
  public Increment resolveUpdate(FeatureKey feature, ResolveOptions options) {
    return delegate.resolveUpdate(feature, options);
  }

  @Override
  public List<SnapshotSummary> snapshots() {
    return delegate.snapshots();
  }

  @Override
  public List<FeatureVersionRecord> featureVersions(String snapshotVersion) {
    return delegate.featureVersions(snapshotVersion);
  }

  @Override
  public Map<String, SnapshotTags> snapshotTags() {
    return delegate.snapshotTags();
  }

  @Override
  public List<MigrationEvent> migrationEvents(String migrationId) {
    return delegate.migrationEvents(migrationId);
  }

  @Override
  public List<MigrationEvent> migrationEvents() {
    return delegate.migrationEvents();
  }

  @Override
  public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    throw refuse("write " + feature);
  }

  @Override
  public long delete(FeatureKey feature, DeleteOptions options) {
    throw refuse("delete from " + feature);
  }

  @Override
  public PushResult push(SnapshotTags tags) {
    throw refuse("push the snapshot");
  }

  @Override
  public void recordMigrationEvent(MigrationEvent event) {
    throw refuse("record a migration event");
  }

  @Override
  public RebaseResult rebase(
      FeatureKey feature, String fromFeatureVersion, String toFeatureVersion, String migrationId) {
    throw refuse("rebase " + feature);
  }

  @Override
  public long quarantine(FeatureKey feature, List<Row> samples, String errorMessage) {
    throw refuse("quarantine samples of " + feature);
  }
}
