package io.metaxy.adapter.ebean;

import io.ebean.Database;
import io.ebean.Query;
import io.metaxy.adapter.ebean.internal.FeatureDeleter;
import io.metaxy.adapter.ebean.internal.FeatureReader;
import io.metaxy.adapter.ebean.internal.FeatureResolver;
import io.metaxy.adapter.ebean.internal.FeatureTables;
import io.metaxy.adapter.ebean.internal.FeatureWriter;
import io.metaxy.adapter.ebean.internal.Rebaser;
import io.metaxy.adapter.ebean.internal.Shared;
import io.metaxy.adapter.ebean.internal.StoreContext;
import io.metaxy.adapter.ebean.internal.SystemTables;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.JdkRowHashers;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.provenance.ProvenanceEngine;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.hashing.RowHashing;
import io.metaxy.ports.migration.SchemaMigrator;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOnlyStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.UpstreamVersions;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.RebaseResult;
import io.metaxy.ports.system.ResumableRebase;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.ports.system.SnapshotTags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetadataStore} on an Ebean database (H2, PostgreSQL, MariaDB), in the physical {@link
 * EbeanLayout} of its configuration (Python Metaxy's by default). This class is the facade; each
 * port is implemented by one part in {@code internal}:
 *
 * <ul>
 *   <li>writes: {@code FeatureWriter} — one transaction per call, under the table's write lock,
 *       rows stamped in commit order (python layout: strictly after every stored row; seed layout:
 *       also numbered by {@code metaxy_write_seq}), JDBC batches (entity beans are read into rows
 *       through their mapping);
 *   <li>reads: {@code FeatureReader} — merge on read in SQL (latest committed write per sample),
 *       filters translated to parameterised SQL, streamed from a cursor;
 *   <li>increments: {@code FeatureResolver}; deletes: {@code FeatureDeleter}; rebase: {@code
 *       Rebaser};
 *   <li>tables: {@code FeatureTables} (feature DDL) and {@code SystemTables} (system tables through
 *       the entity beans {@link MetaxyFeatureVersion} and {@link MetaxyMigrationEvent}).
 * </ul>
 */
public final class EbeanMetadataStore implements MetadataStore {
  private static final Logger LOG = LoggerFactory.getLogger(EbeanMetadataStore.class);
  private final EbeanStoreConfig config;
  private final StoreSettings settings;
  private final Shared shared;
  private final Map<FeatureKey, EntityFeature> entities = new HashMap<>();
  private volatile boolean open;
  private volatile Parts parts;

  /** The parts of an open store. */
  private record Parts(
      StoreContext ctx,
      FeatureTables tables,
      SystemTables system,
      FeatureWriter writer,
      FeatureReader reader,
      FeatureResolver resolver,
      FeatureDeleter deleter,
      Rebaser rebaser) {
    static Parts of(StoreContext ctx, MetadataStore self) {
      FeatureTables tables = new FeatureTables(ctx);
      FeatureWriter writer = new FeatureWriter(ctx, tables);
      FeatureReader reader = new FeatureReader(ctx, self);
      return new Parts(
          ctx,
          tables,
          new SystemTables(ctx),
          writer,
          reader,
          new FeatureResolver(ctx, reader),
          new FeatureDeleter(ctx, reader, writer),
          new Rebaser(ctx, reader, writer));
    }
  }

  /** A store over {@code config}'s database with {@code settings}; call {@link #open()}. */
  public EbeanMetadataStore(EbeanStoreConfig config, StoreSettings settings) {
    this(config, settings, new Shared(config, settings));
  }

  private EbeanMetadataStore(EbeanStoreConfig config, StoreSettings settings, Shared shared) {
    this.config = Objects.requireNonNull(config, "config");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.shared = shared;
    for (EntityFeature e : config.entities()) {
      entities.put(e.spec().key(), e);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public synchronized MetadataStore open() {
    if (open) {
      return this;
    }
    RowHasher hasher = hasher(settings.hashAlgorithm());
    boolean created = shared.acquire();
    try {
      StoreContext ctx =
          new StoreContext(
              config,
              settings,
              shared,
              entities,
              new ProvenanceEngine(graph(), hasher, settings.truncation()),
              graph().versions(settings.truncation()));
      Parts p = Parts.of(ctx, this);
      if (created && settings.autoCreateTables()) {
        p.system().create();
        for (EntityFeature e : config.entities()) {
          p.tables().ensureEntityTable(e);
        }
      }
      parts = p;
    } catch (RuntimeException e) {
      shared.release();
      throw e;
    }
    open = true;
    return this;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public synchronized void close() {
    if (open) {
      open = false;
      shared.release();
    }
  }

  @Override
  public FeatureGraph graph() {
    return settings.graph();
  }

  @Override
  public HashAlgorithm hashAlgorithm() {
    return settings.hashAlgorithm();
  }

  @Override
  public MetadataStore withGraph(FeatureGraph other) {
    EbeanMetadataStore view = new EbeanMetadataStore(config, settings.withGraph(other), shared);
    if (open) {
      view.open();
    }
    return view;
  }

  @Override
  public StoreSettings settings() {
    return settings;
  }

  /** The Ebean database of this store (open stores only): query feature entities with it. */
  public Database database() {
    checkOpen();
    return shared.db();
  }

  /** The schema migrator of this store's database (system and feature histories). */
  public EbeanSchemaMigrator schemaMigrator() {
    checkOpen();
    return new EbeanSchemaMigrator(config, settings, shared.dataSource(), shared.dialect());
  }

  /** This store's {@link #schemaMigrator()}: the port's optional capability. */
  @Override
  public Optional<SchemaMigrator> findSchemaMigrator() {
    return Optional.of(schemaMigrator());
  }

  /**
   * An Ebean query over the current rows of a feature entity: of the current feature version, the
   * latest row of each sample (the write that committed last), tombstones excluded — what {@link
   * #read} returns, as beans. Add your own conditions, ordering or paging; they apply to the
   * current rows. ({@code database().find(type)} sees every appended row of every version.)
   */
  public <T extends EbeanFeature> Query<T> currentRows(Class<T> entityClass) {
    Parts p = parts();
    EntityFeature e =
        entities.values().stream()
            .filter(x -> x.entityClass() == entityClass)
            .findFirst()
            .orElseThrow(
                () ->
                    new MetaxyException(
                        ErrorCode.FEATURE_NOT_FOUND,
                        "Class "
                            + entityClass.getName()
                            + " is not a feature entity of this store: add it to"
                            + " EbeanStoreConfig.entityClasses(...)."));
    FeatureSpec spec = graph().get(e.spec().key());
    return shared
        .db()
        .find(entityClass)
        .where()
        .raw(
            p.reader().currentRowsCondition(spec, p.ctx().mapping(e).properties(spec.idColumns())),
            p.ctx().versions().featureVersion(spec.key()))
        .query();
  }

  private static RowHasher hasher(HashAlgorithm algorithm) {
    var jdk = JdkRowHashers.forAlgorithm(algorithm);
    if (jdk.isPresent()) {
      return jdk.get();
    }
    RowHashing standard = io.metaxy.hashing.StandardRowHashing.instance();
    if (standard.supported().contains(algorithm)) {
      return standard.hasher(algorithm);
    }
    throw new MetaxyException(
        ErrorCode.UNSUPPORTED_HASH_ALGORITHM,
        "The Ebean store cannot compute hash_algorithm \""
            + algorithm
            + "\": choose md5, sha256, xxhash64 or xxhash32.");
  }

  private void checkOpen() {
    if (!open) {
      throw new MetaxyException(
          ErrorCode.STORE_NOT_OPEN, "The Ebean metadata store is not open: call open() first.");
    }
  }

  private Parts parts() {
    checkOpen();
    return parts;
  }

  /** The table (SQL reference) of a feature. */
  String tableOf(FeatureKey feature) {
    return parts().ctx().tableOf(feature);
  }

  // ---------------------------------------------------------------- ports

  @Override
  public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    ReadOnlyStore.requireWritable(settings(), "write " + feature);
    return parts().writer().write(feature, rows, options);
  }

  /**
   * Writes feature entity beans: each must carry its ID columns, user columns and {@code
   * metaxy_provenance_by_field}; the store fills the other system columns and appends the rows.
   */
  public <T extends EbeanFeature> long writeEntities(List<T> beans, WriteOptions options) {
    return parts().writer().writeEntities(beans, options);
  }

  @Override
  public Stream<Row> read(FeatureKey feature, ReadOptions options) {
    return parts().reader().read(feature, options);
  }

  @Override
  public boolean hasFeature(FeatureKey feature) {
    return parts().reader().hasFeature(feature);
  }

  @Override
  public Increment resolveUpdate(FeatureKey feature, ResolveOptions options) {
    for (UpstreamVersions.Outdated o : emptyCurrentUpstreams(feature)) {
      LOG.warn("Increment of {}: {}", feature, o.message());
    }
    return parts().resolver().resolveUpdate(feature, options);
  }

  /**
   * The transitive upstreams of {@code feature} with no row at all under their current feature
   * version but samples under older ones (every increment of {@code feature} is then empty);
   * checked with one probe per upstream table that stops at the first row. {@code resolveUpdate}
   * logs them as warnings.
   */
  public List<UpstreamVersions.Outdated> emptyCurrentUpstreams(FeatureKey feature) {
    return UpstreamVersions.checkEmptyCurrent(
        this, feature, k -> parts().reader().hasCurrentVersionRows(k));
  }

  @Override
  public long delete(FeatureKey feature, DeleteOptions options) {
    ReadOnlyStore.requireWritable(settings(), "delete from " + feature);
    return parts().deleter().delete(feature, options);
  }

  @Override
  public PushResult push(SnapshotTags tags) {
    ReadOnlyStore.requireWritable(settings(), "push the snapshot");
    return parts().system().push(tags);
  }

  @Override
  public java.util.Map<String, SnapshotTags> snapshotTags() {
    return parts().system().snapshotTags();
  }

  @Override
  public List<SnapshotSummary> snapshots() {
    return parts().system().snapshots();
  }

  @Override
  public List<FeatureVersionRecord> featureVersions(String snapshotVersion) {
    return parts().system().featureVersions(snapshotVersion);
  }

  @Override
  public void recordMigrationEvent(MigrationEvent event) {
    ReadOnlyStore.requireWritable(settings(), "record a migration event");
    parts().system().record(event);
  }

  @Override
  public List<MigrationEvent> migrationEvents(String migrationId) {
    return parts().system().events(migrationId);
  }

  @Override
  public List<MigrationEvent> migrationEvents() {
    return parts().system().events(null);
  }

  /**
   * Carries the latest non-deleted rows of {@code fromFeatureVersion} to the current version
   * ({@code toFeatureVersion} must be null or the current one; a root feature is refused, see
   * {@code RebaseRules}). Every sample gets provenance recomputed from the current upstream
   * (samples the upstream no longer has keep theirs), also samples already under the target; user
   * columns, {@code metaxy_created_at} and user data-version overrides are kept. Events: {@code
   * started} (once per migration id), {@code feature_started}, {@code feature_completed}, {@code
   * completed}; {@code failed} on error. A feature completed before under the same migration id is
   * skipped.
   */
  @Override
  public RebaseResult rebase(
      FeatureKey feature, String fromFeatureVersion, String toFeatureVersion, String migrationId) {
    ReadOnlyStore.requireWritable(settings(), "rebase " + feature);
    Parts p = parts();
    Objects.requireNonNull(migrationId, "migrationId");
    return ResumableRebase.recordingTo(this, settings.project(), settings.clock())
        .run(
            feature,
            fromFeatureVersion,
            migrationId,
            () ->
                p.rebaser()
                    .copyVersion(graph().get(feature), fromFeatureVersion, toFeatureVersion));
  }

  /** Key of a row (for tests and tools): the values of the feature's ID columns. */
  static IdKey idKey(FeatureSpec spec, Row row) {
    return IdKey.of(row, spec.idColumns());
  }
}
