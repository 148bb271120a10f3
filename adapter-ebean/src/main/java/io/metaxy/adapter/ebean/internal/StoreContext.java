package io.metaxy.adapter.ebean.internal;

import io.ebean.Database;
import io.metaxy.adapter.ebean.EbeanStoreConfig;
import io.metaxy.adapter.ebean.EntityFeature;
import io.metaxy.domain.filter.FilterEvaluator;
import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.filter.FilterParser;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.provenance.ProvenanceEngine;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.store.StoreSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * What the parts of an open Ebean store share: its configuration and settings, the database ({@link
 * Shared}), the entity features, the provenance engine and the graph's versions.
 */
public final class StoreContext {
  private final EbeanStoreConfig config;
  private final StoreSettings settings;
  private final Shared shared;
  private final Map<FeatureKey, EntityFeature> entities;
  private final ProvenanceEngine engine;
  private final GraphVersions versions;
  private final Map<Class<?>, EntityMapping> mappings = new ConcurrentHashMap<>();

  public StoreContext(
      EbeanStoreConfig config,
      StoreSettings settings,
      Shared shared,
      Map<FeatureKey, EntityFeature> entities,
      ProvenanceEngine engine,
      GraphVersions versions) {
    this.config = config;
    this.settings = settings;
    this.shared = shared;
    this.entities = Map.copyOf(entities);
    this.engine = engine;
    this.versions = versions;
  }

  public EbeanStoreConfig config() {
    return config;
  }

  public StoreSettings settings() {
    return settings;
  }

  public Shared shared() {
    return shared;
  }

  public Database db() {
    return shared.db();
  }

  public DataSource dataSource() {
    return shared.dataSource();
  }

  /** Identifies the database within this JVM (its URL, or the name of a provided database). */
  public String databaseId() {
    return config.url() != null ? config.url() : db().name();
  }

  public Dialect dialect() {
    return shared.dialect();
  }

  /** The physical layout of this store's tables on its database. */
  public PhysicalLayout layout() {
    return new PhysicalLayout(config.layout(), dialect());
  }

  /** The system table names of this store (the layout's defaults unless configured). */
  public io.metaxy.ports.naming.SystemTableNames systemTableNames() {
    return layout().systemTables(settings.systemTableNames());
  }

  public ProvenanceEngine engine() {
    return engine;
  }

  public GraphVersions versions() {
    return versions;
  }

  public FeatureGraph graph() {
    return settings.graph();
  }

  public FeatureSpec spec(FeatureKey feature) {
    return graph().get(feature);
  }

  /** The entity feature of {@code feature}, or {@code null} when it has no entity class. */
  public EntityFeature entity(FeatureKey feature) {
    return entities.get(feature);
  }

  public Map<FeatureKey, EntityFeature> entities() {
    return entities;
  }

  /** The mapping of an entity feature's class. */
  public EntityMapping mapping(EntityFeature e) {
    return mappings.computeIfAbsent(e.entityClass(), c -> EntityMapping.of(db(), e));
  }

  /** The table (SQL reference) of a feature. */
  public String tableOf(FeatureKey feature) {
    EntityFeature e = entities.get(feature);
    if (e != null) {
      return mapping(e).baseTable();
    }
    return dialect().id(settings.tableNaming().tableName(feature));
  }

  /** Columns (name → JDBC type) of a table, or {@code null} when it does not exist. */
  public Map<String, Integer> columns(String table) {
    return shared.columns(table);
  }

  public static List<FilterExpression> parse(List<String> filters) {
    return filters.stream().map(FilterParser::parse).toList();
  }

  public static boolean matches(List<FilterExpression> filters, Row r) {
    for (FilterExpression f : filters) {
      if (!FilterEvaluator.test(f, r::get)) {
        return false;
      }
    }
    return true;
  }
}
