package io.metaxy.adapter.inmemory;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.RebaseResult;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.ports.system.SnapshotTags;
import java.util.List;
import java.util.stream.Stream;

/** A store forwarding every call to another; faulty test stores override one behaviour. */
class ForwardingStore implements MetadataStore {
  final MetadataStore delegate;

  ForwardingStore(MetadataStore delegate) {
    this.delegate = delegate;
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
    return delegate.withGraph(graph);
  }

  @Override
  public StoreSettings settings() {
    return delegate.settings();
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
  public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    return delegate.write(feature, rows, options);
  }

  @Override
  public Increment resolveUpdate(FeatureKey feature, ResolveOptions options) {
    return delegate.resolveUpdate(feature, options);
  }

  @Override
  public long delete(FeatureKey feature, DeleteOptions options) {
    return delegate.delete(feature, options);
  }

  @Override
  public PushResult push(SnapshotTags tags) {
    return delegate.push(tags);
  }

  @Override
  public java.util.Map<String, SnapshotTags> snapshotTags() {
    return delegate.snapshotTags();
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
  public void recordMigrationEvent(MigrationEvent event) {
    delegate.recordMigrationEvent(event);
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
  public RebaseResult rebase(
      FeatureKey feature, String fromFeatureVersion, String toFeatureVersion, String migrationId) {
    return delegate.rebase(feature, fromFeatureVersion, toFeatureVersion, migrationId);
  }
}
