package io.metaxy.ports.store;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.migration.SchemaMigrator;
import io.metaxy.ports.quarantine.Quarantine;
import io.metaxy.ports.quarantine.SampleFailure;
import io.metaxy.ports.quarantine.WriteOutcome;
import io.metaxy.ports.system.DataMigrator;
import io.metaxy.ports.system.MigrationEventLog;
import io.metaxy.ports.system.SnapshotRegistry;
import java.util.List;
import java.util.Optional;

/**
 * A metadata store: the port every storage adapter implements. It combines the capability ports
 * (read, write, resolve, delete, snapshots, migration events, data migration) with a lifecycle:
 * {@link #open()} before use (idempotent), {@link #close()} after. A store is bound to a feature
 * graph; {@link #withGraph(FeatureGraph)} gives a view of the same storage under other definitions.
 */
public interface MetadataStore
    extends MetadataReader,
        MetadataWriter,
        IncrementResolver,
        MetadataDeleter,
        SnapshotRegistry,
        MigrationEventLog,
        DataMigrator,
        AutoCloseable {

  /** Connects and, with {@code auto_create_tables}, creates missing tables. Idempotent. */
  MetadataStore open();

  boolean isOpen();

  /** Releases connections; the store may be opened again. */
  @Override
  void close();

  /** The graph this store computes versions against. */
  FeatureGraph graph();

  /** The row-level hash algorithm of this store. */
  HashAlgorithm hashAlgorithm();

  /** A store over the same storage bound to another graph (e.g. after a code-version bump). */
  MetadataStore withGraph(FeatureGraph graph);

  /** Settings the store was created with. */
  StoreSettings settings();

  /**
   * The store's schema migrations (Flyway, two histories), when it has any: an optional capability.
   * Stores whose tables are created by the store itself (e.g. in memory) have none. The CLI's
   * {@code migrate} commands and the kit's schema-migrator group use this.
   */
  default Optional<SchemaMigrator> findSchemaMigrator() {
    return this instanceof SchemaMigrator m ? Optional.of(m) : Optional.empty();
  }

  /**
   * Records that computing {@code samples} of {@code feature} failed with {@code errorMessage}:
   * they are left out of {@link Quarantine#resolveUpdate} until their inputs or code change or they
   * are released. Rows hold the ID columns (and best the increment's {@code metaxy_provenance}).
   * Works for every store through the ports (ADR-0007). Returns the number recorded.
   */
  default long quarantine(FeatureKey feature, List<Row> samples, String errorMessage) {
    try (Quarantine q = Quarantine.of(this)) {
      return q.record(feature, samples, errorMessage);
    }
  }

  /**
   * Writes the successes of a batch and quarantines its failures in the same call ({@link
   * Quarantine#write}): if writing the successes fails, the quarantine is left as it was. The
   * failed samples are then left out of {@link Quarantine#resolveUpdate} like those of {@link
   * #quarantine}.
   */
  default WriteOutcome writeWithFailures(
      FeatureKey feature, List<Row> successes, List<SampleFailure> failures, WriteOptions options) {
    try (Quarantine q = Quarantine.of(this)) {
      return q.write(feature, successes, failures, options);
    }
  }
}
