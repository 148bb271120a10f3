package io.metaxy.adapter.spark;

import static io.metaxy.adapter.spark.internal.Relations.col;

import io.metaxy.adapter.spark.internal.DeltaTables;
import io.metaxy.adapter.spark.internal.Frames;
import io.metaxy.adapter.spark.internal.Hashes;
import io.metaxy.adapter.spark.internal.Relations;
import io.metaxy.adapter.spark.internal.ResolvePlan;
import io.metaxy.adapter.spark.internal.RowCodec;
import io.metaxy.adapter.spark.internal.Sessions;
import io.metaxy.adapter.spark.internal.SparkFilters;
import io.metaxy.adapter.spark.internal.SystemTables;
import io.metaxy.adapter.spark.internal.WriteSequence;
import io.metaxy.adapter.spark.internal.Writes;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.provenance.ProvenanceEngine;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.domain.write.CreatedAtRule;
import io.metaxy.domain.write.RebaseRules;
import io.metaxy.domain.write.Tombstones;
import io.metaxy.domain.write.WriteContract;
import io.metaxy.hashing.StandardRowHashing;
import io.metaxy.ports.quarantine.SampleFailure;
import io.metaxy.ports.quarantine.WriteOutcome;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.FallbackChain;
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
import io.metaxy.ports.system.ResumableRebase;
import io.metaxy.ports.system.SnapshotSummary;
import io.metaxy.ports.system.SnapshotTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetadataStore} on Delta Lake tables driven by Apache Spark. Each feature is the Delta
 * table {@code <warehouse>/<table name>.delta} (names from the settings' {@code
 * TableNamingConvention}, e.g. {@code video__processing.delta}, as Python Metaxy's Delta store lays
 * them out; or nested directories, see {@link SparkStoreConfig.Layout}); the system tables sit
 * beside them. Writes are Delta appends, one commit per call; reads merge on read in Spark; {@link
 * #resolveUpdate} is a Spark plan (joins, per-field and row hashes, diff) whose rows stream to the
 * caller through {@code toLocalIterator}. Every hash algorithm is supported: md5 and sha256 as
 * Spark built-ins, xxhash64 and xxhash32 as Java UDFs with Metaxy's definition.
 *
 * <pre>{@code
 * try (MetadataStore store =
 *     new SparkMetadataStore(settings, SparkStoreConfig.warehouse("/data/metaxy")).open()) {
 *   try (Increment inc = store.resolveUpdate(crop)) { ... }
 * }
 * }</pre>
 */
public final class SparkMetadataStore implements MetadataStore {
  private static final Logger LOG = LoggerFactory.getLogger(SparkMetadataStore.class);

  /** What every graph view of one store shares. */
  private static final class State {
    volatile boolean open;
    volatile SparkSession spark;
    volatile DeltaTables tables;
  }

  private final StoreSettings settings;
  private final SparkStoreConfig config;
  private final State state;
  private final GraphVersions versions;
  private final ProvenanceEngine engine;

  /** A store on {@code config}'s warehouse (call {@link #open()} before use). */
  public SparkMetadataStore(StoreSettings settings, SparkStoreConfig config) {
    this(settings, config, new State());
  }

  private SparkMetadataStore(StoreSettings settings, SparkStoreConfig config, State state) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.config = Objects.requireNonNull(config, "config");
    this.state = state;
    this.versions = settings.graph().versions(settings.truncation());
    this.engine =
        new ProvenanceEngine(
            settings.graph(),
            StandardRowHashing.hasherFor(settings.hashAlgorithm()),
            settings.truncation());
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public synchronized SparkMetadataStore open() {
    if (!state.open) {
      SparkSession spark = Sessions.of(config);
      Hashes.register(spark, settings.hashAlgorithm());
      state.spark = spark;
      state.tables = new DeltaTables(spark, config.warehouse(), config.rowTracking());
      state.open = true;
      LOG.debug("Opened Spark store on {}", config.warehouse());
    }
    return this;
  }

  @Override
  public boolean isOpen() {
    return state.open;
  }

  /** Marks the store closed; the shared Spark session keeps running (it is not the store's). */
  @Override
  public void close() {
    state.open = false;
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
  public SparkMetadataStore withGraph(FeatureGraph graph) {
    return new SparkMetadataStore(settings.withGraph(graph), config, state);
  }

  @Override
  public StoreSettings settings() {
    return settings;
  }

  /** The warehouse and session configuration. */
  public SparkStoreConfig config() {
    return config;
  }

  /** The Spark session of the open store. */
  public SparkSession spark() {
    requireOpen();
    return state.spark;
  }

  private DeltaTables tables() {
    requireOpen();
    return state.tables;
  }

  private void requireOpen() {
    if (!state.open) {
      throw new MetaxyException(
          ErrorCode.STORE_NOT_OPEN,
          "The Spark metadata store on "
              + config.warehouse()
              + " is not open: call open() first (try-with-resources closes it).");
    }
  }

  private String table(FeatureKey feature) {
    return config.layout() == SparkStoreConfig.Layout.NESTED
        ? String.join("/", feature.parts())
        : settings.tableNaming().tableName(feature);
  }

  private boolean java8Time() {
    return Boolean.parseBoolean(
        state.spark.conf().get("spark.sql.datetime.java8API.enabled", "false"));
  }

  // ---------------------------------------------------------------- write

  @Override
  public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    requireOpen();
    ReadOnlyStore.requireWritable(settings, "write " + feature);
    FeatureSpec spec = graph().get(feature);
    WriteOptions opts = options == null ? WriteOptions.defaults() : options;
    Instant now = settings.clock().instant();
    // validates the whole batch first: a violating write stores nothing (ADR-0004)
    List<Row> completed = contract(spec).complete(List.copyOf(rows), now, opts.materializationId());
    if (completed.isEmpty()) {
      return 0;
    }
    appendRows(spec, completed, now, true);
    LOG.debug("Wrote {} rows to {}", completed.size(), feature);
    return completed.size();
  }

  private WriteContract contract(FeatureSpec spec) {
    return WriteContract.forFeature(
        spec, versions.featureVersion(spec.key()), versions.projectVersion(), engine::combine);
  }

  /**
   * Appends complete rows in one commit. The append is blind (its plan does not read the table), so
   * concurrent appends never conflict: a sample's {@code metaxy_created_at}, when not given, is
   * looked up first ({@link CreatedAtRule}: its first stored one, else the batch's, else {@code
   * now}). Column types are checked against the table before anything is written.
   */
  private void appendRows(FeatureSpec spec, List<Row> rows, Instant now, boolean fillCreated) {
    DeltaTables t = tables();
    String name = table(spec.key());
    Optional<Dataset<org.apache.spark.sql.Row>> stored = t.read(name);
    StructType existing = stored.map(Dataset::schema).orElse(null);
    // the types first: a mismatch fails before the created_at lookup runs a job
    Writes.userColumnTypes(spec, rows, existing);
    List<Row> complete = rows;
    if (fillCreated) {
      List<IdKey> missing = CreatedAtRule.missing(rows, spec.idColumns());
      Map<IdKey, Instant> first =
          stored.isPresent() && !missing.isEmpty()
              ? firstCreated(spec, stored.get(), rows)
              : Map.of();
      complete = CreatedAtRule.fill(rows, spec.idColumns(), first::get, now);
    }
    Dataset<org.apache.spark.sql.Row> batch =
        Frames.of(t.spark(), spec, complete, existing, WriteSequence.next(complete.size()));
    t.append(name, () -> batch);
  }

  /** The first stored {@code metaxy_created_at} of each sample of {@code rows} already stored. */
  private Map<IdKey, Instant> firstCreated(
      FeatureSpec spec, Dataset<org.apache.spark.sql.Row> stored, List<Row> rows) {
    List<Row> ids = new ArrayList<>(rows.size());
    for (Row r : rows) {
      if (r.get(SystemColumns.CREATED_AT) != null) {
        continue;
      }
      Row.Builder b = Row.builder();
      for (String id : spec.idColumns()) {
        b.set(id, r.get(id));
      }
      ids.add(b.build());
    }
    Dataset<org.apache.spark.sql.Row> keys =
        Frames.keys(tables().spark(), spec, ids, stored.schema());
    Column on = functions.lit(true);
    List<Column> group = new ArrayList<>();
    for (String id : spec.idColumns()) {
      on = on.and(col("s", id).equalTo(col("k", id)));
      group.add(col("s", id).as(id));
    }
    Map<IdKey, Instant> out = new HashMap<>();
    for (org.apache.spark.sql.Row r :
        withinKeyRange(spec, stored, ids)
            .as("s")
            .join(functions.broadcast(keys.distinct()).as("k"), on, "left_semi")
            .groupBy(group.toArray(Column[]::new))
            .agg(functions.min(col(SystemColumns.CREATED_AT)).as(SystemColumns.CREATED_AT))
            .collectAsList()) {
      Row m = RowCodec.fromSpark(r);
      out.put(IdKey.of(m, spec.idColumns()), (Instant) m.get(SystemColumns.CREATED_AT));
    }
    return out;
  }

  /**
   * {@code stored} restricted to the range of the batch's IDs (per ID column, min to max), so that
   * Delta's file statistics skip the files of other samples: a batch of neighbouring IDs then reads
   * only the files that can hold them. Only integer IDs and strings below U+D800 (where Java's
   * order is Spark's byte order) are ranged; other columns are not restricted.
   */
  private static Dataset<org.apache.spark.sql.Row> withinKeyRange(
      FeatureSpec spec, Dataset<org.apache.spark.sql.Row> stored, List<Row> ids) {
    Dataset<org.apache.spark.sql.Row> d = stored;
    for (String id : spec.idColumns()) {
      Comparable<Object> lo = null;
      Comparable<Object> hi = null;
      boolean rangeable = !ids.isEmpty();
      for (Row r : ids) {
        Object v = r.get(id);
        Object norm =
            v instanceof Long || v instanceof Integer || v instanceof Short
                ? (Object) ((Number) v).longValue()
                : v instanceof String str && str.chars().allMatch(ch -> ch < 0xD800) ? v : null;
        if (norm == null || lo != null && norm.getClass() != ((Object) lo).getClass()) {
          rangeable = false;
          break;
        }
        @SuppressWarnings("unchecked")
        Comparable<Object> c = (Comparable<Object>) norm;
        lo = lo == null || c.compareTo(lo) < 0 ? c : lo;
        hi = hi == null || c.compareTo(hi) > 0 ? c : hi;
      }
      if (rangeable && Relations.has(stored.schema(), id)) {
        DataType t = stored.schema().apply(id).dataType();
        d =
            d.where(
                col(id).geq(functions.lit(lo).cast(t)).and(col(id).leq(functions.lit(hi).cast(t))));
      }
    }
    return d;
  }

  // ---------------------------------------------------------------- read

  @Override
  public boolean hasFeature(FeatureKey feature) {
    return tables().fileCount(table(feature)) > 0;
  }

  @Override
  public Stream<Row> read(FeatureKey feature, ReadOptions options) {
    requireOpen();
    ReadOptions o = options == null ? ReadOptions.defaults() : options;
    Optional<MetadataStore> fallback =
        settings.fallbackStores().isEmpty()
            ? Optional.empty()
            : FallbackChain.holderOf(this, feature);
    if (fallback.isPresent()) {
      return fallback.get().read(feature, o);
    }
    FeatureSpec spec = graph().get(feature);
    Optional<Dataset<org.apache.spark.sql.Row>> t = tables().read(table(feature));
    if (t.isEmpty()) {
      return Stream.empty();
    }
    Dataset<org.apache.spark.sql.Row> d = merged(spec, t.get(), o);
    StructType s = d.schema();
    d = d.where(SparkFilters.checked(feature, s, Relations::col).all(o.filters()));
    if (o.columns() != null) {
      List<Column> cols = new ArrayList<>();
      for (String c : o.columns()) {
        cols.add(Relations.has(s, c) ? col(c) : functions.lit(null).as(c));
      }
      d = d.select(cols.toArray(Column[]::new));
    } else if (Relations.has(s, RowCodec.WRITE_SEQ)) {
      d = d.drop(RowCodec.WRITE_SEQ);
    }
    return stream(d);
  }

  /** Rows of {@code d} streamed to the driver partition by partition. */
  private static Stream<Row> stream(Dataset<org.apache.spark.sql.Row> d) {
    Iterator<org.apache.spark.sql.Row> it = d.toLocalIterator();
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .map(RowCodec::fromSpark);
  }

  private Dataset<org.apache.spark.sql.Row> merged(
      FeatureSpec spec, Dataset<org.apache.spark.sql.Row> t, ReadOptions o) {
    String version =
        o.allFeatureVersions()
            ? null
            : o.featureVersion() != null ? o.featureVersion() : versions.featureVersion(spec.key());
    if (o.sampleHistory()) {
      Dataset<org.apache.spark.sql.Row> d =
          version == null ? t : t.where(col(SystemColumns.FEATURE_VERSION).equalTo(version));
      d = o.includeDeleted() ? d : d.where(col(SystemColumns.DELETED_AT).isNull());
      // history in the order it was written (a copy replays it in this order)
      return d.orderBy(Relations.commitOrder(t));
    }
    List<String> partition = new ArrayList<>(spec.idColumns());
    if (version == null) {
      partition.add(SystemColumns.FEATURE_VERSION);
    }
    return Relations.latest(t, partition, version, o.includeDeleted());
  }

  // ---------------------------------------------------------------- resolve

  /**
   * Plans the increment of {@code feature} now (errors in the definitions or tables surface here)
   * and runs one Spark job per stream when it is consumed. The expected and current relations are
   * persisted for the life of the increment (computed once for the three streams) and released when
   * it is closed.
   */
  @Override
  public Increment resolveUpdate(FeatureKey feature, ResolveOptions options) {
    requireOpen();
    ResolveOptions o = options == null ? ResolveOptions.defaults() : options;
    FeatureSpec spec = graph().get(feature);
    Dataset<org.apache.spark.sql.Row> samples = null;
    if (spec.isRoot()) {
      samples = samplesFrame(spec, engine.rootRows(feature, o.samples()).toList());
    } else if (o.samples() != null) {
      LOG.debug("Samples given for non-root feature {} are ignored", feature);
    }
    ResolvePlan plan =
        ResolvePlan.build(
            new ResolvePlan.Context(
                graph(),
                versions,
                settings.hashAlgorithm(),
                settings.truncation(),
                k -> k.equals(feature) ? tables().read(table(k)) : upstreamTable(k)),
            spec,
            samples,
            o.featureFilters(),
            o.globalFilters(),
            o.targetFilters(),
            o.stalenessPredicates());
    SharedRelations shared = new SharedRelations(plan);
    return Increment.lazy(
        () -> streamOrEmpty(shared.use().newRows()),
        () -> streamOrEmpty(shared.use().staleRows()),
        () -> streamOrEmpty(shared.use().orphanedRows()),
        shared::release);
  }

  /**
   * The persisted relations of one increment: persisted when its first stream is opened (an
   * increment never read caches nothing), released when it is closed.
   */
  private static final class SharedRelations {
    private final ResolvePlan plan;
    private Runnable release;
    private boolean closed;

    SharedRelations(ResolvePlan plan) {
      this.plan = plan;
    }

    synchronized ResolvePlan use() {
      if (release == null && !closed) {
        release = plan.persist();
      }
      return plan;
    }

    synchronized void release() {
      closed = true;
      if (release != null) {
        release.run();
        release = null;
      }
    }
  }

  private static Stream<Row> streamOrEmpty(Dataset<org.apache.spark.sql.Row> d) {
    return d == null ? Stream.empty() : stream(d);
  }

  /**
   * The table of an upstream feature: this store's when it holds rows, else the rows of the first
   * fallback store holding the feature (read through its port and staged as a local relation).
   */
  private Optional<Dataset<org.apache.spark.sql.Row>> upstreamTable(FeatureKey k) {
    Optional<Dataset<org.apache.spark.sql.Row>> local = tables().read(table(k));
    if (settings.fallbackStores().isEmpty() || hasFeature(k)) {
      return local;
    }
    Optional<MetadataStore> fb = FallbackChain.holderOf(this, k);
    if (fb.isEmpty()) {
      return local;
    }
    List<Row> rows;
    try (Stream<Row> s = fb.get().read(k, ReadOptions.defaults())) {
      rows = s.toList();
    }
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Frames.of(tables().spark(), graph().get(k), rows, null, 0L));
  }

  /** A root feature's samples: their user columns and one per-field provenance column each. */
  private Dataset<org.apache.spark.sql.Row> samplesFrame(FeatureSpec spec, List<Row> rows) {
    Map<String, DataType> types = Writes.userColumnTypes(spec, rows, null);
    for (String id : spec.idColumns()) {
      types.putIfAbsent(id, DataTypes.StringType);
    }
    List<String> fieldKeys = new ArrayList<>();
    spec.fields().forEach(f -> fieldKeys.add(f.key().structKey()));
    StructType schema = new StructType();
    for (Map.Entry<String, DataType> e : types.entrySet()) {
      schema = schema.add(e.getKey(), e.getValue());
    }
    for (String sk : fieldKeys) {
      schema = schema.add("__mx_pbf_" + sk, DataTypes.StringType);
    }
    // data versions given with the samples survive into the increment (and the write)
    boolean dataVersions =
        rows.stream()
            .anyMatch(r -> r.get(SystemColumns.DATA_VERSION_BY_FIELD) instanceof Map<?, ?>);
    if (dataVersions) {
      for (String sk : fieldKeys) {
        schema = schema.add(ResolvePlan.DVBF_PREFIX + sk, DataTypes.StringType);
      }
    }
    boolean java8 = java8Time();
    List<org.apache.spark.sql.Row> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Object[] v = new Object[schema.size()];
      int i = 0;
      for (Map.Entry<String, DataType> e : types.entrySet()) {
        v[i++] = RowCodec.toSpark(r.get(e.getKey()), e.getValue(), java8);
      }
      Map<String, String> pbf = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
      for (String sk : fieldKeys) {
        v[i++] = pbf.get(sk);
      }
      if (dataVersions) {
        Map<String, String> dvbf = r.getMap(SystemColumns.DATA_VERSION_BY_FIELD);
        for (String sk : fieldKeys) {
          v[i++] = dvbf.get(sk);
        }
      }
      out.add(org.apache.spark.sql.RowFactory.create(v));
    }
    return tables().spark().createDataFrame(out, schema);
  }

  // ---------------------------------------------------------------- delete

  /**
   * Hard delete removes the matching rows of the current feature version (every version with {@code
   * featureHistory}) in one Delta {@code DELETE}. Soft delete appends {@link Tombstones} of the
   * matching latest rows in one commit; samples held only in a fallback store are tombstoned here.
   */
  @Override
  public long delete(FeatureKey feature, DeleteOptions options) {
    requireOpen();
    ReadOnlyStore.requireWritable(settings, "delete from " + feature);
    DeleteOptions o = options == null ? DeleteOptions.soft() : options;
    FeatureSpec spec = graph().get(feature);
    String name = table(feature);
    if (o.hard()) {
      Optional<Dataset<org.apache.spark.sql.Row>> t = tables().read(name);
      if (t.isEmpty()) {
        return 0;
      }
      Column condition =
          SparkFilters.checked(feature, t.get().schema(), Relations::col).all(o.filters());
      if (!o.featureHistory()) {
        condition =
            condition.and(
                col(SystemColumns.FEATURE_VERSION).equalTo(versions.featureVersion(feature)));
      }
      long n = tables().delete(name, condition);
      LOG.debug("Hard-deleted {} rows of {}", n, feature);
      return n;
    }
    ReadOptions which =
        (o.featureHistory()
                ? ReadOptions.defaults().withAllFeatureVersions()
                : ReadOptions.defaults())
            .withFilters(o.filters().toArray(String[]::new));
    Instant now = settings.clock().instant();
    List<Row> victims;
    try (Stream<Row> st = read(feature, which)) {
      victims = st.toList();
    }
    if (victims.isEmpty()) {
      return 0;
    }
    appendRows(spec, Tombstones.of(victims, now), now, false);
    LOG.debug("Soft-deleted {} samples of {}", victims.size(), feature);
    return victims.size();
  }

  // ---------------------------------------------------------------- system tables

  private SystemTables system() {
    return new SystemTables(tables(), settings.systemTableNames());
  }

  /**
   * Records the current graph with {@code tags} (the {@code tags} column of every row of the
   * snapshot) in one commit, unless the snapshot is recorded: it then keeps its first tags.
   */
  @Override
  public PushResult push(SnapshotTags tags) {
    requireOpen();
    ReadOnlyStore.requireWritable(settings, "push the snapshot");
    String tagsJson = Objects.requireNonNull(tags, "tags").toColumnJson();
    String snapshot = versions.snapshotVersion();
    SystemTables sys = system();
    boolean known =
        sys.featureVersions(settings.project()).stream()
            .anyMatch(r -> r.snapshotVersion().equals(snapshot));
    if (known || graph().isEmpty()) {
      return new PushResult(snapshot, false, graph().size());
    }
    Instant now = settings.clock().instant();
    List<FeatureSpec> specs = new ArrayList<>(graph().features());
    specs.sort(Comparator.comparing(x -> x.key().toString()));
    List<FeatureVersionRecord> records = new ArrayList<>();
    for (FeatureSpec x : specs) {
      records.add(
          new FeatureVersionRecord(
              settings.project(),
              x.key().toString(),
              versions.featureVersion(x.key()),
              versions.specVersion(x.key()),
              SpecJson.canonical(x),
              snapshot,
              now));
    }
    sys.appendFeatureVersions(records, tagsJson);
    return new PushResult(snapshot, true, specs.size());
  }

  @Override
  public List<SnapshotSummary> snapshots() {
    requireOpen();
    return SnapshotSummary.of(system().featureVersions(settings.project()));
  }

  @Override
  public Map<String, SnapshotTags> snapshotTags() {
    requireOpen();
    Map<String, SnapshotTags> out = new LinkedHashMap<>();
    system()
        .snapshotTags(settings.project())
        .forEach((v, json) -> out.put(v, SnapshotTags.parse(json)));
    return out;
  }

  @Override
  public List<FeatureVersionRecord> featureVersions(String snapshotVersion) {
    requireOpen();
    return system().featureVersions(settings.project()).stream()
        .filter(r -> r.snapshotVersion().equals(snapshotVersion))
        .sorted(Comparator.comparing(FeatureVersionRecord::featureKey))
        .toList();
  }

  @Override
  public void recordMigrationEvent(MigrationEvent event) {
    requireOpen();
    ReadOnlyStore.requireWritable(settings, "record a migration event");
    system().appendMigrationEvent(Objects.requireNonNull(event, "event"));
  }

  @Override
  public List<MigrationEvent> migrationEvents(String migrationId) {
    requireOpen();
    return system().migrationEvents().stream()
        .filter(e -> e.migrationId().equals(migrationId))
        .toList();
  }

  @Override
  public List<MigrationEvent> migrationEvents() {
    requireOpen();
    return system().migrationEvents();
  }

  // ---------------------------------------------------------------- rebase

  /**
   * Carries the latest rows of {@code fromFeatureVersion} to {@code toFeatureVersion} (default: the
   * current one) in one commit, with the semantics of the reference store: user columns and {@code
   * metaxy_created_at} kept, provenance recomputed from the current upstream for non-root features,
   * user data-version overrides kept. The rows pass through the driver.
   */
  @Override
  public RebaseResult rebase(
      FeatureKey feature, String fromFeatureVersion, String toFeatureVersion, String migrationId) {
    requireOpen();
    ReadOnlyStore.requireWritable(settings, "rebase " + feature);
    Objects.requireNonNull(migrationId, "migrationId");
    return ResumableRebase.recordingTo(this, settings.project(), settings.clock())
        .run(
            feature,
            fromFeatureVersion,
            migrationId,
            () -> copyVersion(feature, fromFeatureVersion, toFeatureVersion));
  }

  /** Refused on a read-only store before anything is read or created. */
  @Override
  public long quarantine(FeatureKey feature, List<Row> samples, String errorMessage) {
    ReadOnlyStore.requireWritable(settings, "quarantine samples of " + feature);
    return MetadataStore.super.quarantine(feature, samples, errorMessage);
  }

  /** Refused on a read-only store before anything is read or created. */
  @Override
  public WriteOutcome writeWithFailures(
      FeatureKey feature, List<Row> successes, List<SampleFailure> failures, WriteOptions options) {
    ReadOnlyStore.requireWritable(settings, "write " + feature);
    return MetadataStore.super.writeWithFailures(feature, successes, failures, options);
  }

  private long copyVersion(FeatureKey feature, String from, String to) {
    FeatureSpec spec = graph().get(feature);
    String target = RebaseRules.check(spec, from, to, versions.featureVersion(feature));
    List<Row> old;
    try (Stream<Row> s = read(feature, ReadOptions.defaults().withFeatureVersion(from))) {
      old = s.toList();
    }
    if (old.isEmpty()) {
      throw new MetaxyException(
          ErrorCode.MIGRATION_FAILED,
          "Feature "
              + feature
              + " has no rows of feature version "
              + from
              + " to rebase: check the version (see the feature_versions snapshots).");
    }
    List<String> key = engine.keyColumns(feature);
    Map<IdKey, Map<String, String>> expected = new HashMap<>();
    try (Stream<Row> s = engine.expectedRows(feature, up -> read(up, ReadOptions.defaults()))) {
      s.forEach(
          r -> expected.putIfAbsent(IdKey.of(r, key), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
    }
    Instant now = settings.clock().instant();
    String snapshot = versions.projectVersion();
    List<Row> out = new ArrayList<>(old.size());
    for (Row r : old) {
      out.add(
          RebaseRules.rebased(
              r, expected.get(IdKey.of(r, key)), target, snapshot, now, engine::combine));
    }
    appendRows(spec, out, now, false);
    return out.size();
  }

  @Override
  public String toString() {
    return "SparkMetadataStore[" + config.warehouse() + ", " + hashAlgorithm() + "]";
  }
}
