package io.metaxy.tck;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The compatibility kit every {@link MetadataStore} adapter must pass. Extend it in a class named
 * {@code *CompatibilityTest} and implement {@link #createStore(StoreSettings)}; every
 * {@code @Nested} group below then runs against your store. The kit uses only the public ports API
 * and derives its expectations from docs/semantics.md and the shared vectors, never from an
 * implementation.
 *
 * <p>Each group is a top-level class ({@code *Group}, extending {@link KitGroup}) composed here as
 * a {@code @Nested} inner class. Every group runs on every store and none skips itself: a store
 * with tables and schema migrations (the SQL stores) extends {@link TabularStoreCompatibilityKit}
 * instead, which adds the groups for those capabilities. Hook beyond {@link #createStore}: {@link
 * #createStoreOnSameStorage}, which every store implements (several instances on one storage are
 * what several processes sharing one database see).
 *
 * <p>Row conventions: every written row carries {@code metaxy_provenance_by_field} (a map keyed by
 * field struct key); the store fills the other system columns. ID and user values are only {@code
 * String}, {@code Long} and {@code Double}. The kit's {@link TestClock} is advanced before every
 * write, so timestamps are deterministic and increasing.
 */
public abstract class MetadataStoreCompatibilityKit {
  /** The project name the kit's stores use. */
  protected static final String PROJECT = "metaxy-kit";

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  final List<MetadataStore> created = new ArrayList<>();
  final List<MetadataStore> views = new ArrayList<>();

  /**
   * Creates an <em>unopened</em> store on fresh, isolated storage (its own schema, database or
   * directory) with the given settings. The kit opens and closes it; use {@link #afterEachStore()}
   * to drop the storage.
   */
  protected abstract MetadataStore createStore(StoreSettings settings);

  /**
   * The row hash algorithms this store can compute. For any other algorithm the kit asserts that
   * {@link MetadataStore#open()} fails with a {@link MetaxyException} naming it. Default: all.
   */
  protected Set<HashAlgorithm> supportedHashAlgorithms() {
    return EnumSet.allOf(HashAlgorithm.class);
  }

  /**
   * Another <em>unopened</em> store instance on the same storage as {@code store} (same schema,
   * database or directory; its own connections), with {@code settings}: what several processes
   * sharing one database see. The shared-storage group writes through several instances
   * concurrently. Every store MUST override this (the SQL stores: a new store on the same URL and
   * schema; in memory: a store on the same in-process storage). The default fails the group with
   * this instruction.
   */
  protected MetadataStore createStoreOnSameStorage(MetadataStore store, StoreSettings settings) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName()
            + " must override createStoreOnSameStorage(store, settings) to return a second store"
            + " instance on the storage of the given store.");
  }

  /** Called after each test once every store of the test is closed: drop storage here. */
  protected void afterEachStore() {}

  /** Settings of the kit's stores: the graph, the kit's project and its {@link TestClock}. */
  protected StoreSettings.Builder settings(FeatureGraph graph) {
    return StoreSettings.builder(graph).project(PROJECT).clock(clock);
  }

  /** The clock every kit store runs on. */
  protected final TestClock clock() {
    return clock;
  }

  @AfterEach
  void closeKitStores() {
    List<MetadataStore> all = new ArrayList<>(views);
    List<MetadataStore> bases = new ArrayList<>(created);
    java.util.Collections.reverse(all);
    java.util.Collections.reverse(bases);
    all.addAll(bases);
    views.clear();
    created.clear();
    RuntimeException first = null;
    for (MetadataStore s : all) {
      try {
        s.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    afterEachStore();
    if (first != null) {
      throw first;
    }
  }

  // ---------------------------------------------------------------- groups

  @Nested
  @DisplayName("Row vectors: provenance per hash algorithm equals the shared vectors")
  class RowVectors extends RowVectorsGroup {
    RowVectors() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Video pipeline: code-version bump and data-version change")
  class VideoPipeline extends VideoPipelineGroup {
    VideoPipeline() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Root features resolve against the given samples")
  class RootFeatures extends RootFeaturesGroup {
    RootFeatures() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Idempotency: resolve, write, resolve again is empty")
  class Idempotency extends IdempotencyGroup {
    Idempotency() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Aggregation (N:1) lineage")
  class Aggregation extends AggregationGroup {
    Aggregation() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Expansion (1:N) lineage")
  class Expansion extends ExpansionGroup {
    Expansion() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Optional dependencies")
  class OptionalDependencies extends OptionalDependenciesGroup {
    OptionalDependencies() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Append-only history, soft and hard delete")
  class AppendOnlyHistory extends AppendOnlyHistoryGroup {
    AppendOnlyHistory() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Data versions and data migrations (rebase)")
  class DataVersionsAndMigrations extends DataVersionsAndMigrationsGroup {
    DataVersionsAndMigrations() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Staleness predicates")
  class StalenessPredicates extends StalenessPredicatesGroup {
    StalenessPredicates() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Concurrent writers into one store")
  class ConcurrentWriters extends ConcurrentWritersGroup {
    ConcurrentWriters() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Failed writes leave the store unchanged")
  class FailedWrites extends FailedWritesGroup {
    FailedWrites() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Reads: versions, history, filters, columns")
  class Reads extends ReadsGroup {
    Reads() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Snapshots (push, tags) and migration events")
  class Snapshots extends SnapshotsGroup {
    Snapshots() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Fallback stores")
  class FallbackStores extends FallbackStoresGroup {
    FallbackStores() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Streaming increments")
  class StreamingIncrement extends StreamingIncrementGroup {
    StreamingIncrement() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Resolve filters (global, per feature, target)")
  class ResolveFilters extends ResolveFiltersGroup {
    ResolveFilters() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Dependency shaping: select, rename, filters")
  class DependencyShaping extends DependencyShapingGroup {
    DependencyShaping() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Store lifecycle and settings")
  class Lifecycle extends LifecycleGroup {
    Lifecycle() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Merge-on-read model (random histories)")
  class MergeOnReadModel extends MergeOnReadModelGroup {
    MergeOnReadModel() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Write contract: validation and system columns (ADR-0004)")
  class WriteContract extends WriteContractGroup {
    WriteContract() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Filters: unknown columns and nesting depth are errors")
  class FilterColumns extends FilterColumnsGroup {
    FilterColumns() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Reference scenarios (Python Metaxy store tests)")
  class ReferenceScenarios extends ReferenceScenariosGroup {
    ReferenceScenarios() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Shared storage: several store instances writing concurrently")
  class SharedStorage extends SharedStorageGroup {
    SharedStorage() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Metadata copy between stores: versions kept, resumable, history and filters")
  class Copy extends CopyGroup {
    Copy() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Error quarantine: failed samples skipped until inputs or code change or release")
  class QuarantineSamples extends QuarantineGroup {
    QuarantineSamples() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Data migration plans: snapshot diff, rebase steps applied resumably")
  class MigrationPlans extends MigrationPlanGroup {
    MigrationPlans() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Read-only stores: inspection reads, every write refused")
  class ReadOnlyStores extends ReadOnlyGroup {
    ReadOnlyStores() {
      super(MetadataStoreCompatibilityKit.this);
    }
  }
}
