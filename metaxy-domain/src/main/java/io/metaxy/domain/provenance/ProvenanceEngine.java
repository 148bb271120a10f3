package io.metaxy.domain.provenance;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.increment.ExpectedRows;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.Lineage;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The record-level provenance engine (docs/semantics.md §3): computes, for a target feature, the
 * expected {@code metaxy_provenance_by_field} and {@code metaxy_provenance} of every sample from
 * the data versions of its upstream rows. Pure (JDK only), deterministic, and the reference the SQL
 * adapters are tested against.
 *
 * <h2>Algorithm</h2>
 *
 * <ol>
 *   <li><b>Key.</b> The target's <i>key columns</i> ({@link #keyColumns}) are its ID columns, or,
 *       when a dependency has expansion lineage (1:N), that dependency's {@code on} columns: the
 *       increment of an expanding feature is computed per parent.
 *   <li><b>Per dependency</b> (declaration order), over the upstream rows (latest row per sample,
 *       current feature version): apply {@code rename} (old → new), then the dependency's {@code
 *       filters} (AND-ed, SQL three-valued logic), then {@code select} (key columns are always
 *       kept; system columns never become user columns). The upstream data version of field {@code
 *       u} is {@code metaxy_data_version_by_field[u]}, falling back to {@code
 *       metaxy_provenance_by_field[u]}. The dependency's join key is its lineage's {@code on}
 *       columns (N:1 and 1:N) or the target's key columns (1:1).
 *   <li><b>Aggregation (N:1)</b>: upstream rows are grouped by {@code on}; within a group they are
 *       ordered by the upstream's ID columns (after rename; numbers numerically, strings by {@link
 *       String#compareTo}, NULLs first), and for each upstream field the group's data version is
 *       {@code trunc(HASH(join("|", member data versions)))}, a member without the field counting
 *       as {@code ""}. The group contributes one row holding only its {@code on} columns. (SQL
 *       adapters: order strings by a binary collation, e.g. {@code COLLATE "C"}, not by a locale
 *       collation; the two agree except for characters beyond U+FFFF.)
 *   <li><b>Join</b>: required dependencies are INNER-joined in declaration order, the first
 *       required one driving; optional dependencies are LEFT-joined; when every dependency is
 *       optional, all are FULL OUTER-joined on the target's key columns. A non-key user column
 *       present in two dependencies is an error ({@link ErrorCode#COLUMN_COLLISION}) unless one is
 *       renamed.
 *   <li><b>Hash</b>, per joined row and field {@code f} of the target (with {@code parents(f)} from
 *       {@link FeatureGraph#parentFields}, sorted by {@code "feature.field"}):
 *       <pre>
 * s = join("|", [f.key, f.codeVersion, for p in parents(f): "feature.field"(p), dataVersion(p)])
 * provenance_by_field[structKey(f)] = trunc(HASH(s))
 * provenance = trunc(HASH(join("|", provenance_by_field values ordered by struct key)))
 * </pre>
 *       where {@code dataVersion(p)} is {@code ""} when an optional dependency has no matching row.
 *       {@code HASH} is the store's row hasher (md5/sha256 lowercase hex, xxhash unsigned decimal),
 *       {@code trunc} the store's truncation.
 *   <li><b>Output</b>: one row per joined row: key columns, the joined user columns, {@code
 *       metaxy_provenance_by_field} (ordered by struct key), {@code metaxy_provenance}.
 * </ol>
 *
 * <p>Root features have no upstream: {@link #rootRows} takes the caller's samples (key columns plus
 * {@code metaxy_provenance_by_field}) and always recomputes {@code metaxy_provenance}.
 *
 * <p>Memory: every dependency is indexed by its join key (one pass over each upstream; the index
 * holds the upstream rows themselves, numeric keys as primitives); the joined, hashed rows are then
 * produced lazily. Nothing is sorted except the members of an aggregation group.
 *
 * <p>Threads: joined rows are formed in order on the consuming thread and hashed in batches on up
 * to {@code parallelism} threads (each with its own reusable {@link
 * io.metaxy.domain.hash.HashKernel}); rows come out in the same order, with the same values, for
 * every parallelism. Batches start at one row and double, so a consumer that stops early hashes
 * little more than it took. Several dependencies are read and indexed at once when the {@link
 * UpstreamSource} is {@linkplain UpstreamSource#threadSafe() thread-safe}. Passes that need only
 * keys ({@link ExpectedRows#entriesIn}, and the key test of {@link ExpectedRows#rowsByEntry}) look
 * keys up by index entry, allocating nothing per row while keys are numeric, and, when every
 * dependency joins on the driver's unique key, build no joined row for a key they reject.
 */
public final class ProvenanceEngine {
  /** The separator of every joined hash input. */
  public static final String SEPARATOR = "|";

  private final FeatureGraph graph;
  private final RowHasher hasher;
  private final Truncation truncation;
  private final Map<FeatureKey, List<FieldPlan>> plans =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A parent field with its precomputed {@code "feature.field"} label and struct key. */
  record Parent(FieldRef ref, String label, String structKey) {}

  /** One target field: struct key, {@code key|codeVersion} prefix and sorted parents. */
  record FieldPlan(String structKey, String prefix, List<Parent> parents) {}

  /** Data version of a parent field. */
  @FunctionalInterface
  private interface ParentLookup {
    String dataVersion(Parent parent);
  }

  private final int parallelism;

  /** An engine hashing expected rows on up to {@link #defaultParallelism()} threads. */
  public ProvenanceEngine(FeatureGraph graph, RowHasher hasher, Truncation truncation) {
    this(graph, hasher, truncation, defaultParallelism());
  }

  /**
   * An engine hashing expected rows on up to {@code parallelism} threads (the consuming thread and
   * the common fork-join pool's); 1 hashes on the consuming thread only. The rows and their order
   * are the same for every parallelism.
   */
  public ProvenanceEngine(
      FeatureGraph graph, RowHasher hasher, Truncation truncation, int parallelism) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.truncation = Objects.requireNonNull(truncation, "truncation");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** The available processors, bounded by the common fork-join pool's parallelism plus one. */
  public static int defaultParallelism() {
    return Math.max(
        1,
        Math.min(
            Runtime.getRuntime().availableProcessors(),
            java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1));
  }

  public FeatureGraph graph() {
    return graph;
  }

  /** The number of threads this engine hashes and indexes on (1: the calling thread only). */
  public int parallelism() {
    return parallelism;
  }

  public Truncation truncation() {
    return truncation;
  }

  /** {@code trunc(HASH(input))}. */
  public String hash(String input) {
    return truncation.apply(hasher.hash(input));
  }

  /**
   * The hash of a per-field map: its values joined with {@code |} in struct-key order, hashed and
   * truncated. Gives {@code metaxy_provenance} from {@code metaxy_provenance_by_field} and {@code
   * metaxy_data_version} from {@code metaxy_data_version_by_field}.
   */
  public String combine(Map<String, String> byField) {
    Map<String, String> sorted =
        byField instanceof TreeMap<String, String> t && t.comparator() == null
            ? t
            : new TreeMap<>(byField);
    return combineOrdered(sorted.values().toArray(String[]::new));
  }

  /**
   * The target's key columns: its ID columns, or the {@code on} columns of its first dependency
   * with expansion lineage.
   */
  public List<String> keyColumns(FeatureKey target) {
    FeatureSpec spec = graph.get(target);
    for (FeatureDep d : spec.deps()) {
      if (d.lineage() instanceof Lineage.Expansion e) {
        return e.on();
      }
    }
    return spec.idColumns();
  }

  /** True when the target's increment is computed per parent (a dependency has 1:N lineage). */
  public boolean isExpansion(FeatureKey target) {
    return graph.get(target).deps().stream()
        .anyMatch(d -> d.lineage() instanceof Lineage.Expansion);
  }

  /**
   * Per-field provenance of one joined row of {@code target}: {@code upstreamDataVersion} gives the
   * data version of a parent field ({@code null} counts as {@code ""}).
   */
  public Map<String, String> provenanceByField(
      FeatureKey target, Function<FieldRef, String> upstreamDataVersion) {
    return provenanceByField(target, (ParentLookup) p -> upstreamDataVersion.apply(p.ref()));
  }

  private Map<String, String> provenanceByField(FeatureKey target, ParentLookup lookup) {
    List<FieldPlan> plan = plan(target);
    return byStructKey(plan, fieldHashes(plan, lookup));
  }

  /** The per-field map of hashes given in the plan's (struct-key) order. */
  private static Map<String, String> byStructKey(List<FieldPlan> plan, String[] hashes) {
    Map<String, String> out = new LinkedHashMap<>(plan.size() * 2);
    for (int i = 0; i < hashes.length; i++) {
      out.put(plan.get(i).structKey(), hashes[i]);
    }
    return out;
  }

  /** The per-field hashes of one joined row, in the plan's (struct-key) order. */
  private String[] fieldHashes(List<FieldPlan> plan, ParentLookup lookup) {
    String[] out = new String[plan.size()];
    for (int i = 0; i < out.length; i++) {
      FieldPlan p = plan.get(i);
      StringBuilder sb = new StringBuilder(p.prefix().length() + 16 * p.parents().size() + 16);
      sb.append(p.prefix());
      for (Parent parent : p.parents()) {
        String dv = lookup.dataVersion(parent);
        sb.append(SEPARATOR).append(parent.label()).append(SEPARATOR).append(dv == null ? "" : dv);
      }
      out[i] = hash(sb.toString());
    }
    return out;
  }

  /** {@code trunc(HASH(join("|", values)))} of values already in struct-key order. */
  private String combineOrdered(String[] values) {
    StringBuilder sb = new StringBuilder(values.length * 16);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(SEPARATOR);
      }
      sb.append(values[i] == null ? "" : values[i]);
    }
    return hash(sb.toString());
  }

  private List<FieldPlan> plan(FeatureKey target) {
    return plans.computeIfAbsent(
        target,
        k -> {
          List<FieldPlan> out = new ArrayList<>();
          for (FieldSpec f : graph.get(k).fields()) {
            List<Parent> parents =
                graph.parentFields(new FieldRef(k, f.key())).stream()
                    .map(r -> new Parent(r, r.toString(), r.field().structKey()))
                    .toList();
            out.add(
                new FieldPlan(f.key().structKey(), f.key() + SEPARATOR + f.codeVersion(), parents));
          }
          out.sort(java.util.Comparator.comparing(FieldPlan::structKey)); // the order of the hash
          return List.copyOf(out);
        });
  }

  /**
   * Expected rows of a non-root {@code target} (see the class documentation for the algorithm).
   * Upstream rows are read eagerly, one pass per dependency; the returned stream computes joined,
   * hashed rows lazily.
   *
   * @throws MetaxyException {@link ErrorCode#MISSING_SAMPLES} if {@code target} is a root feature,
   *     {@link ErrorCode#COLUMN_COLLISION} on colliding user columns, {@link ErrorCode#INVALID_ROW}
   *     when an upstream row lacks a join column
   */
  public Stream<Row> expectedRows(FeatureKey target, UpstreamSource upstream) {
    return prepareExpected(target, upstream).get();
  }

  /**
   * Like {@link #expectedRows}, but re-streamable: upstream rows are read and hashed by join key
   * once, now (so errors surface here); every call of the returned supplier joins and hashes them
   * afresh, lazily.
   */
  public ExpectedRows prepareExpected(FeatureKey target, UpstreamSource upstream) {
    FeatureSpec spec = graph.get(target);
    if (spec.isRoot()) {
      throw missingSamples(target);
    }
    List<String> key = keyColumns(target);
    List<DepRelation> rels = buildRelations(spec, key, upstream);
    checkCollisions(spec, key, rels);
    checkKeyProvided(spec, key, rels);
    List<DepRelation> required = rels.stream().filter(r -> !r.optional()).toList();
    if (required.isEmpty()) {
      checkFullOuter(spec, key, rels);
      boolean unique = rels.stream().allMatch(DepRelation::uniqueKeys);
      return new JoinedRows(target, JoinPlan.fullOuter(rels, key), unique);
    }
    DepRelation driver = required.get(0);
    checkJoinable(spec, rels, driver);
    boolean unique =
        new LinkedHashSet<>(driver.keyColumns).equals(new LinkedHashSet<>(key))
            && rels.stream().allMatch(DepRelation::uniqueKeys);
    return new JoinedRows(target, JoinPlan.innerLeft(rels, key, driver), unique);
  }

  /**
   * Reads and indexes every dependency, in declaration order. With several dependencies, {@code
   * parallelism > 1} and a {@linkplain UpstreamSource#threadSafe() thread-safe} source, all but the
   * first are indexed on the common fork-join pool while the calling thread indexes the first; each
   * relation is built from its own rows alone, so the result is the same. The first failure (in
   * declaration order) is thrown, as it would be sequentially.
   */
  private List<DepRelation> buildRelations(
      FeatureSpec spec, List<String> key, UpstreamSource upstream) {
    List<FeatureDep> deps = spec.deps();
    List<java.util.concurrent.Callable<DepRelation>> builds = new ArrayList<>(deps.size());
    for (FeatureDep d : deps) {
      builds.add(
          () ->
              DepRelation.build(
                  spec, graph.get(d.feature()), d, key, upstream.rows(d.feature()), this));
    }
    return Parallel.callAll(builds, upstream.threadSafe() ? parallelism : 1);
  }

  /**
   * Expected rows over a re-streamable join: hashed per row in ordered, parallel batches, or only
   * their keys.
   */
  private final class JoinedRows implements ExpectedRows {
    private final JoinPlan join;
    private final boolean unique;
    private final RowMaker.Plan plan;
    private final java.util.concurrent.ConcurrentLinkedQueue<RowMaker> makers =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    JoinedRows(FeatureKey target, JoinPlan join, boolean unique) {
      this.join = join;
      this.unique = unique;
      this.plan = new RowMaker.Plan(join, truncation, plan(target));
    }

    @Override
    public boolean uniqueKeys() {
      return unique;
    }

    @Override
    public Stream<Row> get() {
      return hashed(join.iterator(), null);
    }

    @Override
    public Stream<IdKey> keys(List<String> keyColumns) {
      return java.util.stream.StreamSupport.stream(
              java.util.Spliterators.spliteratorUnknownSize(
                  join.iterator(), java.util.Spliterator.ORDERED),
              false)
          .map(j -> join.keyOf(j, keyColumns));
    }

    @Override
    public Stream<Row> rowsWhere(List<String> keyColumns, Predicate<IdKey> keep) {
      return hashed(filtered(join.iterator(), keyColumns, keep), null);
    }

    @Override
    public Stream<Row> rowsWhere(
        List<String> keyColumns,
        Predicate<IdKey> keep,
        java.util.function.BiPredicate<IdKey, String> keepHashed) {
      return hashed(
          filtered(join.iterator(), keyColumns, keep),
          (j, prov) -> keepHashed.test(join.keyOf(j, keyColumns), prov));
    }

    @Override
    public java.util.stream.IntStream entriesIn(
        io.metaxy.domain.increment.KeyIndex index, List<String> keyColumns) {
      if (join.onePerDriverEntry() && keyColumns.equals(join.driverKeyColumns())) {
        io.metaxy.domain.increment.KeyIndex from = join.driverIndex();
        return java.util.stream.IntStream.range(0, join.driverEntries())
            .filter(join::present)
            .map(e -> index.findEntryOf(from, e));
      }
      java.util.function.ToIntFunction<Joined> find = join.entryFinder(index, keyColumns);
      return java.util.stream.StreamSupport.stream(
              java.util.Spliterators.spliteratorUnknownSize(
                  join.iterator(), java.util.Spliterator.ORDERED),
              false)
          .mapToInt(find);
    }

    @Override
    public Stream<Row> rowsByEntry(
        io.metaxy.domain.increment.KeyIndex index,
        List<String> keyColumns,
        java.util.function.IntPredicate keepEntry,
        ExpectedRows.EntryTest keepHashed) {
      java.util.function.ToIntFunction<Joined> find = join.entryFinder(index, keyColumns);
      java.util.Iterator<Joined> all = join.iterator();
      boolean direct = join.onePerDriverEntry() && keyColumns.equals(join.driverKeyColumns());
      io.metaxy.domain.increment.KeyIndex from = direct ? join.driverIndex() : null;
      int entries = direct ? join.driverEntries() : 0;
      java.util.Iterator<Joined> kept =
          new java.util.Iterator<>() {
            private Joined next;
            private int driverEntry; // direct: the next driver entry to look at

            @Override
            public boolean hasNext() {
              if (direct) { // no joined row is built for a rejected key
                while (next == null && driverEntry < entries) {
                  int d = driverEntry++;
                  if (join.present(d)) {
                    int e = index.findEntryOf(from, d);
                    if (keepEntry.test(e)) {
                      next = join.rowOf(d);
                      next.mark = e;
                    }
                  }
                }
                return next != null;
              }
              while (next == null && all.hasNext()) {
                Joined j = all.next();
                int e = find.applyAsInt(j);
                if (keepEntry.test(e)) {
                  j.mark = e;
                  next = j;
                }
              }
              return next != null;
            }

            @Override
            public Joined next() {
              if (!hasNext()) {
                throw new java.util.NoSuchElementException();
              }
              Joined j = next;
              next = null;
              return j;
            }
          };
      return hashed(kept, keepHashed == null ? null : (j, prov) -> keepHashed.test(j.mark, prov));
    }

    /** The joined rows whose key passes {@code keep}, tested in order on the consuming thread. */
    private java.util.Iterator<Joined> filtered(
        java.util.Iterator<Joined> all, List<String> keyColumns, Predicate<IdKey> keep) {
      return new java.util.Iterator<>() {
        private Joined next;

        @Override
        public boolean hasNext() {
          while (next == null && all.hasNext()) {
            Joined j = all.next();
            if (keep.test(join.keyOf(j, keyColumns))) {
              next = j;
            }
          }
          return next != null;
        }

        @Override
        public Joined next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          Joined j = next;
          next = null;
          return j;
        }
      };
    }

    private Stream<Row> hashed(
        java.util.Iterator<Joined> source,
        java.util.function.BiPredicate<Joined, String> keepHashed) {
      return java.util.stream.StreamSupport.stream(
          new HashedBatches(
              source, makers, () -> new RowMaker(plan, hasher.kernel()), parallelism, keepHashed),
          false);
    }
  }

  /**
   * Re-streamable expected rows of any feature: the given samples for a root ({@link #rootRows}),
   * else {@link #prepareExpected}.
   */
  public ExpectedRows prepare(FeatureKey target, UpstreamSource upstream, List<Row> rootSamples) {
    if (graph.get(target).isRoot()) {
      rootRows(target, rootSamples); // validates eagerly
      return new ExpectedRows() {
        @Override
        public Stream<Row> get() {
          return rootRows(target, rootSamples);
        }

        @Override
        public Stream<IdKey> keys(List<String> keyColumns) {
          return rootSamples.stream().map(r -> IdKey.of(r, keyColumns));
        }
      };
    }
    return prepareExpected(target, upstream);
  }

  /**
   * Expected rows of a root {@code target} from the caller's samples: every non-system column of
   * the sample kept, {@code metaxy_provenance_by_field} and {@code metaxy_data_version_by_field} as
   * given, {@code metaxy_provenance} recomputed.
   *
   * @throws MetaxyException {@link ErrorCode#MISSING_SAMPLES} when {@code samples} is {@code null},
   *     {@link ErrorCode#INVALID_ROW} when a sample lacks an ID column or its per-field provenance
   */
  public Stream<Row> rootRows(FeatureKey target, List<Row> samples) {
    FeatureSpec spec = graph.get(target);
    if (samples == null) {
      throw missingSamples(target);
    }
    for (Row s : samples) {
      for (String id : spec.idColumns()) {
        if (!s.has(id) || s.get(id) == null) {
          throw new MetaxyException(
              ErrorCode.INVALID_ROW,
              "A sample passed to resolve root feature "
                  + target
                  + " has no value for ID column \""
                  + id
                  + "\": give every sample all ID columns "
                  + spec.idColumns()
                  + ".");
        }
      }
      if (!(s.get(SystemColumns.PROVENANCE_BY_FIELD) instanceof Map<?, ?>)) {
        throw new MetaxyException(
            ErrorCode.INVALID_ROW,
            "A sample passed to resolve root feature "
                + target
                + " has no map column "
                + SystemColumns.PROVENANCE_BY_FIELD
                + ": give every sample its per-field provenance (field struct key → hash).");
      }
    }
    return samples.stream()
        .map(
            s -> {
              Row.Builder b = Row.builder();
              for (Map.Entry<String, Object> e : s.asMap().entrySet()) {
                if (!SystemColumns.isReserved(e.getKey())) {
                  b.set(e.getKey(), e.getValue());
                }
              }
              Map<String, String> pbf = new TreeMap<>(s.getMap(SystemColumns.PROVENANCE_BY_FIELD));
              b.set(SystemColumns.PROVENANCE_BY_FIELD, pbf);
              b.set(SystemColumns.PROVENANCE, combine(pbf));
              // Data versions the caller gives survive into the increment (and the write).
              if (s.get(SystemColumns.DATA_VERSION_BY_FIELD) instanceof Map<?, ?>) {
                b.set(
                    SystemColumns.DATA_VERSION_BY_FIELD,
                    new TreeMap<>(s.getMap(SystemColumns.DATA_VERSION_BY_FIELD)));
              }
              return b.build();
            });
  }

  private static MetaxyException missingSamples(FeatureKey target) {
    return new MetaxyException(
        ErrorCode.MISSING_SAMPLES,
        "Feature "
            + target
            + " is a root feature (no dependencies), so its provenance cannot be computed from"
            + " upstream: pass the samples (ID columns + "
            + SystemColumns.PROVENANCE_BY_FIELD
            + ") when resolving it, e.g. ResolveOptions.withSamples(rows).");
  }

  private static void checkCollisions(FeatureSpec spec, List<String> key, List<DepRelation> rels) {
    Map<String, FeatureKey> owner = new HashMap<>();
    for (DepRelation r : rels) {
      for (String c : r.userColumns) {
        if (key.contains(c) || r.keyColumns.contains(c)) {
          continue;
        }
        FeatureKey prev = owner.putIfAbsent(c, r.feature());
        if (prev != null) {
          throw new MetaxyException(
              ErrorCode.COLUMN_COLLISION,
              "Feature "
                  + spec.key()
                  + ": column \""
                  + c
                  + "\" comes from both dependencies "
                  + prev
                  + " and "
                  + r.feature()
                  + ". Rename it in one of the dependencies (FeatureDep rename), or leave it out"
                  + " with select.");
        }
      }
    }
  }

  private static void checkKeyProvided(FeatureSpec spec, List<String> key, List<DepRelation> rels) {
    if (rels.stream().allMatch(DepRelation::isEmpty)) {
      return;
    }
    for (String c : key) {
      boolean provided =
          rels.stream().anyMatch(r -> r.keyColumns.contains(c) || r.userColumns.contains(c));
      if (!provided) {
        throw new MetaxyException(
            ErrorCode.INVALID_SPEC,
            "Feature "
                + spec.key()
                + ": no dependency provides its key column \""
                + c
                + "\" (dependencies join on "
                + rels.stream().map(r -> r.feature() + " " + r.keyColumns).toList()
                + "). For N:1 lineage the on columns must be the feature's ID columns; otherwise"
                + " rename an upstream column to \""
                + c
                + "\".");
      }
    }
  }

  private static void checkJoinable(FeatureSpec spec, List<DepRelation> rels, DepRelation driver) {
    Set<String> available = new LinkedHashSet<>(driver.keyColumns);
    available.addAll(driver.userColumns);
    for (DepRelation r : rels) {
      if (r == driver) {
        continue;
      }
      for (String k : r.keyColumns) {
        if (!available.contains(k)) {
          throw new MetaxyException(
              ErrorCode.INVALID_SPEC,
              "Feature "
                  + spec.key()
                  + " joins dependency "
                  + r.feature()
                  + " on column \""
                  + k
                  + "\", which no earlier required dependency ("
                  + driver.feature()
                  + ") provides: align the dependencies' lineage on columns or rename.");
        }
      }
      available.addAll(r.keyColumns);
      available.addAll(r.userColumns);
    }
  }

  private static void checkFullOuter(FeatureSpec spec, List<String> key, List<DepRelation> rels) {
    for (DepRelation r : rels) {
      if (!new LinkedHashSet<>(r.keyColumns).equals(new LinkedHashSet<>(key))) {
        throw new MetaxyException(
            ErrorCode.INVALID_SPEC,
            "Feature "
                + spec.key()
                + " has only optional dependencies, which are full-outer joined on its key columns "
                + key
                + ", but dependency "
                + r.feature()
                + " joins on "
                + r.keyColumns
                + ": make the lineage's on columns match the key columns.");
      }
    }
  }
}
