package io.metaxy.adapter.inmemory;

import io.metaxy.adapter.inmemory.internal.FeatureTable;
import io.metaxy.adapter.inmemory.internal.Storage;
import io.metaxy.adapter.inmemory.internal.StoredRow;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
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
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.hashing.StandardRowHashing;
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
import io.metaxy.ports.system.ResumableRebase;
import io.metaxy.ports.system.SnapshotSummary;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
  private static final Set<String> SYSTEM = Set.copyOf(SystemColumns.ALL);

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

  // ---------------------------------------------------------------- write

  @Override
  public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    requireOpen();
    FeatureSpec spec = graph().get(feature);
    WriteOptions opts = options == null ? WriteOptions.defaults() : options;
    List<Row> batch = List.copyOf(rows);
    for (int i = 0; i < batch.size(); i++) {
      validateShape(spec, batch.get(i), i);
    }
    Instant now = settings.clock().instant();
    String featureVersion = versions.featureVersion(feature);
    String snapshotVersion = versions.snapshotVersion();
    // Hash outside the lock: only created_at depends on what is stored.
    List<Row.Builder> completed = new ArrayList<>(batch.size());
    for (Row r : batch) {
      completed.add(complete(r, featureVersion, snapshotVersion, now, opts.materializationId()));
    }
    FeatureTable table = storage.table(feature);
    table.lock().writeLock().lock();
    try {
      Map<String, String> types = new HashMap<>(table.columnTypesUnlocked());
      for (int i = 0; i < batch.size(); i++) {
        checkTypes(spec, batch.get(i), i, types);
      }
      Map<IdKey, Instant> created = table.createdAtUnlocked();
      List<StoredRow> out = new ArrayList<>(batch.size());
      Map<IdKey, Instant> firstInBatch = new HashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        Row given = batch.get(i);
        IdKey id = IdKey.of(given, spec.idColumns());
        Instant createdAt = toInstant(batch.get(i).get(SystemColumns.CREATED_AT));
        if (createdAt == null) {
          createdAt = created.get(id);
        }
        if (createdAt == null) {
          createdAt = firstInBatch.getOrDefault(id, now);
        }
        firstInBatch.putIfAbsent(id, createdAt);
        out.add(stored(spec, completed.get(i).set(SystemColumns.CREATED_AT, createdAt).build()));
      }
      table.appendUnlocked(out);
      table.columnTypesUnlocked().putAll(types);
      for (StoredRow s : out) {
        created.putIfAbsent(s.id(), (Instant) s.row().get(SystemColumns.CREATED_AT));
      }
      LOG.debug("Wrote {} rows to {}", out.size(), feature);
      return out.size();
    } finally {
      table.lock().writeLock().unlock();
    }
  }

  private StoredRow stored(FeatureSpec spec, Row full) {
    Instant deleted = (Instant) full.get(SystemColumns.DELETED_AT);
    Instant updated = (Instant) full.get(SystemColumns.UPDATED_AT);
    return new StoredRow(
        storage.nextSequence(),
        full,
        IdKey.of(full, spec.idColumns()),
        (String) full.get(SystemColumns.FEATURE_VERSION),
        deleted != null ? deleted : updated,
        deleted != null);
  }

  /** User columns in the given order, then every system column in table order. */
  private Row.Builder complete(
      Row r, String featureVersion, String snapshotVersion, Instant now, String materializationId) {
    Row.Builder b = Row.builder();
    for (Map.Entry<String, Object> e : r.asMap().entrySet()) {
      if (!SystemColumns.isReserved(e.getKey())) {
        b.set(e.getKey(), e.getValue());
      }
    }
    Map<String, String> pbf = new TreeMap<>(r.getMap(SystemColumns.PROVENANCE_BY_FIELD));
    Object prov = r.get(SystemColumns.PROVENANCE);
    Map<String, String> dvbf = new TreeMap<>(pbf);
    r.getMap(SystemColumns.DATA_VERSION_BY_FIELD)
        .forEach(
            (k, v) -> {
              if (v != null) {
                dvbf.put(k, v);
              }
            });
    b.set(SystemColumns.PROVENANCE_BY_FIELD, pbf);
    b.set(SystemColumns.PROVENANCE, prov != null ? prov.toString() : engine.combine(pbf));
    b.set(SystemColumns.DATA_VERSION_BY_FIELD, dvbf);
    b.set(SystemColumns.DATA_VERSION, engine.combine(dvbf));
    b.set(SystemColumns.FEATURE_VERSION, featureVersion);
    b.set(SystemColumns.SNAPSHOT_VERSION, snapshotVersion);
    b.set(SystemColumns.CREATED_AT, null); // set under the table lock
    b.set(SystemColumns.UPDATED_AT, now);
    b.set(SystemColumns.DELETED_AT, null);
    Object given = r.get(SystemColumns.MATERIALIZATION_ID);
    b.set(
        SystemColumns.MATERIALIZATION_ID,
        materializationId != null ? materializationId : given == null ? null : given.toString());
    return b;
  }

  private static void validateShape(FeatureSpec spec, Row r, int index) {
    FeatureKey f = spec.key();
    for (String id : spec.idColumns()) {
      if (!r.has(id) || r.get(id) == null) {
        throw invalid(
            f,
            id,
            "Row "
                + index
                + " written to feature "
                + f
                + " has no value for ID column \""
                + id
                + "\": every row needs all ID columns "
                + spec.idColumns()
                + ". Nothing was written.");
      }
    }
    Object pbf = r.get(SystemColumns.PROVENANCE_BY_FIELD);
    if (!(pbf instanceof Map<?, ?>)) {
      throw invalid(
          f,
          SystemColumns.PROVENANCE_BY_FIELD,
          "Row "
              + index
              + " written to feature "
              + f
              + (pbf == null
                  ? " has no column " + SystemColumns.PROVENANCE_BY_FIELD
                  : " has a " + typeName(pbf) + " in column " + SystemColumns.PROVENANCE_BY_FIELD)
              + ": give every row its per-field provenance as a map (field struct key → hash),"
              + " e.g. from the increment's rows. Nothing was written.");
    }
    for (Map.Entry<String, Object> e : r.asMap().entrySet()) {
      String c = e.getKey();
      Object v = e.getValue();
      if (!SystemColumns.isReserved(c)) {
        continue;
      }
      if (!SYSTEM.contains(c)) {
        throw invalid(
            f,
            c,
            "Row "
                + index
                + " written to feature "
                + f
                + " has column \""
                + c
                + "\": names starting with metaxy_ are reserved for system columns "
                + SystemColumns.ALL
                + ". Rename it. Nothing was written.");
      }
      if (v == null) {
        continue;
      }
      boolean ok =
          switch (c) {
            case SystemColumns.PROVENANCE_BY_FIELD, SystemColumns.DATA_VERSION_BY_FIELD ->
                v instanceof Map<?, ?>;
            case SystemColumns.CREATED_AT, SystemColumns.UPDATED_AT, SystemColumns.DELETED_AT ->
                toInstant(v) != null;
            default -> v instanceof CharSequence;
          };
      if (!ok) {
        throw invalid(
            f,
            c,
            "Row "
                + index
                + " written to feature "
                + f
                + " has a "
                + typeName(v)
                + " in system column \""
                + c
                + "\", which holds "
                + (c.endsWith("_by_field")
                    ? "a map (field struct key → hash)"
                    : c.endsWith("_at") ? "a timestamp (java.time.Instant)" : "a string")
                + ". Nothing was written.");
      }
    }
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
    return new MetaxyException(ErrorCode.INVALID_ROW, message);
  }

  private static Instant toInstant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (v instanceof java.util.Date d) {
      return d.toInstant();
    }
    return null;
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
    Optional<MetadataStore> fallback = fallbackFor(feature);
    if (fallback.isPresent()) {
      return fallback.get().read(feature, o);
    }
    List<FilterExpression> filters = parse(o.filters());
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

  /** The first fallback holding {@code feature} when this store does not. */
  private Optional<MetadataStore> fallbackFor(FeatureKey feature) {
    if (hasFeature(feature)) {
      return Optional.empty();
    }
    for (MetadataStore f : settings.fallbackStores()) {
      if (!f.isOpen()) {
        f.open();
      }
      if (f.hasFeature(feature)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
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
    List<FilterExpression> staleness = parse(o.stalenessPredicates());
    List<FilterExpression> targetFilters = new ArrayList<>(parse(o.globalFilters()));
    targetFilters.addAll(parse(o.featureFilters().getOrDefault(feature, List.of())));
    targetFilters.addAll(parse(o.targetFilters()));
    Supplier<Stream<Row>> prepared =
        engine.prepare(feature, up -> read(up, readOptionsFor(up, o)), o.samples());
    Supplier<Stream<Row>> expected =
        targetFilters.isEmpty()
            ? prepared
            : () -> prepared.get().filter(r -> matchesAll(r, targetFilters));
    Stream<Row> stored = read(feature, ReadOptions.defaults());
    if (!targetFilters.isEmpty()) {
      stored = stored.filter(r -> matchesAll(r, targetFilters));
    }
    IncrementDiff diff = IncrementDiff.of(engine.keyColumns(feature), expected, stored, staleness);
    return Increment.lazy(diff::newRows, diff::staleRows, diff::orphanedRows, () -> {});
  }

  private static ReadOptions readOptionsFor(FeatureKey upstream, ResolveOptions o) {
    List<String> filters = new ArrayList<>(o.globalFilters());
    filters.addAll(o.featureFilters().getOrDefault(upstream, List.of()));
    return ReadOptions.defaults().withFilters(filters.toArray(String[]::new));
  }

  // ---------------------------------------------------------------- delete

  @Override
  public long delete(FeatureKey feature, DeleteOptions options) {
    requireOpen();
    DeleteOptions o = options == null ? DeleteOptions.soft() : options;
    List<FilterExpression> filters = parse(o.filters());
    Optional<FeatureTable> table = storage.existingTable(feature);
    if (table.isEmpty()) {
      return 0;
    }
    if (o.hard()) {
      long n = table.get().removeIf(r -> matchesAll(r.row(), filters), SystemColumns.CREATED_AT);
      LOG.debug("Hard-deleted {} rows of {}", n, feature);
      return n;
    }
    FeatureSpec spec = graph().get(feature);
    Instant now = settings.clock().instant();
    FeatureTable t = table.get();
    t.lock().writeLock().lock();
    try {
      List<Row> victims =
          merged(feature, ReadOptions.defaults()).filter(r -> matchesAll(r, filters)).toList();
      List<StoredRow> tombstones = new ArrayList<>(victims.size());
      for (Row r : victims) {
        Row tomb = r.with(SystemColumns.UPDATED_AT, now).with(SystemColumns.DELETED_AT, now);
        tombstones.add(stored(spec, tomb));
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
  public PushResult push() {
    requireOpen();
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
      return new PushResult(snapshot, true, specs.size());
    }
  }

  @Override
  public List<SnapshotSummary> snapshots() {
    requireOpen();
    List<FeatureVersionRecord> table = storage.featureVersions();
    Map<String, SnapshotSummary> out = new LinkedHashMap<>();
    synchronized (table) {
      for (FeatureVersionRecord r : table) {
        if (!Objects.equals(r.project(), settings.project())) {
          continue;
        }
        SnapshotSummary prev = out.get(r.snapshotVersion());
        out.put(
            r.snapshotVersion(),
            prev == null
                ? new SnapshotSummary(r.snapshotVersion(), r.recordedAt(), 1)
                : new SnapshotSummary(
                    prev.snapshotVersion(), prev.recordedAt(), prev.features() + 1));
      }
    }
    return List.copyOf(out.values());
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
   * Carries the latest non-deleted rows of {@code fromFeatureVersion} to {@code toFeatureVersion}
   * (default: the current one). User columns and {@code metaxy_created_at} are kept; for a non-root
   * feature {@code metaxy_provenance_by_field} is recomputed from the current upstream (samples the
   * upstream no longer has keep their stored provenance), for a root it is kept; a field whose
   * stored data version differed from its stored provenance (a user override) keeps that data
   * version, the others follow the new provenance. Events: {@code started} (once per migration id),
   * {@code feature_started}, {@code feature_completed} with the rows written, {@code completed}; on
   * error {@code failed} with the message. A feature already completed under this migration id is
   * skipped.
   */
  @Override
  public RebaseResult rebase(
      FeatureKey feature, String fromFeatureVersion, String toFeatureVersion, String migrationId) {
    requireOpen();
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
    if (from == null || from.isBlank()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "No source feature version given for rebasing " + feature + ": name the old version.");
    }
    String target = to != null ? to : versions.featureVersion(feature);
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
    Map<IdKey, Map<String, String>> expected = new HashMap<>();
    if (!spec.isRoot()) {
      List<String> key = engine.keyColumns(feature);
      try (Stream<Row> s = engine.expectedRows(feature, up -> read(up, ReadOptions.defaults()))) {
        s.forEach(
            r ->
                expected.putIfAbsent(
                    IdKey.of(r, key), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
      }
    }
    List<String> key = engine.keyColumns(feature);
    Instant now = settings.clock().instant();
    String snapshot = versions.snapshotVersion();
    FeatureTable table = storage.table(feature);
    table.lock().writeLock().lock();
    try {
      List<StoredRow> out = new ArrayList<>(old.size());
      for (Row r : old) {
        Map<String, String> oldPbf = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
        Map<String, String> oldDv = r.getMap(SystemColumns.DATA_VERSION_BY_FIELD);
        Map<String, String> pbf = new TreeMap<>(expected.getOrDefault(IdKey.of(r, key), oldPbf));
        Map<String, String> dv = new TreeMap<>(pbf);
        oldDv.forEach(
            (f, v) -> {
              if (v != null && !v.equals(oldPbf.get(f))) {
                dv.put(f, v); // a user override survives the rebase
              }
            });
        Row.Builder b = r.toBuilder();
        b.set(SystemColumns.PROVENANCE_BY_FIELD, pbf);
        b.set(SystemColumns.PROVENANCE, engine.combine(pbf));
        b.set(SystemColumns.DATA_VERSION_BY_FIELD, dv);
        b.set(SystemColumns.DATA_VERSION, engine.combine(dv));
        b.set(SystemColumns.FEATURE_VERSION, target);
        b.set(SystemColumns.SNAPSHOT_VERSION, snapshot);
        b.set(SystemColumns.UPDATED_AT, now);
        b.set(SystemColumns.DELETED_AT, null);
        out.add(stored(spec, b.build()));
      }
      table.appendUnlocked(out);
      return out.size();
    } finally {
      table.lock().writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "InMemoryMetadataStore[project=" + settings.project() + ", " + hashAlgorithm() + "]";
  }
}
