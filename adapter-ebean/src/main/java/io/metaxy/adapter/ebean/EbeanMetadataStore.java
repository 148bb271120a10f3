package io.metaxy.adapter.ebean;

import io.ebean.Database;
import io.ebean.Transaction;
import io.ebean.bean.EntityBean;
import io.ebeaninternal.api.SpiEbeanServer;
import io.ebeaninternal.server.deploy.BeanDescriptor;
import io.ebeaninternal.server.deploy.BeanProperty;
import io.metaxy.adapter.ebean.internal.Dialect;
import io.metaxy.adapter.ebean.internal.Jdbc;
import io.metaxy.adapter.ebean.internal.Migrations;
import io.metaxy.adapter.ebean.internal.RowIds;
import io.metaxy.adapter.ebean.internal.Shared;
import io.metaxy.adapter.ebean.internal.Values;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.filter.FilterEvaluator;
import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.filter.FilterParser;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.JdkRowHashers;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.increment.IncrementDiff;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.provenance.ProvenanceEngine;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.hashing.RowHashing;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.MigrationEventType;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.RebaseResult;
import io.metaxy.ports.system.ResumableRebase;
import io.metaxy.ports.system.SnapshotSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetadataStore} on an Ebean database (H2, PostgreSQL, MariaDB).
 *
 * <ul>
 *   <li>Features with an entity class ({@link EbeanStoreConfig#entities()}) are written through
 *       Ebean batch inserts in one transaction; other features (defined only by their spec) go
 *       through JDBC batches, their tables created from the first written rows' value types when
 *       {@code auto_create_tables} is on.
 *   <li>Reads merge on read in SQL ({@code row_number()} over the ID columns, latest {@code
 *       coalesce(metaxy_deleted_at, metaxy_updated_at)} first, then the newest {@code
 *       metaxy_row_id}) and stream from a cursor.
 *   <li>Increments stream the merged upstream rows (IDs, join columns and data versions) into the
 *       domain {@link ProvenanceEngine} and compare with the merged target rows, so no entity graph
 *       is ever loaded; row hashes are computed in the JVM (see {@code docs/adr}).
 *   <li>System tables are created by the adapter's Flyway scripts (own history table).
 * </ul>
 */
public final class EbeanMetadataStore implements MetadataStore {
  private static final Logger LOG = LoggerFactory.getLogger(EbeanMetadataStore.class);
  private static final Set<String> SYSTEM = Set.copyOf(SystemColumns.ALL);

  private final EbeanStoreConfig config;
  private final StoreSettings settings;
  private final Shared shared;
  private final Map<FeatureKey, EntityFeature> entities = new HashMap<>();
  private volatile boolean open;
  private volatile GraphVersions versions;
  private volatile ProvenanceEngine engine;

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
      engine = new ProvenanceEngine(graph(), hasher, settings.truncation());
      versions = graph().versions(settings.truncation());
      if (created && settings.autoCreateTables()) {
        createSystemTables();
        for (EntityFeature e : config.entities()) {
          ensureEntityTable(e);
        }
      }
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
  public java.util.Optional<io.metaxy.ports.migration.SchemaMigrator> findSchemaMigrator() {
    return java.util.Optional.of(schemaMigrator());
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

  private FeatureSpec spec(FeatureKey feature) {
    return graph().get(feature);
  }

  private Dialect dialect() {
    return shared.dialect();
  }

  // ---------------------------------------------------------------- tables

  /** The table (SQL reference) of a feature. */
  String tableOf(FeatureKey feature) {
    EntityFeature e = entities.get(feature);
    if (e != null) {
      return descriptor(e).baseTable();
    }
    return dialect().id(settings.tableNaming().tableName(feature));
  }

  private BeanDescriptor<?> descriptor(EntityFeature e) {
    return ((SpiEbeanServer) shared.db()).descriptor(e.entityClass());
  }

  private String systemTable(boolean featureVersions) {
    var names = settings.systemTableNames();
    return dialect().id(featureVersions ? names.featureVersions() : names.migrationEvents());
  }

  private void createSystemTables() {
    if (shared.columns(systemTable(true)) != null && shared.columns(systemTable(false)) != null) {
      return;
    }
    Migrations.migrate(
        Migrations.system(
            shared.dataSource(),
            dialect(),
            settings.systemTableNames(),
            config.systemHistoryTable()),
        "Creating the Metaxy system tables");
    shared.forget(systemTable(true));
    shared.forget(systemTable(false));
  }

  private void requireSystemTables() {
    if (shared.columns(systemTable(true)) == null || shared.columns(systemTable(false)) == null) {
      if (settings.autoCreateTables()) {
        createSystemTables();
        return;
      }
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE,
          "The Metaxy system tables "
              + settings.systemTableNames()
              + " do not exist: run the system migrations (EbeanSchemaMigrator.migrateSystem())"
              + " or enable auto_create_tables.");
    }
  }

  private void ensureEntityTable(EntityFeature e) {
    String table = tableOf(e.spec().key());
    if (shared.columns(table) != null) {
      return;
    }
    BeanDescriptor<?> d = descriptor(e);
    List<String> defs = new ArrayList<>();
    for (BeanProperty p : properties(d)) {
      String type =
          p.dbColumn().endsWith("_by_field")
              ? dialect().textType()
              : p.dbColumn().equals(Jdbc.ROW_ID)
                  ? dialect().varchar(36) + " not null primary key"
                  : SystemColumns.isReserved(p.dbColumn()) && p.type() == String.class
                      ? dialect()
                          .varchar(
                              p.dbColumn().equals(SystemColumns.MATERIALIZATION_ID) ? 255 : 128)
                      : dialect().sqlType(p.type());
      defs.add(dialect().id(p.dbColumn()) + " " + type);
    }
    execute("create table if not exists " + table + " (" + String.join(", ", defs) + ")");
    createIdIndex(e.spec().key(), table);
    shared.forget(table);
  }

  private void createIdIndex(FeatureKey feature, String table) {
    Dialect d = dialect();
    String name =
        "ix_"
            + table.replaceAll("[^A-Za-z0-9_]", "")
            + "_"
            + Integer.toHexString(table.hashCode() & 0xffffff);
    if (name.length() > 60) {
      name = name.substring(0, 50) + "_" + Integer.toHexString(table.hashCode() & 0xffffff);
    }
    executeIfAbsent(
        "create index if not exists "
            + d.id(name)
            + " on "
            + table
            + " ("
            + String.join(", ", spec(feature).idColumns().stream().map(d::id).toList())
            + ")");
  }

  private static List<BeanProperty> properties(BeanDescriptor<?> d) {
    List<BeanProperty> out = new ArrayList<>();
    if (d.idProperty() != null) {
      out.add(d.idProperty());
    }
    for (BeanProperty p : d.propertiesBaseScalar()) {
      if (!p.isTransient() && p.isDbInsertable()) {
        out.add(p);
      }
    }
    return out;
  }

  /** Runs DDL that may race with another writer creating the same object: errors are ignored. */
  private void executeIfAbsent(String sql) {
    try {
      execute(sql);
    } catch (MetaxyException e) {
      LOG.debug("Ignoring failed `{}` (created concurrently?): {}", sql, e.getMessage());
    }
  }

  private void execute(String sql) {
    try (Connection c = shared.dataSource().getConnection()) {
      c.setAutoCommit(true);
      try (var st = c.createStatement()) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw Jdbc.failure("DDL `" + sql + "`", e);
    }
  }

  /** Creates or widens the table of a feature without entity class from the rows to write. */
  private Map<String, Integer> ensureTable(FeatureKey feature, String table, List<Row> rows) {
    Map<String, Integer> cols = shared.columns(table);
    Map<String, Class<?>> types = new LinkedHashMap<>();
    for (Row r : rows) {
      r.asMap()
          .forEach(
              (k, v) -> {
                if (!SYSTEM.contains(k) && (types.get(k) == null) && v != null) {
                  types.put(k, v.getClass());
                } else {
                  types.putIfAbsent(k, null);
                }
              });
    }
    if (cols == null) {
      if (!settings.autoCreateTables()) {
        throw new MetaxyException(
            ErrorCode.STORE_FAILURE,
            "Table "
                + table
                + " of feature "
                + feature
                + " does not exist: apply the feature migrations or enable auto_create_tables.");
      }
      List<String> defs = new ArrayList<>();
      defs.add(dialect().id(Jdbc.ROW_ID) + " " + dialect().varchar(36) + " not null primary key");
      List<String> idCols = spec(feature).idColumns();
      for (Map.Entry<String, Class<?>> e : types.entrySet()) {
        if (!SystemColumns.isReserved(e.getKey())) {
          boolean isId = idCols.contains(e.getKey());
          String type =
              isId && (e.getValue() == null || e.getValue() == String.class)
                  ? dialect().idStringType()
                  : userType(e.getValue());
          defs.add(dialect().id(e.getKey()) + " " + type);
        }
      }
      for (String s : SystemColumns.ALL) {
        defs.add(dialect().id(s) + " " + systemType(s));
      }
      synchronized (shared) {
        executeIfAbsent(
            "create table if not exists " + table + " (" + String.join(", ", defs) + ")");
        shared.forget(table);
        if (shared.columns(table) == null) {
          execute("create table " + table + " (" + String.join(", ", defs) + ")");
        }
        createIdIndex(feature, table);
      }
      shared.forget(table);
      return shared.columns(table);
    }
    List<String> missing = new ArrayList<>();
    for (String k : types.keySet()) {
      if (!cols.containsKey(k) && !cols.containsKey(k.toLowerCase(java.util.Locale.ROOT))) {
        missing.add(k);
      }
    }
    if (missing.isEmpty()) {
      return cols;
    }
    if (!settings.autoCreateTables()) {
      throw new MetaxyException(
          ErrorCode.INVALID_ROW,
          "Feature "
              + feature
              + ": table "
              + table
              + " has no column(s) "
              + missing
              + ": add them with a feature migration or enable auto_create_tables.");
    }
    synchronized (shared) {
      shared.forget(table);
      Map<String, Integer> now = shared.columns(table);
      for (String m : missing) {
        if (now.containsKey(m) || now.containsKey(m.toLowerCase(java.util.Locale.ROOT))) {
          continue;
        }
        String type = SystemColumns.isReserved(m) ? systemType(m) : userType(types.get(m));
        execute("alter table " + table + " add column " + dialect().id(m) + " " + type);
      }
    }
    shared.forget(table);
    return shared.columns(table);
  }

  private String userType(Class<?> type) {
    return type == null ? dialect().stringType() : dialect().sqlType(type);
  }

  private String systemType(String column) {
    return switch (column) {
      case SystemColumns.PROVENANCE_BY_FIELD, SystemColumns.DATA_VERSION_BY_FIELD ->
          dialect().textType();
      case SystemColumns.CREATED_AT, SystemColumns.UPDATED_AT, SystemColumns.DELETED_AT ->
          dialect().timestampType();
      case SystemColumns.MATERIALIZATION_ID -> dialect().varchar(255);
      default -> dialect().varchar(128);
    };
  }

  // ---------------------------------------------------------------- write

  @Override
  public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    checkOpen();
    FeatureSpec spec = spec(feature);
    if (rows.isEmpty()) {
      return 0;
    }
    WriteOptions o = options == null ? WriteOptions.defaults() : options;
    List<Row> filled = new ArrayList<>(rows.size());
    Instant now = settings.clock().instant();
    for (Row r : rows) {
      filled.add(fill(spec, r, o, now));
    }
    filled = withCreatedAt(spec, filled, now);
    EntityFeature e = entities.get(feature);
    if (e != null) {
      insertEntities(e, filled);
    } else {
      insertRows(feature, tableOf(feature), filled);
    }
    LOG.debug("Wrote {} rows of {}", filled.size(), feature);
    return filled.size();
  }

  /**
   * Writes feature entity beans: each must carry its ID columns, user columns and {@code
   * metaxy_provenance_by_field}; the store fills the other system columns and appends the rows.
   */
  public <T extends EbeanFeature> long writeEntities(List<T> beans, WriteOptions options) {
    checkOpen();
    if (beans.isEmpty()) {
      return 0;
    }
    Class<?> cls = beans.get(0).getClass();
    EntityFeature e =
        entities.values().stream()
            .filter(x -> x.entityClass().isAssignableFrom(cls))
            .findFirst()
            .orElseThrow(
                () ->
                    new MetaxyException(
                        ErrorCode.FEATURE_NOT_FOUND,
                        "Class "
                            + cls.getName()
                            + " is not a feature entity of this store: add it to"
                            + " EbeanStoreConfig.entityClasses(...)."));
    BeanDescriptor<?> d = descriptor(e);
    List<Row> rows = new ArrayList<>();
    for (T bean : beans) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (BeanProperty p : properties(d)) {
        Object v = p.getValue((EntityBean) bean);
        if (p.dbColumn().equals(Jdbc.ROW_ID)
            || (SystemColumns.isReserved(p.dbColumn()) && v == null)) {
          continue;
        }
        m.put(p.dbColumn(), v);
      }
      rows.add(Row.of(m));
    }
    return write(e.spec().key(), rows, options);
  }

  private Row fill(FeatureSpec spec, Row r, WriteOptions o, Instant now) {
    for (String id : spec.idColumns()) {
      if (r.get(id) == null) {
        throw new MetaxyException(
            ErrorCode.INVALID_ROW,
            "A row written to feature "
                + spec.key()
                + " has no value for ID column \""
                + id
                + "\": give every row all ID columns "
                + spec.idColumns()
                + ".");
      }
    }
    if (!(r.get(SystemColumns.PROVENANCE_BY_FIELD) instanceof Map<?, ?>)) {
      throw new MetaxyException(
          ErrorCode.INVALID_ROW,
          "A row written to feature "
              + spec.key()
              + " has no "
              + SystemColumns.PROVENANCE_BY_FIELD
              + " map: compute it with resolveUpdate (or pass the root samples' provenance).");
    }
    Row.Builder b = Row.builder();
    for (Map.Entry<String, Object> e : r.asMap().entrySet()) {
      String k = e.getKey();
      if (!SystemColumns.isReserved(k)) {
        b.set(k, e.getValue());
      } else if (SYSTEM.contains(k)) {
        checkSystemType(spec, k, e.getValue());
      } else {
        throw new MetaxyException(
            ErrorCode.RESERVED_COLUMN,
            "A row written to feature "
                + spec.key()
                + " has column \""
                + k
                + "\", a reserved metaxy_ name that is no system column: rename it.");
      }
    }
    Map<String, String> pbf = new TreeMap<>(r.getMap(SystemColumns.PROVENANCE_BY_FIELD));
    String provenance =
        r.get(SystemColumns.PROVENANCE) != null
            ? r.getString(SystemColumns.PROVENANCE)
            : engine.combine(pbf);
    Map<String, String> dvbf = new TreeMap<>(pbf);
    r.getMap(SystemColumns.DATA_VERSION_BY_FIELD)
        .forEach(
            (k, v) -> {
              if (v != null) {
                dvbf.put(k, v);
              }
            });
    b.set(SystemColumns.PROVENANCE_BY_FIELD, pbf);
    b.set(SystemColumns.PROVENANCE, provenance);
    b.set(SystemColumns.DATA_VERSION_BY_FIELD, dvbf);
    b.set(SystemColumns.DATA_VERSION, engine.combine(dvbf));
    b.set(SystemColumns.FEATURE_VERSION, versions.featureVersion(spec.key()));
    b.set(SystemColumns.SNAPSHOT_VERSION, versions.snapshotVersion());
    b.set(SystemColumns.CREATED_AT, Values.instant(r.get(SystemColumns.CREATED_AT)));
    b.set(SystemColumns.UPDATED_AT, now);
    b.set(SystemColumns.DELETED_AT, null);
    b.set(
        SystemColumns.MATERIALIZATION_ID,
        o.materializationId() != null
            ? o.materializationId()
            : r.getString(SystemColumns.MATERIALIZATION_ID));
    return b.build();
  }

  /**
   * Fills {@code metaxy_created_at} where the caller gave none: the sample's first stored creation
   * time, else the first one in this batch, else now.
   */
  private List<Row> withCreatedAt(FeatureSpec spec, List<Row> rows, Instant now) {
    if (rows.stream().allMatch(r -> r.get(SystemColumns.CREATED_AT) != null)) {
      return rows;
    }
    Map<IdKey, Instant> created = new HashMap<>();
    String table = tableOf(spec.key());
    Map<String, Integer> cols = shared.columns(table);
    if (cols != null) {
      Dialect d = dialect();
      List<String> idCols = spec.idColumns();
      String ids = String.join(", ", idCols.stream().map(d::id).toList());
      List<Row> wanted =
          rows.stream().filter(r -> r.get(SystemColumns.CREATED_AT) == null).toList();
      String tuple =
          idCols.size() == 1
              ? "?"
              : "(" + String.join(", ", idCols.stream().map(x -> "?").toList()) + ")";
      for (int from = 0; from < wanted.size(); from += 500) {
        List<Row> chunk = wanted.subList(from, Math.min(wanted.size(), from + 500));
        String sql =
            "select "
                + ids
                + ", min("
                + d.id(SystemColumns.CREATED_AT)
                + ") as "
                + SystemColumns.CREATED_AT
                + " from "
                + table
                + " where "
                + (idCols.size() == 1 ? ids : "(" + ids + ")")
                + " in ("
                + String.join(", ", java.util.Collections.nCopies(chunk.size(), tuple))
                + ") group by "
                + ids;
        try (Stream<Row> s =
            Jdbc.stream(
                shared.dataSource(),
                c -> {
                  PreparedStatement ps = c.prepareStatement(sql);
                  int i = 1;
                  for (Row r : chunk) {
                    for (String id : idCols) {
                      Jdbc.bind(ps, i++, r.get(id), cols.getOrDefault(id, Types.VARCHAR));
                    }
                  }
                  return ps;
                },
                false)) {
          s.forEach(
              r -> created.put(idKey(spec, r), Values.instant(r.get(SystemColumns.CREATED_AT))));
        }
      }
    }
    List<Row> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      if (r.get(SystemColumns.CREATED_AT) != null) {
        out.add(r);
        continue;
      }
      IdKey id = idKey(spec, r);
      Instant c = created.get(id);
      if (c == null) {
        c = now;
        created.put(id, c);
      }
      out.add(r.with(SystemColumns.CREATED_AT, c));
    }
    return out;
  }

  private static void checkSystemType(FeatureSpec spec, String column, Object v) {
    if (v == null) {
      return;
    }
    boolean ok;
    String expected;
    if (column.endsWith("_by_field")) {
      ok = v instanceof Map<?, ?>;
      expected = "a map (field struct key → hash)";
    } else if (column.endsWith("_at")) {
      expected = "a timestamp (java.time.Instant)";
      try {
        ok = Values.instant(v) != null;
      } catch (RuntimeException e) {
        ok = false;
      }
    } else {
      ok = v instanceof CharSequence;
      expected = "a string";
    }
    if (!ok) {
      throw new MetaxyException(
          ErrorCode.INVALID_ROW,
          "A row written to feature "
              + spec.key()
              + " has a "
              + v.getClass().getSimpleName()
              + " in system column \""
              + column
              + "\", which holds "
              + expected
              + ". Nothing was written.");
    }
  }

  private void insertEntities(EntityFeature e, List<Row> rows) {
    BeanDescriptor<?> d = descriptor(e);
    Map<String, BeanProperty> byColumn = new HashMap<>();
    for (BeanProperty p : properties(d)) {
      byColumn.put(p.dbColumn().toLowerCase(java.util.Locale.ROOT), p);
    }
    List<Object> beans = new ArrayList<>(rows.size());
    for (Row r : rows) {
      EntityBean bean = d.createEntityBean();
      for (Map.Entry<String, Object> c : r.asMap().entrySet()) {
        BeanProperty p = byColumn.get(c.getKey().toLowerCase(java.util.Locale.ROOT));
        if (p == null) {
          throw new MetaxyException(
              ErrorCode.INVALID_ROW,
              "A row written to feature "
                  + e.spec().key()
                  + " has column \""
                  + c.getKey()
                  + "\", which entity "
                  + e.entityClass().getName()
                  + " does not map: add the property or drop the column.");
        }
        p.setValueIntercept(
            bean, Values.convert(c.getValue(), p.type(), e.spec().key(), c.getKey()));
      }
      byColumn.get(Jdbc.ROW_ID).setValueIntercept(bean, RowIds.next());
      beans.add(bean);
    }
    Database db = shared.db();
    try (Transaction txn = db.createTransaction()) {
      txn.setBatchMode(true);
      txn.setBatchSize(500);
      db.insertAll(beans, txn);
      txn.commit();
    } catch (RuntimeException ex) {
      if (ex instanceof MetaxyException) {
        throw ex;
      }
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE,
          "Writing "
              + rows.size()
              + " rows of feature "
              + e.spec().key()
              + " failed: "
              + ex.getMessage(),
          ex);
    }
  }

  /** Inserts filled rows with JDBC batches in one transaction (new row ids). */
  private void insertRows(FeatureKey feature, String table, List<Row> rows) {
    Map<String, Integer> cols = ensureTable(feature, table, rows);
    List<String> names = new ArrayList<>();
    names.add(Jdbc.ROW_ID);
    Set<String> seen = new LinkedHashSet<>();
    for (Row r : rows) {
      seen.addAll(r.columns());
    }
    seen.remove(Jdbc.ROW_ID);
    names.addAll(seen);
    StringBuilder sql = new StringBuilder("insert into ").append(table).append(" (");
    for (int i = 0; i < names.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(dialect().id(names.get(i)));
    }
    sql.append(") values (").append("?, ".repeat(names.size() - 1)).append("?)");
    int[] types = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      Integer t = cols.get(names.get(i));
      if (t == null) {
        t = cols.get(names.get(i).toLowerCase(java.util.Locale.ROOT));
      }
      types[i] = t == null ? Types.VARCHAR : t;
    }
    Jdbc.inTransaction(
        shared.dataSource(),
        "writing feature " + feature,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int n = 0;
            for (Row r : rows) {
              ps.setString(1, RowIds.next());
              for (int i = 1; i < names.size(); i++) {
                Jdbc.bind(ps, i + 1, r.get(names.get(i)), types[i]);
              }
              ps.addBatch();
              if (++n % 500 == 0) {
                ps.executeBatch();
              }
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  // ---------------------------------------------------------------- read

  @Override
  public Stream<Row> read(FeatureKey feature, ReadOptions options) {
    checkOpen();
    FeatureSpec spec = spec(feature);
    ReadOptions o = options == null ? ReadOptions.defaults() : options;
    if (!hasFeature(feature)) {
      for (MetadataStore fb : settings.fallbackStores()) {
        if (!fb.isOpen()) {
          fb.open();
        }
        if (fb.hasFeature(feature)) {
          return fb.read(feature, o);
        }
      }
      return Stream.empty();
    }
    String version =
        o.allFeatureVersions()
            ? null
            : o.featureVersion() != null ? o.featureVersion() : versions.featureVersion(feature);
    Stream<Row> rows =
        select(spec, version, o.sampleHistory(), o.includeDeleted(), o.allFeatureVersions());
    List<FilterExpression> filters = parse(o.filters());
    if (!filters.isEmpty()) {
      rows = rows.filter(r -> matches(filters, r));
    }
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

  /** Merged (or full-history) rows of a feature straight from SQL. */
  private Stream<Row> select(
      FeatureSpec spec,
      String version,
      boolean history,
      boolean includeDeleted,
      boolean perVersion) {
    String table = tableOf(spec.key());
    Dialect d = dialect();
    String ids = String.join(", ", spec.idColumns().stream().map(d::id).toList());
    String fv = d.id(SystemColumns.FEATURE_VERSION);
    String deleted = d.id(SystemColumns.DELETED_AT);
    StringBuilder sql = new StringBuilder();
    if (history) {
      sql.append("select * from ").append(table).append(" t");
      if (version != null) {
        sql.append(" where ").append(fv).append(" = ?");
      }
      if (!includeDeleted) {
        sql.append(version != null ? " and " : " where ").append(deleted).append(" is null");
      }
      sql.append(" order by ").append(ids).append(", ").append(Jdbc.ROW_ID);
    } else {
      sql.append("select * from (select t.*, row_number() over (partition by ")
          .append(ids)
          .append(perVersion ? ", " + fv : "")
          .append(" order by coalesce(")
          .append(deleted)
          .append(", ")
          .append(d.id(SystemColumns.UPDATED_AT))
          .append(") desc, ")
          .append(Jdbc.ROW_ID)
          .append(" desc) as ")
          .append(Jdbc.RN)
          .append(" from ")
          .append(table)
          .append(" t");
      if (version != null) {
        sql.append(" where ").append(fv).append(" = ?");
      }
      sql.append(") x where x.").append(Jdbc.RN).append(" = 1");
      if (!includeDeleted) {
        sql.append(" and x.").append(deleted).append(" is null");
      }
      sql.append(" order by ").append(ids);
    }
    String text = sql.toString();
    return Jdbc.stream(
        shared.dataSource(),
        c -> {
          PreparedStatement ps = c.prepareStatement(text);
          if (version != null) {
            ps.setString(1, version);
          }
          return ps;
        },
        false);
  }

  private static List<FilterExpression> parse(List<String> filters) {
    return filters.stream().map(FilterParser::parse).toList();
  }

  private static boolean matches(List<FilterExpression> filters, Row r) {
    for (FilterExpression f : filters) {
      if (!FilterEvaluator.test(f, r::get)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean hasFeature(FeatureKey feature) {
    checkOpen();
    spec(feature);
    String table = tableOf(feature);
    if (shared.columns(table) == null) {
      return false;
    }
    return !Jdbc.list(
            shared.dataSource(),
            c -> {
              PreparedStatement ps = c.prepareStatement("select " + Jdbc.ROW_ID + " from " + table);
              ps.setMaxRows(1);
              return ps;
            })
        .isEmpty();
  }

  // ---------------------------------------------------------------- resolve

  @Override
  public Increment resolveUpdate(FeatureKey feature, ResolveOptions options) {
    checkOpen();
    FeatureSpec spec = spec(feature);
    ResolveOptions o = options == null ? ResolveOptions.defaults() : options;
    List<FilterExpression> target = new ArrayList<>(parse(o.targetFilters()));
    List<FilterExpression> targetRead = new ArrayList<>(parse(o.globalFilters()));
    targetRead.addAll(parse(o.featureFilters().getOrDefault(feature, List.of())));
    List<FilterExpression> staleness = parse(o.stalenessPredicates());
    Supplier<Stream<Row>> prepared =
        engine.prepare(
            feature,
            up -> {
              List<String> f = new ArrayList<>(o.globalFilters());
              f.addAll(o.featureFilters().getOrDefault(up, List.of()));
              return read(up, ReadOptions.defaults().withFilters(f.toArray(String[]::new)));
            },
            o.samples());
    List<FilterExpression> all = new ArrayList<>(targetRead);
    all.addAll(target);
    Supplier<Stream<Row>> expected =
        all.isEmpty() ? prepared : () -> prepared.get().filter(r -> matches(all, r));
    List<String> storedFilters = new ArrayList<>(o.globalFilters());
    storedFilters.addAll(o.featureFilters().getOrDefault(feature, List.of()));
    storedFilters.addAll(o.targetFilters());
    Stream<Row> stored =
        read(feature, ReadOptions.defaults().withFilters(storedFilters.toArray(String[]::new)));
    IncrementDiff diff = IncrementDiff.of(engine.keyColumns(feature), expected, stored, staleness);
    return Increment.lazy(diff::newRows, diff::staleRows, diff::orphanedRows, () -> {});
  }

  // ---------------------------------------------------------------- delete

  @Override
  public long delete(FeatureKey feature, DeleteOptions options) {
    checkOpen();
    FeatureSpec spec = spec(feature);
    DeleteOptions o = options == null ? DeleteOptions.soft() : options;
    if (!hasFeature(feature)) {
      return 0;
    }
    String table = tableOf(feature);
    if (o.hard()) {
      List<FilterExpression> filters = parse(o.filters());
      List<String> rowIds = new ArrayList<>();
      try (Stream<Row> s =
          Jdbc.stream(
              shared.dataSource(), c -> c.prepareStatement("select * from " + table), true)) {
        s.filter(r -> matches(filters, r)).forEach(r -> rowIds.add(r.getString(Jdbc.ROW_ID)));
      }
      if (rowIds.isEmpty()) {
        return 0;
      }
      return Jdbc.inTransaction(
          shared.dataSource(),
          "deleting rows of " + feature,
          c -> {
            long n = 0;
            try (PreparedStatement ps =
                c.prepareStatement("delete from " + table + " where " + Jdbc.ROW_ID + " = ?")) {
              for (String id : rowIds) {
                ps.setString(1, id);
                ps.addBatch();
              }
              for (int x : ps.executeBatch()) {
                n += Math.max(x, 0);
              }
            }
            return n == 0 ? rowIds.size() : n;
          });
    }
    List<Row> targets;
    try (Stream<Row> s =
        read(feature, ReadOptions.defaults().withFilters(o.filters().toArray(String[]::new)))) {
      targets = s.toList();
    }
    if (targets.isEmpty()) {
      return 0;
    }
    Instant now = settings.clock().instant();
    List<Row> tombstones = new ArrayList<>();
    for (Row r : targets) {
      tombstones.add(r.with(SystemColumns.DELETED_AT, now).with(SystemColumns.UPDATED_AT, now));
    }
    insertRows(feature, table, tombstones);
    return tombstones.size();
  }

  // ---------------------------------------------------------------- system tables

  @Override
  public PushResult push() {
    checkOpen();
    requireSystemTables();
    String snapshot = versions.snapshotVersion();
    String table = systemTable(true);
    String project = settings.project();
    boolean exists =
        !Jdbc.list(
                shared.dataSource(),
                c -> {
                  PreparedStatement ps =
                      c.prepareStatement(
                          "select record_id from "
                              + table
                              + " where project = ? and snapshot_version = ?");
                  ps.setString(1, project);
                  ps.setString(2, snapshot);
                  ps.setMaxRows(1);
                  return ps;
                })
            .isEmpty();
    List<FeatureSpec> specs =
        graph().features().stream()
            .sorted((a, b) -> FeatureKey.BY_PARTS.compare(a.key(), b.key()))
            .toList();
    if (exists) {
      return new PushResult(snapshot, false, specs.size());
    }
    Instant now = settings.clock().instant();
    Map<String, Integer> cols = shared.columns(table);
    Jdbc.inTransaction(
        shared.dataSource(),
        "recording snapshot " + snapshot,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into "
                      + table
                      + " (record_id, project, feature_key, feature_version, spec_version,"
                      + " feature_spec, snapshot_version, recorded_at) values (?, ?, ?, ?, ?, ?, ?,"
                      + " ?)")) {
            for (FeatureSpec s : specs) {
              ps.setString(1, RowIds.next());
              ps.setString(2, project);
              ps.setString(3, s.key().toString());
              ps.setString(4, versions.featureVersion(s.key()));
              ps.setString(5, versions.specVersion(s.key()));
              ps.setString(6, SpecJson.canonical(s));
              ps.setString(7, snapshot);
              Jdbc.bind(ps, 8, now, cols.getOrDefault("recorded_at", Types.TIMESTAMP));
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
    return new PushResult(snapshot, true, specs.size());
  }

  @Override
  public List<SnapshotSummary> snapshots() {
    checkOpen();
    requireSystemTables();
    String table = systemTable(true);
    List<Row> rows =
        Jdbc.list(
            shared.dataSource(),
            c -> {
              PreparedStatement ps =
                  c.prepareStatement(
                      "select snapshot_version, min(recorded_at) as recorded_at, count(*) as n,"
                          + " min(record_id) as first_id from "
                          + table
                          + " where project = ? group by snapshot_version order by first_id");
              ps.setString(1, settings.project());
              return ps;
            });
    return rows.stream()
        .map(
            r ->
                new SnapshotSummary(
                    r.getString("snapshot_version"),
                    Values.instant(r.get("recorded_at")),
                    ((Number) r.get("n")).intValue()))
        .toList();
  }

  @Override
  public List<FeatureVersionRecord> featureVersions(String snapshotVersion) {
    checkOpen();
    requireSystemTables();
    String table = systemTable(true);
    List<Row> rows =
        Jdbc.list(
            shared.dataSource(),
            c -> {
              PreparedStatement ps =
                  c.prepareStatement(
                      "select * from "
                          + table
                          + " where project = ? and snapshot_version = ? order by record_id");
              ps.setString(1, settings.project());
              ps.setString(2, snapshotVersion);
              return ps;
            });
    return rows.stream()
        .map(
            r ->
                new FeatureVersionRecord(
                    r.getString("project"),
                    r.getString("feature_key"),
                    r.getString("feature_version"),
                    r.getString("spec_version"),
                    r.getString("feature_spec"),
                    r.getString("snapshot_version"),
                    Values.instant(r.get("recorded_at"))))
        .sorted(
            (a, b) ->
                FeatureKey.BY_PARTS.compare(
                    FeatureKey.of(a.featureKey()), FeatureKey.of(b.featureKey())))
        .toList();
  }

  @Override
  public void recordMigrationEvent(MigrationEvent event) {
    checkOpen();
    requireSystemTables();
    String table = systemTable(false);
    Map<String, Integer> cols = shared.columns(table);
    Jdbc.inTransaction(
        shared.dataSource(),
        "recording migration event",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into "
                      + table
                      + " (event_id, project, migration_id, event_type, event_timestamp,"
                      + " feature_key, rows_affected, error_message) values (?, ?, ?, ?, ?, ?, ?,"
                      + " ?)")) {
            ps.setString(1, RowIds.next());
            ps.setString(2, event.project() == null ? settings.project() : event.project());
            ps.setString(3, event.migrationId());
            ps.setString(4, event.eventType().value());
            Jdbc.bind(
                ps, 5, event.timestamp(), cols.getOrDefault("event_timestamp", Types.TIMESTAMP));
            Jdbc.bind(ps, 6, event.featureKey(), Types.VARCHAR);
            Jdbc.bind(ps, 7, event.rowsAffected(), Types.BIGINT);
            Jdbc.bind(ps, 8, event.errorMessage(), Types.VARCHAR);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<MigrationEvent> migrationEvents(String migrationId) {
    return events(migrationId);
  }

  @Override
  public List<MigrationEvent> migrationEvents() {
    return events(null);
  }

  private List<MigrationEvent> events(String migrationId) {
    checkOpen();
    requireSystemTables();
    String table = systemTable(false);
    List<Row> rows =
        Jdbc.list(
            shared.dataSource(),
            c -> {
              PreparedStatement ps =
                  c.prepareStatement(
                      "select * from "
                          + table
                          + " where project = ?"
                          + (migrationId == null ? "" : " and migration_id = ?")
                          + " order by event_id");
              ps.setString(1, settings.project());
              if (migrationId != null) {
                ps.setString(2, migrationId);
              }
              return ps;
            });
    return rows.stream()
        .map(
            r ->
                new MigrationEvent(
                    r.getString("project"),
                    r.getString("migration_id"),
                    MigrationEventType.fromValue(r.getString("event_type")),
                    Values.instant(r.get("event_timestamp")),
                    r.getString("feature_key"),
                    r.get("rows_affected") == null
                        ? null
                        : ((Number) r.get("rows_affected")).longValue(),
                    r.getString("error_message")))
        .toList();
  }

  /**
   * Carries the latest non-deleted rows of {@code fromFeatureVersion} to {@code toFeatureVersion}
   * (default: current). User columns and {@code metaxy_created_at} are kept; for a non-root feature
   * the per-field provenance is recomputed from the current upstream (samples the upstream no
   * longer has keep theirs), for a root it is kept; a field whose stored data version differed from
   * its provenance (a user override) keeps it. Events: {@code started} (once per migration id),
   * {@code feature_started}, {@code feature_completed}, {@code completed}; {@code failed} on error.
   * A feature completed before under the same migration id is skipped.
   */
  @Override
  public RebaseResult rebase(
      FeatureKey feature, String fromFeatureVersion, String toFeatureVersion, String migrationId) {
    checkOpen();
    Objects.requireNonNull(migrationId, "migrationId");
    return ResumableRebase.recordingTo(this, settings.project(), settings.clock())
        .run(
            feature,
            fromFeatureVersion,
            migrationId,
            () -> copyVersion(spec(feature), fromFeatureVersion, toFeatureVersion));
  }

  private long copyVersion(FeatureSpec spec, String from, String to) {
    FeatureKey feature = spec.key();
    if (from == null || from.isBlank()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "No source feature version given for rebasing " + feature + ": name the old version.");
    }
    String target = to != null ? to : versions.featureVersion(feature);
    List<Row> old = List.of();
    if (shared.columns(tableOf(feature)) != null) {
      try (Stream<Row> s = select(spec, from, false, false, false)) {
        old = s.toList();
      }
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
    List<String> keyColumns = engine.keyColumns(feature);
    Map<IdKey, Map<String, String>> expected = new HashMap<>();
    if (!spec.isRoot()) {
      try (Stream<Row> s = engine.expectedRows(feature, up -> read(up, ReadOptions.defaults()))) {
        s.forEach(
            r ->
                expected.putIfAbsent(
                    IdKey.of(r, keyColumns), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
      }
    }
    Instant now = settings.clock().instant();
    String snapshot = versions.snapshotVersion();
    List<Row> out = new ArrayList<>(old.size());
    for (Row r : old) {
      Map<String, String> oldPbf = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
      Map<String, String> oldDv = r.getMap(SystemColumns.DATA_VERSION_BY_FIELD);
      Map<String, String> pbf =
          new TreeMap<>(expected.getOrDefault(IdKey.of(r, keyColumns), oldPbf));
      Map<String, String> dv = new TreeMap<>(pbf);
      oldDv.forEach(
          (f, v) -> {
            if (v != null && !v.equals(oldPbf.get(f))) {
              dv.put(f, v);
            }
          });
      out.add(
          r.with(SystemColumns.PROVENANCE_BY_FIELD, pbf)
              .with(SystemColumns.PROVENANCE, engine.combine(pbf))
              .with(SystemColumns.DATA_VERSION_BY_FIELD, dv)
              .with(SystemColumns.DATA_VERSION, engine.combine(dv))
              .with(SystemColumns.FEATURE_VERSION, target)
              .with(SystemColumns.SNAPSHOT_VERSION, snapshot)
              .with(SystemColumns.UPDATED_AT, now)
              .with(SystemColumns.DELETED_AT, null));
    }
    insertRows(feature, tableOf(feature), out);
    return out.size();
  }

  /** Key of a row (for tests and tools): the values of the feature's ID columns. */
  static IdKey idKey(FeatureSpec spec, Row row) {
    return IdKey.of(row, spec.idColumns());
  }
}
