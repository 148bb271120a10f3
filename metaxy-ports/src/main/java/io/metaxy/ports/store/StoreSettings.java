package io.metaxy.ports.store;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.ports.naming.SystemTableNames;
import io.metaxy.ports.naming.TableNamingConvention;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings common to every store: the graph, project name, hash algorithm and truncation, the clock
 * (the time port; tests pass a fixed one), table naming, system table names, whether to create
 * missing tables, fallback stores read when a feature is absent here, and read-only opening.
 */
public final class StoreSettings {
  private final FeatureGraph graph;
  private final String project;
  private final HashAlgorithm hashAlgorithm;
  private final Truncation truncation;
  private final Clock clock;
  private final TableNamingConvention tableNaming;
  private final SystemTableNames systemTableNames;
  private final boolean autoCreateTables;
  private final List<MetadataStore> fallbackStores;
  private final boolean readOnly;

  private StoreSettings(Builder b) {
    this.graph = Objects.requireNonNull(b.graph, "graph");
    this.project = b.project;
    this.hashAlgorithm = b.hashAlgorithm;
    this.truncation = b.truncation;
    this.clock = b.clock;
    this.tableNaming = b.tableNaming;
    this.systemTableNames = b.systemTableNames;
    this.autoCreateTables = b.autoCreateTables;
    this.fallbackStores = List.copyOf(b.fallbackStores);
    this.readOnly = b.readOnly;
  }

  public static Builder builder(FeatureGraph graph) {
    return new Builder(graph);
  }

  public FeatureGraph graph() {
    return graph;
  }

  public String project() {
    return project;
  }

  public HashAlgorithm hashAlgorithm() {
    return hashAlgorithm;
  }

  public Truncation truncation() {
    return truncation;
  }

  public Clock clock() {
    return clock;
  }

  public TableNamingConvention tableNaming() {
    return tableNaming;
  }

  public SystemTableNames systemTableNames() {
    return systemTableNames;
  }

  public boolean autoCreateTables() {
    return autoCreateTables;
  }

  public List<MetadataStore> fallbackStores() {
    return fallbackStores;
  }

  /**
   * Whether the store is opened for inspection only: it connects read-only where the database
   * supports it (DuckDB {@code duckdb.read_only}, a read-only JDBC connection elsewhere), creates
   * no tables, and refuses writes with an error naming the operation.
   */
  public boolean readOnly() {
    return readOnly;
  }

  public Builder toBuilder() {
    Builder b = new Builder(graph);
    b.project = project;
    b.hashAlgorithm = hashAlgorithm;
    b.truncation = truncation;
    b.clock = clock;
    b.tableNaming = tableNaming;
    b.systemTableNames = systemTableNames;
    b.autoCreateTables = autoCreateTables;
    b.fallbackStores.addAll(fallbackStores);
    b.readOnly = readOnly;
    return b;
  }

  /** A copy bound to another graph. */
  public StoreSettings withGraph(FeatureGraph other) {
    Builder b = toBuilder();
    b.graph = other;
    return b.build();
  }

  /** Builds {@link StoreSettings}; defaults: project "default", md5, truncation 8, UTC clock. */
  public static final class Builder {
    private FeatureGraph graph;
    private String project = "default";
    private HashAlgorithm hashAlgorithm = HashAlgorithm.MD5;
    private Truncation truncation = Truncation.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private TableNamingConvention tableNaming = TableNamingConvention.defaults();
    private SystemTableNames systemTableNames = SystemTableNames.defaults();
    private boolean autoCreateTables = true;
    private final List<MetadataStore> fallbackStores = new ArrayList<>();
    private boolean readOnly;

    private Builder(FeatureGraph graph) {
      this.graph = graph;
    }

    public Builder project(String v) {
      this.project = Objects.requireNonNull(v);
      return this;
    }

    public Builder hashAlgorithm(HashAlgorithm v) {
      this.hashAlgorithm = Objects.requireNonNull(v);
      return this;
    }

    public Builder truncation(Truncation v) {
      this.truncation = Objects.requireNonNull(v);
      return this;
    }

    public Builder clock(Clock v) {
      this.clock = Objects.requireNonNull(v);
      return this;
    }

    public Builder tableNaming(TableNamingConvention v) {
      this.tableNaming = Objects.requireNonNull(v);
      return this;
    }

    public Builder systemTableNames(SystemTableNames v) {
      this.systemTableNames = Objects.requireNonNull(v);
      return this;
    }

    public Builder autoCreateTables(boolean v) {
      this.autoCreateTables = v;
      return this;
    }

    public Builder fallbackStore(MetadataStore store) {
      this.fallbackStores.add(Objects.requireNonNull(store));
      return this;
    }

    /** Opens the store for inspection only (see {@link StoreSettings#readOnly()}). */
    public Builder readOnly(boolean v) {
      this.readOnly = v;
      return this;
    }

    public StoreSettings build() {
      return new StoreSettings(this);
    }
  }
}
