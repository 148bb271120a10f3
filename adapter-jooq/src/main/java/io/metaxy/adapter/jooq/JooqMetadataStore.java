package io.metaxy.adapter.jooq;

import io.metaxy.adapter.jooq.internal.ConnectionSource;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOnlyStore;
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
import io.metaxy.sql.FeatureTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A metadata store on DuckDB, PostgreSQL, H2 or MariaDB that computes provenance and increments
 * inside the database (SQL built with jOOQ: quoted identifiers, bound values, filters translated
 * from the parsed filter tree). Upstream rows never enter the JVM: only the increment streams out,
 * through a lazy cursor held until the {@link Increment} is closed. Writes go through the
 * database's bulk path in one transaction per call.
 *
 * <p>Tables: one per feature, named from the key ({@code example__video}) with the configured
 * prefix or an explicit name; per-field maps are stored as one column per field (see
 * docs/adr/ADR-0001-per-field-maps-jooq.md). {@link #table(FeatureKey)} gives the jOOQ table for
 * users' own queries. With {@code auto_create_tables} off, create the schema with {@link
 * JooqSchemaMigrator} (Flyway).
 */
public final class JooqMetadataStore implements MetadataStore {
  private static final Logger LOG = LoggerFactory.getLogger(JooqMetadataStore.class);

  private final StoreContext cx;
  private final StoreSettings settings;
  private final JooqStoreConfig config;
  private final StoreContext.Shared shared;
  private final FeatureTables tables;
  private final StoreWriter writer;
  private final StoreReader reader;
  private final StoreResolver resolver;
  private final StoreDeleter deleter;
  private final SystemTableStore system;
  private final Rebaser rebaser;

  public JooqMetadataStore(StoreSettings settings, JooqStoreConfig config) {
    this(
        settings,
        config,
        new StoreContext.Shared(
            new ConnectionSource(
                    config.dialect(),
                    config.url(),
                    config.user(),
                    config.password(),
                    config.dataSource(),
                    config.connectTimeoutSeconds())
                .readOnly(settings.readOnly()),
            config.dialect() == JooqDialect.DUCKDB || config.dialect() == JooqDialect.H2));
  }

  private JooqMetadataStore(
      StoreSettings settings, JooqStoreConfig config, StoreContext.Shared shared) {
    this.cx = new StoreContext(settings, config, shared);
    this.settings = settings;
    this.config = config;
    this.shared = shared;
    this.tables = new FeatureTables(cx);
    this.writer = new StoreWriter(cx, tables);
    this.reader = new StoreReader(cx, this);
    this.resolver = new StoreResolver(cx, this);
    this.deleter = new StoreDeleter(cx, this, writer);
    this.system = new SystemTableStore(cx);
    this.rebaser = new Rebaser(cx, this);
  }

  /** An in-memory DuckDB store. */
  public static JooqMetadataStore duckDbInMemory(StoreSettings settings) {
    return new JooqMetadataStore(settings, JooqStoreConfig.duckDbInMemory());
  }

  public JooqStoreConfig config() {
    return config;
  }

  public JooqDialect dialect() {
    return config.dialect();
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public synchronized JooqMetadataStore open() {
    if (shared.open) {
      return this;
    }
    cx.sql().checkHashAlgorithm(settings.hashAlgorithm());
    shared.described.clear(); // an embedded database opened again may have changed
    try {
      shared.connections.open();
      try (Connection c = shared.connections.acquire()) {
        DSLContext ctx = ctx(c);
        if (settings.autoCreateTables() && !settings.readOnly()) {
          // under the schema's DDL lock: several processes may open a fresh store at once
          WriteLock.ddl(
              cx,
              c,
              () -> {
                if (config.schema() != null) {
                  tables.createSchema(ctx, config.schema());
                }
                cx.systemTables().create(ctx, c);
                for (JooqFeature f : config.features().values()) {
                  if (settings.graph().contains(f.spec().key())) {
                    tables.ensureTable(
                        ctx,
                        c,
                        f.spec().key(),
                        tables.declaredColumns(f.spec().key()),
                        tables.structMembers(f.spec(), List.of()),
                        true);
                  }
                }
                return null;
              });
        }
      }
    } catch (SQLException | DataAccessException e) {
      shared.connections.close();
      String cause = StoreContext.databaseMessage(e);
      if (config.dialect() == JooqDialect.DUCKDB && cause.contains("Could not set lock on file")) {
        // DuckDB: one process per database file (README, "Concurrency")
        throw new MetaxyException(
            ErrorCode.STORE_FAILURE,
            "The DuckDB file "
                + config.url().substring("jdbc:duckdb:".length())
                + (settings.readOnly()
                    ? " is open for writing in another process, and DuckDB lets no other process"
                        + " open it, not even read-only, until that process closes it: run the"
                        + " inspection after the writer has finished, or use a PostgreSQL or"
                        + " MariaDB store to inspect while writing."
                    : " is open in another process: DuckDB allows one process at a time per file."
                        + " Stop that process or wait until it has finished, or use a PostgreSQL"
                        + " or MariaDB store for several writer processes.")
                + " DuckDB says: "
                + cause,
            e);
      }
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE,
          "Cannot open the "
              + config.dialect().type()
              + " store at "
              + describeLocation()
              + ": "
              + cause,
          e);
    }
    shared.open = true;
    return this;
  }

  private String describeLocation() {
    return config.url() != null ? config.url() : "the configured DataSource";
  }

  @Override
  public boolean isOpen() {
    return shared.open;
  }

  @Override
  public synchronized void close() {
    shared.open = false;
    shared.connections.close();
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
  public JooqMetadataStore withGraph(FeatureGraph graph) {
    return new JooqMetadataStore(settings.withGraph(graph), config, shared);
  }

  @Override
  public StoreSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- jOOQ access

  /**
   * Runs {@code work} with a jOOQ context on a fresh connection (for users' own queries against
   * {@link #table(FeatureKey)}).
   */
  public <T> T withDsl(Function<DSLContext, T> work) {
    cx.requireOpen();
    try (Connection c = shared.connections.acquire()) {
      return work.apply(cx.ctx(c));
    } catch (SQLException e) {
      throw cx.failure("query", null, e);
    }
  }

  /** The table name of a feature: explicit name, or prefix + the key's table name. */
  public String tableName(FeatureKey feature) {
    return cx.tableName(feature);
  }

  /** The jOOQ table of a feature, qualified by the configured schema. */
  public Table<Record> table(FeatureKey feature) {
    return cx.table(feature);
  }

  DSLContext ctx(Connection c) {
    return cx.ctx(c);
  }

  // ---------------------------------------------------------------- migrations

  /** Flyway migrations of this store's schema (system and feature tables). */
  public JooqSchemaMigrator schemaMigrator() {
    return new JooqSchemaMigrator(this);
  }

  /** This store's {@link #schemaMigrator()}: the port's optional capability. */
  @Override
  public java.util.Optional<io.metaxy.ports.migration.SchemaMigrator> findSchemaMigrator() {
    return java.util.Optional.of(schemaMigrator());
  }

  ConnectionSource connections() {
    return shared.connections;
  }

  FeatureTable describeForMigration(Connection c, FeatureKey feature) {
    return cx.describe(c, feature);
  }

  Map<String, DataType<?>> declaredColumnsForMigration(FeatureKey feature) {
    return tables.declaredColumns(feature);
  }

  /** DuckDB, python layout: the struct members each map column of the feature needs. */
  Map<String, List<String>> structMembersForMigration(io.metaxy.domain.spec.FeatureSpec spec) {
    return tables.structMembers(spec, List.of());
  }

  // ---------------------------------------------------------------- ports (one class each)

  @Override
  public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    ReadOnlyStore.requireWritable(settings(), "write " + feature);
    return writer.write(feature, rows, options);
  }

  @Override
  public Stream<Row> read(FeatureKey feature, ReadOptions options) {
    return reader.read(feature, options);
  }

  @Override
  public boolean hasFeature(FeatureKey feature) {
    return reader.hasFeature(feature);
  }

  @Override
  public Increment resolveUpdate(FeatureKey feature, ResolveOptions options) {
    return resolver.resolveUpdate(feature, options);
  }

  @Override
  public long delete(FeatureKey feature, DeleteOptions options) {
    ReadOnlyStore.requireWritable(settings(), "delete from " + feature);
    return deleter.delete(feature, options);
  }

  @Override
  public PushResult push(SnapshotTags tags) {
    ReadOnlyStore.requireWritable(settings(), "push the snapshot");
    return system.push(tags);
  }

  @Override
  public List<SnapshotSummary> snapshots() {
    return system.snapshots();
  }

  @Override
  public Map<String, SnapshotTags> snapshotTags() {
    return system.snapshotTags();
  }

  @Override
  public List<FeatureVersionRecord> featureVersions(String snapshotVersion) {
    return system.featureVersions(snapshotVersion);
  }

  @Override
  public void recordMigrationEvent(MigrationEvent event) {
    ReadOnlyStore.requireWritable(settings(), "record a migration event");
    system.recordMigrationEvent(event);
  }

  @Override
  public List<MigrationEvent> migrationEvents(String migrationId) {
    return system.migrationEvents(migrationId);
  }

  @Override
  public List<MigrationEvent> migrationEvents() {
    return system.migrationEvents(null);
  }

  @Override
  public RebaseResult rebase(
      FeatureKey feature, String fromFeatureVersion, String toFeatureVersion, String migrationId) {
    ReadOnlyStore.requireWritable(settings(), "rebase " + feature);
    return rebaser.rebase(feature, fromFeatureVersion, toFeatureVersion, migrationId);
  }
}
