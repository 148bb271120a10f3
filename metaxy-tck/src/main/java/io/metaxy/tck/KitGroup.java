package io.metaxy.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Base of every group of the {@link MetadataStoreCompatibilityKit}: the kit's store factory, clock
 * and the helpers the groups share (open a store, write with a clock tick, read, resolve, rows of
 * the kit graphs). A group is bound to the kit instance of the store under test.
 */
public abstract class KitGroup {
  protected static final String PROJECT = MetadataStoreCompatibilityKit.PROJECT;
  protected static final String PBF = SystemColumns.PROVENANCE_BY_FIELD;
  protected static final String PROVENANCE = SystemColumns.PROVENANCE;
  protected static final String DVBF = SystemColumns.DATA_VERSION_BY_FIELD;
  protected static final String DATA_VERSION = SystemColumns.DATA_VERSION;
  protected static final String FEATURE_VERSION = SystemColumns.FEATURE_VERSION;
  protected static final String PROJECT_VERSION = SystemColumns.PROJECT_VERSION;
  protected static final String CREATED_AT = SystemColumns.CREATED_AT;
  protected static final String UPDATED_AT = SystemColumns.UPDATED_AT;
  protected static final String DELETED_AT = SystemColumns.DELETED_AT;
  protected static final String MATERIALIZATION_ID = SystemColumns.MATERIALIZATION_ID;
  protected static final HashAlgorithm MD5 = HashAlgorithm.MD5;

  /** The kit (the store test) this group runs for. */
  protected final MetadataStoreCompatibilityKit kit;

  /** The kit's clock, advanced before every write. */
  protected final TestClock clock;

  /** Stores the kit closes after each test. */
  protected final List<MetadataStore> created;

  private final List<MetadataStore> views;

  protected KitGroup(MetadataStoreCompatibilityKit kit) {
    this.kit = kit;
    this.clock = kit.clock();
    this.created = kit.created;
    this.views = kit.views;
  }

  /** A new unopened store from the kit (closed by the kit after the test). */
  protected MetadataStore createStore(StoreSettings settings) {
    return kit.createStore(settings);
  }

  protected StoreSettings.Builder settings(FeatureGraph graph) {
    return kit.settings(graph);
  }

  protected Set<HashAlgorithm> supportedHashAlgorithms() {
    return kit.supportedHashAlgorithms();
  }

  protected MetadataStore open(StoreSettings s) {
    MetadataStore store = createStore(s);
    assertThat(store).as("createStore must return a store").isNotNull();
    created.add(store);
    store.open();
    assertThat(store.isOpen()).as("isOpen() after open()").isTrue();
    return store;
  }

  protected MetadataStore open(FeatureGraph graph) {
    return open(settings(graph).build());
  }

  /** The same storage under other definitions. */
  protected MetadataStore view(MetadataStore store, FeatureGraph graph) {
    MetadataStore v = store.withGraph(graph);
    if (v != store) {
      views.add(v);
    }
    v.open();
    assertThat(v.graph().versions().snapshotVersion())
        .as("withGraph(...) binds the view to the new graph")
        .isEqualTo(graph.versions().snapshotVersion());
    return v;
  }

  protected long write(MetadataStore s, FeatureKey f, List<Row> rows) {
    clock.tick();
    return s.write(f, rows);
  }

  protected static List<Row> read(MetadataStore s, FeatureKey f, ReadOptions o) {
    try (Stream<Row> rows = s.read(f, o)) {
      return rows.toList();
    }
  }

  protected static List<Row> read(MetadataStore s, FeatureKey f) {
    return read(s, f, ReadOptions.defaults());
  }

  protected static Increment.Materialized resolve(MetadataStore s, FeatureKey f) {
    return s.resolveUpdate(f).collect();
  }

  protected static Increment.Materialized resolve(MetadataStore s, FeatureKey f, ResolveOptions o) {
    return s.resolveUpdate(f, o).collect();
  }

  /** Sorted string values of {@code column} (composite IDs: join several columns with "/"). */
  protected static List<String> ids(List<Row> rows, String... columns) {
    return rows.stream()
        .map(
            r ->
                Stream.of(columns)
                    .map(c -> String.valueOf(r.get(c)))
                    .collect(Collectors.joining("/")))
        .sorted()
        .toList();
  }

  protected static Map<String, Row> byId(List<Row> rows, String column) {
    Map<String, Row> m = new TreeMap<>();
    for (Row r : rows) {
      Row prev = m.put(String.valueOf(r.get(column)), r);
      assertThat(prev).as("more than one row for %s=%s", column, r.get(column)).isNull();
    }
    return m;
  }

  protected static Row sample(String id, String value) {
    return Row.of("sample_id", id, PBF, Map.of("value", value));
  }

  protected static Row video(String id, String audio, String frames) {
    return Row.of("video_id", id, PBF, Map.of("audio", audio, "frames", frames));
  }

  protected static List<Row> videos() {
    return List.of(video("v1", "a1", "f1"), video("v2", "a2", "f2"), video("v3", "a3", "f3"));
  }

  /** Writes the increment's new and stale rows as if the feature had been computed. */
  protected long compute(MetadataStore s, FeatureKey f, Increment.Materialized inc) {
    return write(s, f, inc.toCompute());
  }

  /** Resolves and computes {@code f}; returns the increment that was computed. */
  protected Increment.Materialized resolveAndCompute(MetadataStore s, FeatureKey f) {
    Increment.Materialized inc = resolve(s, f);
    if (!inc.toCompute().isEmpty()) {
      compute(s, f, inc);
    }
    return inc;
  }

  protected static Instant instant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    return fail("expected a timestamp (java.time.Instant), got %s", v);
  }

  protected static Map<String, String> videoDv(String audio, String frames) {
    return Map.of("example/video.audio", audio, "example/video.frames", frames);
  }

  protected static void assertEmpty(Increment.Materialized inc, String what) {
    assertThat(inc.newRows()).as("%s: new", what).isEmpty();
    assertThat(inc.staleRows()).as("%s: stale", what).isEmpty();
    assertThat(inc.orphanedRows()).as("%s: orphaned", what).isEmpty();
  }
}
