package io.metaxy.adapter.inmemory;

import io.metaxy.adapter.inmemory.internal.FeatureTable;
import io.metaxy.adapter.inmemory.internal.Storage;
import io.metaxy.adapter.inmemory.internal.StoredRow;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.InvalidRowException;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.filter.FilterColumns;
import io.metaxy.domain.filter.FilterEvaluator;
import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.filter.FilterParser;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.increment.IncrementDiff;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.provenance.ProvenanceEngine;
import io.metaxy.domain.provenance.UpstreamSource;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.domain.write.CreatedAtRule;
import io.metaxy.domain.write.RebaseRules;
import io.metaxy.domain.write.Tombstones;
import io.metaxy.domain.write.WriteContract;
import io.metaxy.hashing.StandardRowHashing;
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
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetadataStore} in the JVM heap: every port, with the docs/semantics.md §4–§5, and the
 * reference store of the compatibility kit. Rows are appended, never updated; reads merge on read.
 * Thread-safe. See the package documentation for the design.
 *
 * <pre>{@code
 * try (MetadataStore store = new InMemoryMetadataStore(StoreSettings.builder(graph).build()).open()) {
 *   store.write(video, rows);
 *   try (Increment inc = store.resolveUpdate(crop)) { ... }
 * }
 * }</pre>
 */
public final class InMemoryMetadataStore implements MetadataStore {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryMetadataStore.class);

  private final Storage storage;
  private final StoreSettings settings;
  private final AtomicBoolean open;
  private final ProvenanceEngine engine;
  private final GraphVersions versions;

  /** A new, empty store (call {@link #open()} before use). */
  public InMemoryMetadataStore(StoreSettings settings) {
    this(new Storage(), settings, new AtomicBoolean());
  }

  private InMemoryMetadataStore(Storage storage, StoreSettings settings, AtomicBoolean open) {
    this.storage = storage;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.open = open;
    this.engine =
        new ProvenanceEngine(
            settings.graph(),
            StandardRowHashing.hasherFor(settings.hashAlgorithm()),
            settings.truncation());
    this.versions = settings.graph().versions(settings.truncation());
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public InMemoryMetadataStore open() {
    open.set(true);
    return this;
  }

  @Override
  public boolean isOpen() {
    return open.get();
  }

  /** Marks the store closed; the data stays, and {@link #open()} makes it usable again. */
  @Override
  public void close() {
    open.set(false);
  }

  @Override
  public FeatureGraph graph() {
    return settings.graph();
  }

  @Override
  public HashAlgorithm hashAlgorithm() {
    return settings.hashAlgorithm();
  }

  /** A view of the same storage (and open state) under another graph. */
  @Override
  public InMemoryMetadataStore withGraph(FeatureGraph graph) {
    return new InMemoryMetadataStore(storage, settings.withGraph(graph), open);
  }

  @Override
  public StoreSettings settings() {
    return settings;
  }

  /** The engine this store resolves with (its graph, hash algorithm and truncation). */
  public ProvenanceEngine engine() {
    return engine;
  }

  private void requireOpen() {
    if (!open.get()) {
      throw new MetaxyException(
          ErrorCode.STORE_NOT_OPEN,
          "The in-memory metadata store is not open: call open() first (try-with-resources"
              + " closes it).");
    }
  }

  /** A read-only store (settings) refuses writes. */
  private void requireWritable(String operation) {
    if (settings.readOnly()) {
      throw ReadOnlyStore.refusal(operation, settings);
    }
  }

  // ---------------------------------------------------------------- write

  @Override
  public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    requireOpen();
    requireWritable("write " + feature);
    FeatureSpec spec = graph().get(feature);
    WriteOptions opts = options == null ? WriteOptions.defaults() : options;
    List<Row> batch = List.copyOf(rows);
    WriteContract contract = contract(spec);
    FeatureTable table = storage.table(feature);
    // Writes of one feature are serialised and take their time and order at commit, so the
    // latest row of a sample is the row of the write that committed last (ADR-0004).
    table.lock().writeLock().lock();
    try {
      Instant now = settings.clock().instant();
      // complete validates every row first; then the column types are checked, before anything
      // is appended, so a failed write leaves the table unchanged.
      List<Row> completed = contract.complete(batch, now, opts.materializationId());
      Map<String, String> types = new HashMap<>(table.columnTypesUnlocked());
      for (int i = 0; i < batch.size(); i++) {
        checkTypes(spec, batch.get(i), i, types);
      }
      List<Row> full =
          CreatedAtRule.fill(completed, spec.idColumns(), table::createdAtUnlocked, now);
      List<StoredRow> out = new ArrayList<>(full.size());
      for (Row r : full) {
        out.add(stored(spec, r));
      }
      table.columnTypesUnlocked().putAll(types);
      table.appendUnlocked(out);
      LOG.debug("Wrote {} rows to {}", out.size(), feature);
      return out.size();
    } finally {
      table.lock().writeLock().unlock();
    }
  }

  private WriteContract contract(FeatureSpec spec) {
    return WriteContract.forFeature(
        spec, versions.featureVersion(spec.key()), versions.projectVersion(), engine::combine);
  }

  private StoredRow stored(FeatureSpec spec, Row full) {
    Instant deleted = (Instant) full.get(SystemColumns.DELETED_AT);
    Instant updated = (Instant) full.get(SystemColumns.UPDATED_AT);
    return new StoredRow(
        storage.nextSequence(),
        full,
        spec.idColumns(),
        (String) full.get(SystemColumns.FEATURE_VERSION),
        deleted != null ? deleted : updated,
        deleted != null);
  }

  private static void checkTypes(FeatureSpec spec, Row r, int index, Map<String, String> types) {
    for (Map.Entry<String, Object> e : r.asMap().entrySet()) {
      if (SystemColumns.isReserved(e.getKey()) || e.getValue() == null) {
        continue;
      }
      String category = category(e.getValue());
      String prev = types.putIfAbsent(e.getKey(), category);
      if (prev != null && !prev.equals(category)) {
        throw invalid(
            spec.key(),
            e.getKey(),
            "Row "
                + index
                + " written to feature "
                + spec.key()
                + " has a "
                + typeName(e.getValue())
                + " in column \""
                + e.getKey()
                + "\", which holds "
                + prev
                + " values: write the same type in every row. Nothing was written.");
      }
    }
  }

  /** Type categories of user columns: a column keeps one category. */
  private static String category(Object v) {
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof CharSequence || v instanceof Character) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof TemporalAccessor || v instanceof java.util.Date) {
      return "timestamp";
    }
    if (v instanceof Map<?, ?>) {
      return "map";
    }
    if (v instanceof Collection<?> || v.getClass().isArray() && !(v instanceof byte[])) {
      return "list";
    }
    if (v instanceof byte[]) {
      return "bytes";
    }
    return v.getClass().getName();
  }

  private static String typeName(Object v) {
    return v.getClass().getSimpleName() + " (" + v + ")";
  }

  private static MetaxyException invalid(FeatureKey feature, String column, String message) {
    return new InvalidRowException(ErrorCode.INVALID_ROW, feature.toString(), column, -1, message);
  }

  // ---------------------------------------------------------------- read

  @Override
  public boolean hasFeature(FeatureKey feature) {
    requireOpen();
    return storage.existingTable(feature).map(t -> !t.isEmpty()).orElse(false);
  }

  @Override
  public Stream<Row> read(FeatureKey feature, ReadOptions options) {
    requireOpen();
    ReadOptions o = options == null ? ReadOptions.defaults() : options;
    Optional<MetadataStore> fallback = FallbackChain.holderOf(this, feature);
    if (fallback.isPresent()) {
      return fallback.get().read(feature, o);
    }
    List<FilterExpression> filters = parse(feature, o.filters());
    Stream<Row> rows = merged(feature, o).filter(r -> matchesAll(r, filters));
    if (o.columns() != null) {
      List<String> cols = o.columns();
      rows =
          rows.map(
              r -> {
                Row.Builder b = Row.builder();
                for (String c : cols) {
                  b.set(c, r.get(c));
                }
                return b.build();
              });
    }
    return rows;
  }

  /**
   * Parses filters on {@code feature}, checking their columns against the feature's columns (ID and
   * system columns and every column ever written). A feature never written has no known columns
   * yet: its filters are not checked (they match nothing).
   */
  private List<FilterExpression> parse(FeatureKey feature, List<String> filters) {
    Optional<FeatureTable> table = storage.existingTable(feature);
    if (table.isEmpty() || filters.isEmpty()) {
      return parse(filters);
    }
    Set<String> known = new LinkedHashSet<>(graph().get(feature).idColumns());
    known.addAll(SystemColumns.ALL);
    known.addAll(table.get().columns());
    return FilterColumns.parseChecked(feature, filters, known);
  }

  /** Rows after version selection and merge-on-read (filters not applied). */
  private Stream<Row> merged(FeatureKey feature, ReadOptions o) {
    String version;
    if (o.allFeatureVersions()) {
      version = null;
    } else if (o.featureVersion() != null) {
      version = o.featureVersion();
    } else {
      version = versions.featureVersion(feature);
    }
    if (version != null && !o.sampleHistory()) {
      List<StoredRow> latest =
          storage.existingTable(feature).map(t -> t.latest(version)).orElse(List.of());
      return latest.stream().filter(r -> o.includeDeleted() || !r.deleted()).map(StoredRow::row);
    }
    List<StoredRow> rows =
        storage.existingTable(feature).map(FeatureTable::snapshot).orElse(List.of());
    if (o.sampleHistory()) {
      return rows.stream()
          .filter(r -> version == null || version.equals(r.featureVersion()))
          .filter(r -> o.includeDeleted() || !r.deleted())
          .map(StoredRow::row);
    }
    Map<Object, StoredRow> latest = new LinkedHashMap<>();
    for (StoredRow r : rows) {
      if (version != null && !version.equals(r.featureVersion())) {
        continue;
      }
      Object key = version == null ? List.of(r.id(), r.featureVersion()) : r.id();
      StoredRow prev = latest.get(key);
      if (prev == null || r.newerThan(prev)) {
        latest.put(key, r);
      }
    }
    return latest.values().stream()
        .filter(r -> o.includeDeleted() || !r.deleted())
        .map(StoredRow::row);
  }

  private static List<FilterExpression> parse(List<String> filters) {
    return filters.stream().map(FilterParser::parse).toList();
  }

  private static boolean matchesAll(Row r, List<FilterExpression> filters) {
    for (FilterExpression f : filters) {
      if (!FilterEvaluator.test(f, r::get)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- resolve

  /**
   * Computes the increment of {@code feature} with the {@link ProvenanceEngine}: upstream rows
   * (merged, current version, feature and global filters; served from a fallback store when absent
   * here) are hashed by join key now, the target's stored rows are indexed by key now, and the
   * three streams join and hash lazily when consumed.
   */
  @Override
  public Increment resolveUpdate(FeatureKey feature, ResolveOptions options) {
    requireOpen();
    ResolveOptions o = options == null ? ResolveOptions.defaults() : options;
    graph().get(feature);
    List<FilterExpression> staleness = parse(feature, o.stalenessPredicates());
    // Global filters apply to the upstream reads and to the stored target rows, never to the
    // computed expected rows (which carry only keys and provenance).
    List<String> ownFilters = new ArrayList<>(o.featureFilters().getOrDefault(feature, List.of()));
    ownFilters.addAll(o.targetFilters());
    List<String> storedFilters = new ArrayList<>(o.globalFilters());
    storedFilters.addAll(ownFilters);
    List<FilterExpression> storedChecks = parse(feature, storedFilters);
    List<FilterExpression> expectedChecks = parse(ownFilters);
    // This store's reads take only its own read locks, so without fallback stores (whose reads may
    // be bound to a thread) the engine may read and index upstreams on several threads.
    // The target's stored rows are indexed meanwhile, on a pool thread when that is safe too.
    boolean anyThread = settings.fallbackStores().isEmpty() && engine.parallelism() > 1;
    UpstreamSource upstream = up -> read(up, readOptionsFor(up, o));
    FutureTask<IncrementDiff.Stored> storedIndex =
        new FutureTask<>(
            () -> {
              Stream<Row> stored = read(feature, ReadOptions.defaults());
              if (!storedChecks.isEmpty()) {
                stored = stored.filter(r -> matchesAll(r, storedChecks));
              }
              return IncrementDiff.indexStored(engine.keyColumns(feature), stored, staleness);
            });
    if (anyThread) {
      upstream = UpstreamSource.threadSafe(upstream);
      ForkJoinPool.commonPool().execute(storedIndex);
    }
    Supplier<Stream<Row>> prepared;
    try {
      prepared = engine.prepare(feature, upstream, o.samples());
    } catch (RuntimeException | Error e) {
      storedIndex.cancel(false);
      throw e;
    }
    storedIndex.run(); // indexes here unless a pool thread has started it
    Supplier<Stream<Row>> expected =
        expectedChecks.isEmpty()
            ? prepared
            : () -> prepared.get().filter(r -> matchesAll(r, expectedChecks));
    IncrementDiff diff = resultOf(storedIndex).against(expected);
    return Increment.lazy(diff::newRows, diff::staleRows, diff::orphanedRows, () -> {});
  }

  /** The task's result, its failure rethrown unwrapped. */
  private static <T> T resultOf(FutureTask<T> task) {
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE, "Interrupted while indexing the stored rows: try again.");
    }
  }

  private static ReadOptions readOptionsFor(FeatureKey upstream, ResolveOptions o) {
    List<String> filters = new ArrayList<>(o.globalFilters());
    filters.addAll(o.featureFilters().getOrDefault(upstream, List.of()));
    return ReadOptions.defaults().withFilters(filters.toArray(String[]::new));
  }

  // ---------------------------------------------------------------- delete

  /**
   * Soft delete appends a tombstone ({@link Tombstones}) for the latest live row of every matching
   * sample; samples held only in a fallback store are tombstoned here. Hard delete removes the
   * matching rows of the current feature version, or of every version with {@code featureHistory}.
   */
  @Override
  public long delete(FeatureKey feature, DeleteOptions options) {
    requireOpen();
    requireWritable("delete from " + feature);
    DeleteOptions o = options == null ? DeleteOptions.soft() : options;
    FeatureSpec spec = graph().get(feature);
    String current = versions.featureVersion(feature);
    if (o.hard()) {
      Optional<FeatureTable> table = storage.existingTable(feature);
      if (table.isEmpty()) {
        return 0;
      }
      List<FilterExpression> filters = parse(feature, o.filters());
      long n =
          table
              .get()
              .removeIf(
                  r ->
                      (o.featureHistory() || current.equals(r.featureVersion()))
                          && matchesAll(r.row(), filters),
                  SystemColumns.CREATED_AT);
      LOG.debug("Hard-deleted {} rows of {}", n, feature);
      return n;
    }
    Optional<MetadataStore> fallback = FallbackChain.holderOf(this, feature);
    ReadOptions which =
        o.featureHistory()
            ? ReadOptions.defaults().withAllFeatureVersions()
            : ReadOptions.defaults();
    List<Row> fromFallback = null;
    if (fallback.isPresent()) {
      try (Stream<Row> rows =
          fallback.get().read(feature, which.withFilters(o.filters().toArray(String[]::new)))) {
        fromFallback = rows.toList();
      }
    }
    List<FilterExpression> filters = parse(feature, o.filters());
    FeatureTable t = storage.table(feature);
    t.lock().writeLock().lock();
    try {
      Instant now = settings.clock().instant();
      List<Row> victims =
          fromFallback != null
              ? fromFallback
              : merged(feature, which).filter(r -> matchesAll(r, filters)).toList();
      List<StoredRow> tombstones = new ArrayList<>(victims.size());
      for (Row r : Tombstones.of(victims, now)) {
        tombstones.add(stored(spec, r));
      }
      t.appendUnlocked(tombstones);
      LOG.debug("Soft-deleted {} samples of {}", tombstones.size(), feature);
      return tombstones.size();
    } finally {
      t.lock().writeLock().unlock();
    }
  }

  // ---------------------------------------------------------------- snapshots

  @Override
  public PushResult push(SnapshotTags tags) {
    requireOpen();
    requireWritable("push a snapshot");
    SnapshotTags stored = SnapshotTags.parse(tags.toColumnJson()); // as a SQL store reads it
    String snapshot = versions.snapshotVersion();
    List<FeatureVersionRecord> table = storage.featureVersions();
    synchronized (table) {
      boolean known =
          table.stream()
              .anyMatch(
                  r ->
                      r.snapshotVersion().equals(snapshot)
                          && Objects.equals(r.project(), settings.project()));
      if (known || graph().isEmpty()) {
        return new PushResult(snapshot, false, graph().size());
      }
      Instant now = settings.clock().instant();
      List<FeatureSpec> specs = new ArrayList<>(graph().features());
      specs.sort(Comparator.comparing(s -> s.key().toString()));
      for (FeatureSpec s : specs) {
        table.add(
            new FeatureVersionRecord(
                settings.project(),
                s.key().toString(),
                versions.featureVersion(s.key()),
                versions.specVersion(s.key()),
                SpecJson.canonical(s),
                snapshot,
                now));
      }
      storage.snapshotTags().put(settings.project() + "\u0000" + snapshot, stored);
      return new PushResult(snapshot, true, specs.size());
    }
  }

  @Override
  public List<SnapshotSummary> snapshots() {
    requireOpen();
    List<FeatureVersionRecord> table = storage.featureVersions();
    synchronized (table) {
      return SnapshotSummary.of(
          table.stream().filter(r -> Objects.equals(r.project(), settings.project())).toList());
    }
  }

  @Override
  public Map<String, SnapshotTags> snapshotTags() {
    requireOpen();
    Map<String, SnapshotTags> out = new LinkedHashMap<>();
    String prefix = settings.project() + "\u0000";
    storage
        .snapshotTags()
        .forEach(
            (k, v) -> {
              if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
              }
            });
    return out;
  }

  @Override
  public List<FeatureVersionRecord> featureVersions(String snapshotVersion) {
    requireOpen();
    List<FeatureVersionRecord> table = storage.featureVersions();
    synchronized (table) {
      return table.stream()
          .filter(r -> Objects.equals(r.project(), settings.project()))
          .filter(r -> r.snapshotVersion().equals(snapshotVersion))
          .sorted(Comparator.comparing(FeatureVersionRecord::featureKey))
          .toList();
    }
  }

  // ---------------------------------------------------------------- migration events

  @Override
  public void recordMigrationEvent(MigrationEvent event) {
    requireOpen();
    requireWritable("record a migration event");
    Objects.requireNonNull(event, "event");
    List<MigrationEvent> table = storage.migrationEvents();
    synchronized (table) {
      table.add(event);
    }
  }

  @Override
  public List<MigrationEvent> migrationEvents(String migrationId) {
    requireOpen();
    List<MigrationEvent> table = storage.migrationEvents();
    synchronized (table) {
      return table.stream().filter(e -> e.migrationId().equals(migrationId)).toList();
    }
  }

  @Override
  public List<MigrationEvent> migrationEvents() {
    requireOpen();
    List<MigrationEvent> table = storage.migrationEvents();
    synchronized (table) {
      return List.copyOf(table);
    }
  }

  // ---------------------------------------------------------------- rebase

  /**
   * Carries the latest non-deleted rows of {@code fromFeatureVersion} to the current feature
   * version by {@link RebaseRules} (root features and other targets are refused). User columns and
   * {@code metaxy_created_at} are kept; {@code metaxy_provenance_by_field} is recomputed from the
   * current upstream for every sample, also samples already under the target version (samples the
   * upstream no longer has keep their stored provenance); a field whose stored data version
   * differed from its stored provenance (a user override) keeps that data version, the others
   * follow the new provenance. Events: {@code started} (once per migration id), {@code
   * feature_started}, {@code feature_completed} with the rows written, {@code completed}; on error
   * {@code failed} with the message. A feature already completed under this migration id is
   * skipped.
   */
  @Override
  public RebaseResult rebase(
      FeatureKey feature, String fromFeatureVersion, String toFeatureVersion, String migrationId) {
    requireOpen();
    requireWritable("rebase " + feature);
    Objects.requireNonNull(migrationId, "migrationId");
    return ResumableRebase.recordingTo(this, settings.project(), settings.clock())
        .run(
            feature,
            fromFeatureVersion,
            migrationId,
            () -> copyVersion(feature, fromFeatureVersion, toFeatureVersion));
  }

  private long copyVersion(FeatureKey feature, String from, String to) {
    FeatureSpec spec = graph().get(feature);
    String target = RebaseRules.check(spec, from, to, versions.featureVersion(feature));
    List<Row> old = merged(feature, ReadOptions.defaults().withFeatureVersion(from)).toList();
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
    String snapshot = versions.projectVersion();
    FeatureTable table = storage.table(feature);
    table.lock().writeLock().lock();
    try {
      Instant now = settings.clock().instant();
      List<StoredRow> out = new ArrayList<>(old.size());
      for (Row r : old) {
        Row rebased =
            RebaseRules.rebased(
                r, expected.get(IdKey.of(r, key)), target, snapshot, now, engine::combine);
        out.add(stored(spec, rebased));
      }
      table.appendUnlocked(out);
      return out.size();
    } finally {
      table.lock().writeLock().unlock();
    }
  }

  /**
   * Another store instance on the same storage (its own settings and open state), as several
   * processes share one database: the kit's concurrency group writes through several of them.
   */
  public InMemoryMetadataStore onSameStorage(StoreSettings otherSettings) {
    return new InMemoryMetadataStore(storage, otherSettings, new AtomicBoolean());
  }

  @Override
  public String toString() {
    return "InMemoryMetadataStore[project=" + settings.project() + ", " + hashAlgorithm() + "]";
  }
}
