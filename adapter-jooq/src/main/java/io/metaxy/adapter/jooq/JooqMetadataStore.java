package io.metaxy.adapter.jooq;

import static org.jooq.impl.DSL.name;

import io.metaxy.adapter.jooq.internal.BulkWriter;
import io.metaxy.adapter.jooq.internal.Catalog;
import io.metaxy.adapter.jooq.internal.ConnectionSource;
import io.metaxy.adapter.jooq.internal.DialectSql;
import io.metaxy.adapter.jooq.internal.FeatureTable;
import io.metaxy.adapter.jooq.internal.FilterTranslator;
import io.metaxy.adapter.jooq.internal.Layout;
import io.metaxy.adapter.jooq.internal.Relations;
import io.metaxy.adapter.jooq.internal.ResolvePlan;
import io.metaxy.adapter.jooq.internal.RowMapper;
import io.metaxy.adapter.jooq.internal.SystemTables;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.JdkRowHashers;
import io.metaxy.domain.hash.RowHasher;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.SystemColumns;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.SQLDataType;
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

  /** Shared by every {@link #withGraph} view of the same storage. */
  private static final class Shared {
    final ConnectionSource connections;
    final Object writeLock = new Object();

    /** Table descriptions, cached for embedded databases (one process owns the file). */
    final Map<String, FeatureTable> described = new java.util.concurrent.ConcurrentHashMap<>();

    final boolean cacheDescriptions;
    volatile boolean open;

    Shared(ConnectionSource connections, boolean cacheDescriptions) {
      this.connections = connections;
      this.cacheDescriptions = cacheDescriptions;
    }
  }

  private final StoreSettings settings;
  private final JooqStoreConfig config;
  private final Shared shared;
  private final DialectSql sql;
  private final Catalog catalog;
  private final GraphVersions versions;
  private final Settings jooqSettings;
  private final SystemTables systemTables;

  public JooqMetadataStore(StoreSettings settings, JooqStoreConfig config) {
    this(
        settings,
        config,
        new Shared(
            new ConnectionSource(
                config.dialect(),
                config.url(),
                config.user(),
                config.password(),
                config.dataSource()),
            config.dialect() == JooqDialect.DUCKDB || config.dialect() == JooqDialect.H2));
  }

  private JooqMetadataStore(StoreSettings settings, JooqStoreConfig config, Shared shared) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.config = Objects.requireNonNull(config, "config");
    this.shared = shared;
    this.sql = new DialectSql(config.dialect());
    this.catalog = new Catalog(config.dialect(), config.schema());
    this.versions = settings.graph().versions(settings.truncation());
    this.jooqSettings =
        new Settings()
            .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
            .withRenderGroupConcatMaxLenSessionVariable(false)
            .withExecuteLogging(false);
    this.systemTables =
        new SystemTables(sql, catalog, settings.systemTableNames(), settings.project());
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
    sql.checkHashAlgorithm(settings.hashAlgorithm());
    try {
      shared.connections.open();
      try (Connection c = shared.connections.acquire()) {
        DSLContext ctx = ctx(c);
        if (config.schema() != null && settings.autoCreateTables()) {
          createSchema(ctx, config.schema());
        }
        if (settings.autoCreateTables()) {
          systemTables.create(ctx, c);
          for (JooqFeature f : config.features().values()) {
            if (settings.graph().contains(f.spec().key())) {
              ensureTable(ctx, c, f.spec().key(), declaredColumns(f.spec().key()), true);
            }
          }
        }
      }
    } catch (SQLException | DataAccessException e) {
      shared.connections.close();
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE,
          "Cannot open the "
              + config.dialect().type()
              + " store at "
              + describeLocation()
              + ": "
              + e.getMessage(),
          e);
    }
    shared.open = true;
    return this;
  }

  private String describeLocation() {
    return config.url() != null ? config.url() : "the configured DataSource";
  }

  private void createSchema(DSLContext ctx, String schema) {
    if (config.dialect() == JooqDialect.MARIADB) {
      ctx.execute(
          "CREATE DATABASE IF NOT EXISTS "
              + ctx.render(name(schema))
              + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    } else {
      ctx.createSchemaIfNotExists(name(schema)).execute();
    }
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

  private void requireOpen() {
    if (!shared.open) {
      throw new MetaxyException(
          ErrorCode.STORE_NOT_OPEN,
          "The " + config.dialect().type() + " store is not open: call open() first.");
    }
  }

  // ---------------------------------------------------------------- jOOQ access

  DSLContext ctx(Connection c) {
    Configuration cfg =
        new DefaultConfiguration().set(c).set(config.dialect().sqlDialect()).set(jooqSettings);
    if (!config.executeListeners().isEmpty()) {
      cfg.set(
          config.executeListeners().stream()
              .map(DefaultExecuteListenerProvider::new)
              .toArray(DefaultExecuteListenerProvider[]::new));
    }
    return DSL.using(cfg);
  }

  /**
   * Runs {@code work} with a jOOQ context on a fresh connection (for users' own queries against
   * {@link #table(FeatureKey)}).
   */
  public <T> T withDsl(Function<DSLContext, T> work) {
    requireOpen();
    try (Connection c = shared.connections.acquire()) {
      return work.apply(ctx(c));
    } catch (SQLException e) {
      throw failure("query", null, e);
    }
  }

  /** The table name of a feature: explicit name, or prefix + the key's table name. */
  public String tableName(FeatureKey feature) {
    String explicit = config.tableNames().get(feature);
    String t =
        explicit != null
            ? explicit
            : config.tablePrefix() + settings.tableNaming().tableName(feature);
    checkIdentifier(t, "table of feature " + feature);
    return t;
  }

  /** The jOOQ table of a feature, qualified by the configured schema. */
  public Table<Record> table(FeatureKey feature) {
    return DSL.table(catalog.qualify(tableName(feature)));
  }

  private void checkIdentifier(String id, String what) {
    if (id.isEmpty() || id.length() > sql.maxIdentifierLength()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "The "
              + what
              + " is named \""
              + id
              + "\" ("
              + id.length()
              + " characters), but "
              + config.dialect().type()
              + " allows at most "
              + sql.maxIdentifierLength()
              + ": give it a shorter explicit name or a shorter key/field key.");
    }
  }

  FeatureTable describe(Connection c, FeatureKey feature) {
    String t = tableName(feature);
    FeatureTable cached = shared.described.get(t);
    if (cached != null) {
      return new FeatureTable(feature, cached.name(), cached.columns());
    }
    try {
      FeatureTable ft = catalog.describe(c, feature, t);
      if (ft.exists() && shared.cacheDescriptions) {
        shared.described.put(t, ft);
      }
      return ft;
    } catch (SQLException e) {
      throw failure("describe", feature, e);
    }
  }

  private MetaxyException failure(String op, FeatureKey feature, Exception e) {
    if (e instanceof MetaxyException m) {
      return m;
    }
    return new MetaxyException(
        ErrorCode.STORE_FAILURE,
        "The "
            + config.dialect().type()
            + " store failed to "
            + op
            + (feature == null ? "" : " feature " + feature)
            + ": "
            + e.getMessage(),
        e);
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
    return describe(c, feature);
  }

  Map<String, DataType<?>> declaredColumnsForMigration(FeatureKey feature) {
    return declaredColumns(feature);
  }

  // ---------------------------------------------------------------- DDL

  private Map<String, DataType<?>> declaredColumns(FeatureKey feature) {
    Map<String, DataType<?>> out = new LinkedHashMap<>();
    JooqFeature f = config.features().get(feature);
    FeatureSpec spec = settings.graph().get(feature);
    if (f != null) {
      for (JooqColumn c : f.columns()) {
        DataType<?> t = c.type().nullable(c.nullable());
        out.put(c.name(), t.isString() ? sql.stringType().nullable(c.nullable()) : t);
      }
    }
    for (String id : spec.idColumns()) {
      out.putIfAbsent(id, sql.idStringType());
    }
    out.putAll(systemColumns(spec));
    return out;
  }

  /** The system columns of a feature table for the current spec. */
  Map<String, DataType<?>> systemColumns(FeatureSpec spec) {
    Map<String, DataType<?>> out = new LinkedHashMap<>();
    for (String sk : structKeys(spec)) {
      out.put(Layout.pbf(sk), sql.shortStringType());
    }
    for (String sk : structKeys(spec)) {
      out.put(Layout.dvbf(sk), sql.shortStringType());
    }
    for (String c : Layout.SCALAR_SYSTEM) {
      out.put(
          c,
          Layout.isTimestamp(c)
              ? sql.timestampType()
              : c.equals(Layout.WRITE_SEQ) ? SQLDataType.BIGINT : sql.shortStringType());
    }
    return out;
  }

  private static List<String> structKeys(FeatureSpec spec) {
    List<String> out = new ArrayList<>();
    for (FieldSpec f : spec.fields()) {
      out.add(f.key().structKey());
    }
    out.sort(null);
    return out;
  }

  /**
   * Makes sure the feature's table has {@code wanted} columns: creates the table or adds columns
   * with auto_create_tables, otherwise fails naming what is missing.
   */
  FeatureTable ensureTable(
      DSLContext ctx,
      Connection c,
      FeatureKey feature,
      Map<String, DataType<?>> wanted,
      boolean create) {
    FeatureTable ft = describe(c, feature);
    if (!ft.exists() || !ft.columns().keySet().containsAll(wanted.keySet())) {
      shared.described.remove(tableName(feature));
      ft = describe(c, feature);
    }
    for (String col : wanted.keySet()) {
      checkIdentifier(col, "column \"" + col + "\" of feature " + feature);
    }
    if (!ft.exists()) {
      if (!create) {
        throw new MetaxyException(
            ErrorCode.STORE_FAILURE,
            "Feature "
                + feature
                + " has no table "
                + ft.name()
                + " in the "
                + config.dialect().type()
                + " store: enable auto_create_tables, or generate and apply the feature migrations"
                + " (JooqSchemaMigrator).");
      }
      try {
        systemTables.createTable(ctx, ft.name(), wanted);
        createIdIndex(ctx, ft.name(), settings.graph().get(feature).idColumns());
      } catch (DataAccessException e) {
        FeatureTable again = describe(c, feature);
        if (!again.exists()) {
          throw e;
        }
        return ensureTable(ctx, c, feature, wanted, create); // created concurrently
      }
      LOG.info("Created table {} for feature {}", ft.name(), feature);
      shared.described.remove(tableName(feature));
      return describe(c, feature);
    }
    List<String> missing = new ArrayList<>();
    for (String col : wanted.keySet()) {
      if (!ft.has(col)) {
        missing.add(col);
      }
    }
    if (missing.isEmpty()) {
      return ft;
    }
    if (!create) {
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE,
          "The table "
              + ft.name()
              + " of feature "
              + feature
              + " lacks the columns "
              + missing
              + ": enable auto_create_tables, or generate and apply the feature migrations"
              + " (JooqSchemaMigrator).");
    }
    for (String col : missing) {
      ctx.alterTable(ft.name())
          .addColumn(DSL.field(name(col), wanted.get(col).nullable(true)))
          .execute();
    }
    shared.described.remove(tableName(feature));
    return describe(c, feature);
  }

  /** An index on the ID columns: merge-on-read and created_at lookups probe by ID. */
  void createIdIndex(DSLContext ctx, Name table, List<String> idColumns) {
    ctx.createIndexIfNotExists(name(idIndexName(table, idColumns)))
        .on(DSL.table(table), idIndexColumns(idColumns))
        .execute();
  }

  /** The name of the index on a feature table's ID columns ({@code table} qualified). */
  static String idIndexName(Name table, List<String> idColumns) {
    return "mx_idx_"
        + Integer.toHexString(table.toString().hashCode())
        + "_"
        + Integer.toHexString(idColumns.hashCode());
  }

  static Field<?>[] idIndexColumns(List<String> idColumns) {
    List<Field<?>> cols = new ArrayList<>();
    for (String id : idColumns) {
      cols.add(DSL.field(name(id)));
    }
    return cols.toArray(new Field<?>[0]);
  }

  // ---------------------------------------------------------------- write

  @Override
  public long write(FeatureKey feature, List<Row> rows, WriteOptions options) {
    requireOpen();
    FeatureSpec spec = settings.graph().get(feature);
    if (rows.isEmpty()) {
      return 0;
    }
    WriteOptions opts = options == null ? WriteOptions.defaults() : options;
    Instant now = settings.clock().instant();
    LocalDateTime nowUtc = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    List<Map<String, Object>> prepared = new ArrayList<>(rows.size());
    Map<String, DataType<?>> wanted = new LinkedHashMap<>(declaredColumns(feature));
    Map<String, DataType<?>> userTypes = new LinkedHashMap<>();
    for (Row r : rows) {
      prepared.add(prepare(spec, r, opts, nowUtc, userTypes));
    }
    for (Map.Entry<String, DataType<?>> e : userTypes.entrySet()) {
      DataType<?> t = e.getValue();
      if (spec.idColumns().contains(e.getKey()) && t.isString()) {
        t = sql.idStringType();
      }
      if (config.features().containsKey(feature) || !spec.idColumns().contains(e.getKey())) {
        wanted.putIfAbsent(e.getKey(), t);
      } else {
        wanted.put(e.getKey(), t);
      }
    }
    for (Map<String, Object> p : prepared) {
      for (String k : p.keySet()) {
        if (!wanted.containsKey(k)) {
          wanted.put(k, sql.shortStringType()); // per-field columns of extra struct keys
        }
      }
    }
    synchronized (shared.writeLock) {
      return writePrepared(feature, spec, prepared, wanted, nowUtc, rows.size());
    }
  }

  private long writePrepared(
      FeatureKey feature,
      FeatureSpec spec,
      List<Map<String, Object>> prepared,
      Map<String, DataType<?>> wanted,
      LocalDateTime nowUtc,
      long count) {
    try (Connection c = shared.connections.acquire()) {
      DSLContext ctx = ctx(c);
      FeatureTable ft = ensureTable(ctx, c, feature, wanted, settings.autoCreateTables());
      c.setAutoCommit(false);
      try {
        long base = maxSeq(ctx, ft);
        long seq = base;
        for (Map<String, Object> p : prepared) {
          p.put(Layout.WRITE_SEQ, ++seq);
        }
        BulkWriter.write(
            config.dialect(), ctx, c, config.schema(), ft.name(), ft.columns(), prepared);
        fillCreatedAt(ctx, ft, spec, base, nowUtc);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      return count;
    } catch (SQLException | DataAccessException e) {
      throw failure("write", feature, e);
    }
  }

  private long maxSeq(DSLContext ctx, FeatureTable ft) {
    Long v =
        ctx.select(DSL.max(DSL.field(name(Layout.WRITE_SEQ), Long.class)))
            .from(ft.table())
            .fetchOne(0, Long.class);
    return v == null ? 0 : v;
  }

  private Map<String, Object> prepare(
      FeatureSpec spec,
      Row r,
      WriteOptions opts,
      LocalDateTime now,
      Map<String, DataType<?>> userTypes) {
    FeatureKey feature = spec.key();
    for (String id : spec.idColumns()) {
      if (!r.has(id)) {
        throw new MetaxyException(
            ErrorCode.INVALID_ROW,
            "A row written to feature "
                + feature
                + " lacks the ID column \""
                + id
                + "\": every row needs "
                + spec.idColumns()
                + ".");
      }
    }
    checkSystemTypes(feature, r);
    Map<String, String> pbf =
        r.get(SystemColumns.PROVENANCE_BY_FIELD) != null
            ? r.getMap(SystemColumns.PROVENANCE_BY_FIELD)
            : Map.of();
    if (pbf.isEmpty()) {
      throw new MetaxyException(
          ErrorCode.INVALID_ROW,
          "A row written to feature "
              + feature
              + " has no "
              + SystemColumns.PROVENANCE_BY_FIELD
              + ": write the rows of the increment (which carry it), or set it per field.");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String col : r.columns()) {
      if (SystemColumns.isReserved(col)) {
        continue;
      }
      Object v = toJdbc(r.get(col));
      out.put(col, v);
      if (v != null && !userTypes.containsKey(col)) {
        userTypes.put(col, sql.typeOf(r.get(col)));
      } else if (v == null) {
        userTypes.putIfAbsent(col, null);
      }
    }
    userTypes.replaceAll((k, t) -> t == null ? sql.stringType() : t);
    Map<String, String> sortedPbf = new TreeMap<>(pbf);
    Map<String, String> dvbf = new TreeMap<>(sortedPbf);
    if (r.has(SystemColumns.DATA_VERSION_BY_FIELD)) {
      r.getMap(SystemColumns.DATA_VERSION_BY_FIELD)
          .forEach(
              (k, v) -> {
                if (v != null) {
                  dvbf.put(k, v);
                }
              });
    }
    sortedPbf.forEach((k, v) -> out.put(Layout.pbf(k), v));
    dvbf.forEach((k, v) -> out.put(Layout.dvbf(k), v));
    Object prov = r.get(SystemColumns.PROVENANCE);
    out.put(SystemColumns.PROVENANCE, prov != null ? prov.toString() : combine(sortedPbf));
    Object dv = r.get(SystemColumns.DATA_VERSION);
    out.put(
        SystemColumns.DATA_VERSION,
        dv != null && !r.has(SystemColumns.DATA_VERSION_BY_FIELD) ? dv.toString() : combine(dvbf));
    out.put(SystemColumns.FEATURE_VERSION, versions.featureVersion(feature));
    out.put(SystemColumns.SNAPSHOT_VERSION, versions.snapshotVersion());
    out.put(SystemColumns.CREATED_AT, toJdbc(r.get(SystemColumns.CREATED_AT)));
    out.put(SystemColumns.UPDATED_AT, now);
    out.put(SystemColumns.DELETED_AT, toJdbc(r.get(SystemColumns.DELETED_AT)));
    Object mid = r.get(SystemColumns.MATERIALIZATION_ID);
    out.put(
        SystemColumns.MATERIALIZATION_ID,
        opts.materializationId() != null
            ? opts.materializationId()
            : mid == null ? null : mid.toString());
    return out;
  }

  private static void checkSystemTypes(FeatureKey feature, Row r) {
    for (String col : r.columns()) {
      if (!SystemColumns.isReserved(col)) {
        continue;
      }
      Object v = r.get(col);
      if (v == null) {
        continue;
      }
      String expected = null;
      if (col.equals(SystemColumns.PROVENANCE_BY_FIELD)
          || col.equals(SystemColumns.DATA_VERSION_BY_FIELD)) {
        if (!(v instanceof Map<?, ?>)) {
          expected = "a map of field struct key to string";
        }
      } else if (col.equals(SystemColumns.CREATED_AT)
          || col.equals(SystemColumns.UPDATED_AT)
          || col.equals(SystemColumns.DELETED_AT)) {
        if (!(v instanceof Instant
            || v instanceof java.time.OffsetDateTime
            || v instanceof LocalDateTime)) {
          expected = "a java.time.Instant";
        }
      } else if (SystemColumns.ALL.contains(col)) {
        if (!(v instanceof String)) {
          expected = "a string";
        }
      } else {
        throw new MetaxyException(
            ErrorCode.RESERVED_COLUMN,
            "A row written to feature "
                + feature
                + " has column \""
                + col
                + "\": names starting with metaxy_ are reserved for system columns; rename it.");
      }
      if (expected != null) {
        throw new MetaxyException(
            ErrorCode.INVALID_ROW,
            "A row written to feature "
                + feature
                + " has "
                + col
                + " = "
                + v
                + " ("
                + v.getClass().getSimpleName()
                + "), but it must be "
                + expected
                + ".");
      }
    }
  }

  private String combine(Map<String, String> byField) {
    RowHasher h =
        JdkRowHashers.forAlgorithm(settings.hashAlgorithm())
            .orElseThrow(() -> new IllegalStateException(settings.hashAlgorithm().toString()));
    List<String> vals = new ArrayList<>();
    new TreeMap<>(byField).values().forEach(v -> vals.add(v == null ? "" : v));
    return settings.truncation().apply(h.hash(String.join("|", vals)));
  }

  private static Object toJdbc(Object v) {
    if (v instanceof Instant i) {
      return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
    if (v instanceof java.time.OffsetDateTime o) {
      return LocalDateTime.ofInstant(o.toInstant(), ZoneOffset.UTC);
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Character ch) {
      return ch.toString();
    }
    return v;
  }

  /** Keeps created_at of re-written samples (earliest stored), else now; in SQL. */
  private void fillCreatedAt(
      DSLContext ctx, FeatureTable ft, FeatureSpec spec, long base, LocalDateTime now) {
    Field<LocalDateTime> created =
        DSL.field(ft.name().append(SystemColumns.CREATED_AT), LocalDateTime.class);
    Field<Long> seq = DSL.field(ft.name().append(Layout.WRITE_SEQ), Long.class);
    if (base > 0) {
      List<Field<?>> ids = new ArrayList<>();
      List<SelectField<?>> sel = new ArrayList<>();
      for (String id : spec.idColumns()) {
        ids.add(ft.col(id));
        sel.add(ft.col(id).as(id));
      }
      sel.add(DSL.min(created).as("__mx_c"));
      switch (config.dialect()) {
        case POSTGRES, DUCKDB -> {
          Table<Record> x =
              DSL.select(sel)
                  .from(ft.table())
                  .where(seq.le(base).and(created.isNotNull()))
                  .groupBy(ids)
                  .asTable("x");
          List<Condition> on = new ArrayList<>();
          for (String id : spec.idColumns()) {
            on.add(ft.col(id).eq(DSL.field(name("x", id))));
          }
          ctx.update(ft.table())
              .set(
                  DSL.field(name(SystemColumns.CREATED_AT), LocalDateTime.class),
                  DSL.field(name("x", "__mx_c"), LocalDateTime.class))
              .from(x)
              .where(DSL.and(on))
              .and(seq.gt(base))
              .and(created.isNull())
              .execute();
        }
        case MARIADB -> {
          Table<Record> x =
              DSL.select(sel)
                  .from(ft.table())
                  .where(seq.le(base).and(created.isNotNull()))
                  .groupBy(ids)
                  .asTable("x");
          List<Condition> on = new ArrayList<>();
          for (String id : spec.idColumns()) {
            on.add(ft.col(id).eq(DSL.field(name("x", id))));
          }
          ctx.update(ft.table().join(x).on(DSL.and(on)))
              .set(created, DSL.field(name("x", "__mx_c"), LocalDateTime.class))
              .where(seq.gt(base))
              .and(created.isNull())
              .execute();
        }
        case H2 -> {
          Table<Record> t2 = ft.table().as("t2");
          List<Condition> on = new ArrayList<>();
          for (String id : spec.idColumns()) {
            on.add(DSL.field(name("t2", id)).eq(ft.col(id)));
          }
          ctx.update(ft.table())
              .set(
                  created,
                  DSL.select(
                          DSL.min(
                              DSL.field(name("t2", SystemColumns.CREATED_AT), LocalDateTime.class)))
                      .from(t2)
                      .where(DSL.and(on))
                      .and(DSL.field(name("t2", Layout.WRITE_SEQ), Long.class).le(base)))
              .where(seq.gt(base))
              .and(created.isNull())
              .execute();
        }
      }
    }
    ctx.update(ft.table()).set(created, now).where(seq.gt(base)).and(created.isNull()).execute();
  }

  // ---------------------------------------------------------------- read

  @Override
  public Stream<Row> read(FeatureKey feature, ReadOptions options) {
    requireOpen();
    FeatureSpec spec = settings.graph().get(feature);
    ReadOptions o = options == null ? ReadOptions.defaults() : options;
    Connection c = null;
    try {
      c = shared.connections.acquire();
      FeatureTable ft = describe(c, feature);
      if (!ft.exists() || !hasRows(ctx(c), ft)) {
        c.close();
        for (MetadataStore fb : settings.fallbackStores()) {
          if (fb.hasFeature(feature)) {
            return fb.read(feature, options);
          }
        }
        return Stream.empty();
      }
      String fv =
          o.featureVersion() != null ? o.featureVersion() : versions.featureVersion(feature);
      Function<Function<String, Field<Object>>, Condition> version =
          col ->
              o.allFeatureVersions()
                  ? DSL.noCondition()
                  : col.apply(SystemColumns.FEATURE_VERSION).eq(fv);
      Table<Record> rel;
      if (o.sampleHistory()) {
        rel =
            Relations.all(
                ft, version.apply(ft::col), r -> new FilterTranslator(r).all(o.filters()), "r");
      } else {
        List<String> partition = new ArrayList<>(spec.idColumns());
        if (o.allFeatureVersions()) {
          partition.add(SystemColumns.FEATURE_VERSION);
        }
        rel =
            Relations.latest(
                ft,
                partition,
                version,
                o.includeDeleted(),
                r -> new FilterTranslator(r).all(o.filters()),
                "r",
                sql.latestByAntiJoin());
      }
      return stream(c, true, ctx(c).selectFrom(rel), o.columns());
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw failure("read", feature, e);
    }
  }

  private boolean hasRows(DSLContext ctx, FeatureTable ft) {
    return ctx.fetchExists(DSL.selectOne().from(ft.table()));
  }

  private Stream<Row> stream(
      Connection c, boolean closeConnection, Select<Record> q, List<String> columns)
      throws SQLException {
    if (config.dialect() == JooqDialect.POSTGRES && c.getAutoCommit()) {
      c.setAutoCommit(false); // PostgreSQL only streams inside a transaction
    }
    q.attach(ctx(c).configuration());
    Cursor<Record> cursor =
        ((org.jooq.ResultQuery<Record>) q).fetchSize(config.fetchSize()).fetchLazy();
    return cursor.stream()
        .map(RowMapper.forCursor(columns))
        .onClose(
            () -> {
              cursor.close();
              if (closeConnection) {
                closeQuietly(c);
              }
            });
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
      } catch (SQLException e) {
        // ignore
      }
      try {
        c.close();
      } catch (SQLException e) {
        // ignore
      }
    }
  }

  @Override
  public boolean hasFeature(FeatureKey feature) {
    requireOpen();
    try (Connection c = shared.connections.acquire()) {
      FeatureTable ft = describe(c, feature);
      return ft.exists() && hasRows(ctx(c), ft);
    } catch (SQLException | DataAccessException e) {
      throw failure("inspect", feature, e);
    }
  }

  // ---------------------------------------------------------------- resolve

  @Override
  public Increment resolveUpdate(FeatureKey feature, ResolveOptions options) {
    requireOpen();
    FeatureSpec spec = settings.graph().get(feature);
    ResolveOptions o = options == null ? ResolveOptions.defaults() : options;
    if (spec.isRoot() && o.samples() == null) {
      throw new MetaxyException(
          ErrorCode.MISSING_SAMPLES,
          "Feature "
              + feature
              + " is a root feature (no dependencies): pass its samples (ID columns plus "
              + SystemColumns.PROVENANCE_BY_FIELD
              + ") with ResolveOptions.withSamples(...).");
    }
    Connection c = null;
    try {
      c = shared.connections.acquire();
      c.setAutoCommit(false);
      DSLContext ctx = ctx(c);
      if (config.dialect() == JooqDialect.POSTGRES) {
        // merge-on-read (ROW_NUMBER() = 1) is estimated at a tiny fraction of its real size, and a
        // nested-loop anti-join over it is quadratic: resolve queries are analytical, use hashes
        ctx.execute("SET LOCAL enable_nestloop = off");
      }
      List<Name> staged = new ArrayList<>();
      FeatureTable staging = spec.isRoot() ? stage(ctx, c, spec, o.samples(), staged) : null;
      Connection conn = c;
      Map<FeatureKey, FeatureTable> described = new HashMap<>();
      ResolvePlan plan =
          ResolvePlan.build(
              new ResolvePlan.Context(
                  settings.graph(),
                  versions,
                  sql,
                  settings.hashAlgorithm(),
                  settings.truncation(),
                  k ->
                      described.computeIfAbsent(
                          k,
                          x ->
                              x.equals(feature)
                                  ? describe(conn, x)
                                  : upstreamTable(ctx, conn, x, staged)),
                  (t, where) -> ctx.fetchExists(DSL.selectOne().from(t.table()).where(where))),
              spec,
              staging,
              o.featureFilters(),
              o.globalFilters(),
              o.targetFilters(),
              o.stalenessPredicates());
      return new SqlIncrement(c, staging, plan, staged);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw failure("resolve", feature, e);
    }
  }

  /** Loads a root feature's samples into a staging table inside the resolve's transaction. */
  private FeatureTable stage(
      DSLContext ctx, Connection c, FeatureSpec spec, List<Row> samples, List<Name> staged)
      throws SQLException {
    Map<String, DataType<?>> cols = new LinkedHashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>(samples.size());
    for (String id : spec.idColumns()) {
      cols.put(id, null);
    }
    for (Row r : samples) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String id : spec.idColumns()) {
        if (!r.has(id)) {
          throw new MetaxyException(
              ErrorCode.INVALID_ROW,
              "A sample of root feature " + spec.key() + " lacks the ID column \"" + id + "\".");
        }
      }
      for (String col : r.columns()) {
        if (col.equals(SystemColumns.PROVENANCE_BY_FIELD)) {
          r.getMap(col).forEach((k, v) -> m.put(Layout.pbf(k), v));
          continue;
        }
        if (SystemColumns.isReserved(col)) {
          continue;
        }
        Object v = toJdbc(r.get(col));
        m.put(col, v);
        if (cols.get(col) == null) {
          cols.put(col, v == null ? null : sql.typeOf(v));
        }
      }
      rows.add(m);
    }
    for (String sk : structKeys(spec)) {
      cols.put(Layout.pbf(sk), sql.shortStringType());
    }
    for (Map<String, Object> m : rows) {
      for (String k : m.keySet()) {
        cols.putIfAbsent(k, sql.shortStringType());
      }
    }
    cols.replaceAll((k, t) -> t == null ? sql.stringType() : t);
    return createStaging(ctx, c, spec.key(), cols, rows, staged);
  }

  /**
   * The local table of an upstream feature, or, when this store has no rows of it and a fallback
   * store has, the fallback's rows staged in a temporary table (they cross the JVM: the fallback is
   * another database).
   */
  private FeatureTable upstreamTable(
      DSLContext ctx, Connection c, FeatureKey feature, List<Name> staged) {
    FeatureTable ft = describe(c, feature);
    if (settings.fallbackStores().isEmpty() || (ft.exists() && hasRows(ctx, ft))) {
      return ft;
    }
    for (MetadataStore fb : settings.fallbackStores()) {
      if (!fb.hasFeature(feature)) {
        continue;
      }
      Map<String, DataType<?>> cols = new LinkedHashMap<>();
      List<Map<String, Object>> rows = new ArrayList<>();
      long seq = 0;
      try (Stream<Row> s = fb.read(feature)) {
        for (Row r : (Iterable<Row>) s::iterator) {
          Map<String, Object> m = new LinkedHashMap<>();
          for (String col : r.columns()) {
            if (col.equals(SystemColumns.PROVENANCE_BY_FIELD)) {
              r.getMap(col).forEach((k, v) -> m.put(Layout.pbf(k), v));
            } else if (col.equals(SystemColumns.DATA_VERSION_BY_FIELD)) {
              r.getMap(col).forEach((k, v) -> m.put(Layout.dvbf(k), v));
            } else if (!SystemColumns.isReserved(col)) {
              Object v = toJdbc(r.get(col));
              m.put(col, v);
              if (cols.get(col) == null) {
                cols.put(col, v == null ? null : sql.typeOf(v));
              }
            }
          }
          m.put(SystemColumns.FEATURE_VERSION, versions.featureVersion(feature));
          m.put(SystemColumns.UPDATED_AT, toJdbc(r.get(SystemColumns.UPDATED_AT)));
          m.put(Layout.WRITE_SEQ, ++seq);
          rows.add(m);
        }
      }
      for (Map<String, Object> m : rows) {
        for (String k : m.keySet()) {
          cols.putIfAbsent(k, sql.shortStringType());
        }
      }
      cols.put(SystemColumns.UPDATED_AT, sql.timestampType());
      cols.put(SystemColumns.DELETED_AT, sql.timestampType());
      cols.put(Layout.WRITE_SEQ, SQLDataType.BIGINT);
      cols.replaceAll((k, t) -> t == null ? sql.stringType() : t);
      try {
        return createStaging(ctx, c, feature, cols, rows, staged);
      } catch (SQLException e) {
        throw failure("stage fallback rows of", feature, e);
      }
    }
    return ft;
  }

  private FeatureTable createStaging(
      DSLContext ctx,
      Connection c,
      FeatureKey feature,
      Map<String, DataType<?>> cols,
      List<Map<String, Object>> rows,
      List<Name> staged)
      throws SQLException {
    String t = "metaxy_staging_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    Name n;
    if (config.dialect() == JooqDialect.DUCKDB) {
      n = catalog.qualify(t);
      systemTables.createTable(ctx, n, cols);
    } else {
      n = name(t);
      ctx.createTemporaryTable(n).columns(toFields(cols)).execute();
    }
    BulkWriter.write(config.dialect(), ctx, c, config.schema(), n, cols, rows);
    staged.add(n);
    return new FeatureTable(feature, n, cols);
  }

  private static List<Field<?>> toFields(Map<String, DataType<?>> cols) {
    List<Field<?>> out = new ArrayList<>();
    cols.forEach((k, v) -> out.add(DSL.field(name(k), v)));
    return out;
  }

  /**
   * An increment whose streams are lazy cursors on one connection, closed with it. Where the plan
   * has a single-pass statement (all three kinds in one FULL JOIN, ordered by kind), streams taken
   * in the natural order new → stale → orphaned share its one cursor (a later stream skips the
   * unread rows of earlier kinds); a stream taken out of order or twice runs its own per-kind
   * query.
   */
  private final class SqlIncrement implements Increment {
    private final Connection c;
    private final FeatureTable staging;
    private final ResolvePlan plan;
    private final ResolvePlan.SinglePass single;
    private final RowMapper.Plan[] mappers; // per kind, compiled on first use

    private RowMapper.Plan mapper(int kind) {
      if (mappers[kind] == null) {
        mappers[kind] =
            RowMapper.Plan.of(
                single.names().get(kind).toArray(String[]::new),
                single.positions().get(kind),
                null);
      }
      return mappers[kind];
    }

    private final List<Stream<Row>> open = new ArrayList<>();
    private boolean closed;

    private final List<Name> staged;

    /** The single-pass cursor, opened by the first stream served from it. */
    private ResultSet shared;

    /** True when the shared result set stands on an unread row of a later kind. */
    private boolean onPending;

    /** The lowest kind the shared cursor can still serve. */
    private int nextKind;

    /** The highest kind whose stream has started reading the shared cursor (-1: none). */
    private int reading = -1;

    SqlIncrement(Connection c, FeatureTable staging, ResolvePlan plan, List<Name> staged) {
      this.staged = staged;
      this.c = c;
      this.staging = staging;
      this.plan = plan;
      this.single = plan.singlePass();
      this.mappers = single == null ? null : new RowMapper.Plan[single.positions().size()];
    }

    private Stream<Row> run(Select<Record> q) {
      if (closed) {
        throw new IllegalStateException("increment is closed");
      }
      if (q == null) {
        return Stream.empty();
      }
      try {
        q.attach(ctx(c).configuration());
        ResultSet rs = ((ResultQuery<Record>) q).fetchSize(config.fetchSize()).fetchResultSet();
        java.sql.ResultSetMetaData md = rs.getMetaData();
        String[] names = new String[md.getColumnCount()];
        int[] positions = new int[names.length];
        for (int i = 0; i < names.length; i++) {
          names[i] = md.getColumnLabel(i + 1);
          positions[i] = i;
        }
        RowMapper.Plan mapping = RowMapper.Plan.of(names, positions, null);
        Spliterator<Row> rows =
            new Spliterators.AbstractSpliterator<>(
                Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
              @Override
              public boolean tryAdvance(Consumer<? super Row> action) {
                try {
                  if (!rs.next()) {
                    return false;
                  }
                  action.accept(mapping.toRow(rs));
                  return true;
                } catch (SQLException e) {
                  throw failure("resolve", staging == null ? null : staging.key(), e);
                }
              }
            };
        Stream<Row> s =
            StreamSupport.stream(rows, false)
                .onClose(
                    () -> {
                      try {
                        rs.close();
                      } catch (SQLException e) {
                        LOG.debug("closing a resolve result set failed", e);
                      }
                    });
        open.add(s);
        return s;
      } catch (SQLException | RuntimeException e) {
        throw failure("resolve", staging == null ? null : staging.key(), e);
      }
    }

    private Select<Record> perKind(int kind) {
      return switch (kind) {
        case ResolvePlan.NEW -> plan.newRows();
        case ResolvePlan.STALE -> plan.staleRows();
        default -> plan.orphanedRows();
      };
    }

    private Stream<Row> serve(int kind) {
      if (closed) {
        throw new IllegalStateException("increment is closed");
      }
      if (single == null || kind < nextKind) {
        return run(perKind(kind));
      }
      nextKind = kind + 1;
      if (shared == null) {
        try {
          Select<Record> q = single.query();
          q.attach(ctx(c).configuration());
          // read by position per kind from the JDBC result set: only the kind's own columns, no
          // per-record conversion of the other kinds' (null) columns
          shared = ((ResultQuery<Record>) q).fetchSize(config.fetchSize()).fetchResultSet();
          LOG.debug("resolve: one statement for new, stale and orphaned rows");
        } catch (RuntimeException e) {
          throw failure("resolve", staging == null ? null : staging.key(), e);
        }
      }
      KindReader reader = new KindReader(kind);
      Stream<Row> s = StreamSupport.stream(reader, false).onClose(reader::close);
      open.add(s);
      return s;
    }

    /** The rows of one kind from the shared cursor, or from its per-kind query once superseded. */
    private final class KindReader extends Spliterators.AbstractSpliterator<Row> {
      private final int kind;
      private boolean started;
      private boolean finished;
      private Stream<Row> fallback;
      private Spliterator<Row> fallbackRows;

      KindReader(int kind) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.kind = kind;
      }

      @Override
      public boolean tryAdvance(Consumer<? super Row> action) {
        if (fallbackRows != null) {
          return fallbackRows.tryAdvance(action);
        }
        if (finished) {
          return false;
        }
        if (closed) {
          throw new IllegalStateException("increment is closed");
        }
        if (reading > kind) {
          if (started) {
            throw new IllegalStateException(
                "A later stream of this increment has been read past the unread rest of this"
                    + " one: read the streams one after another (new, stale, orphaned).");
          }
          // a later stream skipped this kind's rows before this stream started: query them
          fallback = run(perKind(kind));
          fallbackRows = fallback.spliterator();
          return fallbackRows.tryAdvance(action);
        }
        started = true;
        reading = kind;
        try {
          while (true) {
            if (!onPending && !shared.next()) {
              finished = true;
              return false;
            }
            onPending = false;
            int k = shared.getInt(1);
            if (k < kind) {
              continue; // unread row of an earlier kind
            }
            if (k > kind) {
              onPending = true; // the result set stays on this row for the later kind
              finished = true;
              return false;
            }
            action.accept(mapper(k).toRow(shared));
            return true;
          }
        } catch (SQLException e) {
          throw failure("resolve", staging == null ? null : staging.key(), e);
        }
      }

      void close() {
        finished = true;
        if (fallback != null) {
          fallback.close();
        }
      }
    }

    @Override
    public Stream<Row> newRows() {
      return serve(ResolvePlan.NEW);
    }

    @Override
    public Stream<Row> staleRows() {
      return serve(ResolvePlan.STALE);
    }

    @Override
    public Stream<Row> orphanedRows() {
      return serve(ResolvePlan.ORPHANED);
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      for (Stream<Row> s : open) {
        s.close();
      }
      if (shared != null) {
        try {
          shared.close();
        } catch (SQLException e) {
          LOG.debug("closing the resolve result set failed", e);
        }
      }
      if (config.dialect() != JooqDialect.DUCKDB && config.dialect() != JooqDialect.POSTGRES) {
        for (Name n : staged) {
          try {
            ctx(c).dropTableIfExists(n).execute();
          } catch (RuntimeException e) {
            LOG.debug("dropping staging table {} failed", n, e);
          }
        }
      }
      closeQuietly(c); // rollback drops DuckDB/PostgreSQL staging tables
    }
  }

  // ---------------------------------------------------------------- delete

  @Override
  public long delete(FeatureKey feature, DeleteOptions options) {
    requireOpen();
    FeatureSpec spec = settings.graph().get(feature);
    DeleteOptions o = options == null ? DeleteOptions.soft() : options;
    synchronized (shared.writeLock) {
      return deleteLocked(feature, spec, o);
    }
  }

  private long deleteLocked(FeatureKey feature, FeatureSpec spec, DeleteOptions o) {
    try (Connection c = shared.connections.acquire()) {
      DSLContext ctx = ctx(c);
      FeatureTable ft = describe(c, feature);
      if (!ft.exists()) {
        return 0;
      }
      if (o.hard()) {
        Condition where =
            new FilterTranslator(col -> ft.has(col) ? ft.col(col) : null).all(o.filters());
        return ctx.deleteFrom(ft.table()).where(where).execute();
      }
      c.setAutoCommit(false);
      try {
        long base = maxSeq(ctx, ft);
        LocalDateTime now = LocalDateTime.ofInstant(settings.clock().instant(), ZoneOffset.UTC);
        Table<Record> m =
            Relations.latest(
                ft,
                spec.idColumns(),
                col ->
                    col.apply(SystemColumns.FEATURE_VERSION).eq(versions.featureVersion(feature)),
                false,
                r -> new FilterTranslator(r).all(o.filters()),
                "m",
                sql.latestByAntiJoin());
        List<Field<?>> target = new ArrayList<>();
        List<SelectField<?>> src = new ArrayList<>();
        List<Field<?>> order = new ArrayList<>();
        for (String id : spec.idColumns()) {
          order.add(DSL.field(name("m", id)));
        }
        for (String col : ft.columns().keySet()) {
          target.add(DSL.field(name(col)));
          Field<Object> f = Relations.ref("m", col, ft.columns().get(col));
          if (col.equals(SystemColumns.DELETED_AT) || col.equals(SystemColumns.UPDATED_AT)) {
            src.add(DSL.val(now));
          } else if (col.equals(Layout.WRITE_SEQ)) {
            src.add(DSL.rowNumber().over(DSL.orderBy(order)).plus(DSL.val(base)));
          } else {
            src.add(f);
          }
        }
        int n =
            ctx.insertInto(ft.table()).columns(target).select(DSL.select(src).from(m)).execute();
        c.commit();
        return n;
      } catch (RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | DataAccessException e) {
      throw failure("delete", feature, e);
    }
  }

  // ---------------------------------------------------------------- system tables

  /** Without auto_create_tables, a missing system table is named with what to run. */
  private void requireSystemTables(Connection c) throws SQLException {
    if (settings.autoCreateTables()) {
      return;
    }
    for (String t :
        List.of(
            settings.systemTableNames().featureVersions(),
            settings.systemTableNames().migrationEvents())) {
      if (catalog.columns(c, t).isEmpty()) {
        throw new MetaxyException(
            ErrorCode.STORE_FAILURE,
            "The system table \""
                + t
                + "\" does not exist in the "
                + config.dialect().type()
                + " store: apply the system migrations (schemaMigrator().migrateSystem(), CLI:"
                + " metaxy migrate) or enable auto_create_tables.");
      }
    }
  }

  @Override
  public PushResult push() {
    requireOpen();
    try (Connection c = shared.connections.acquire()) {
      requireSystemTables(c);
      return systemTables.push(ctx(c), c, settings.graph(), versions, settings.clock().instant());
    } catch (SQLException | DataAccessException e) {
      throw failure("push the snapshot", null, e);
    }
  }

  @Override
  public List<SnapshotSummary> snapshots() {
    requireOpen();
    try (Connection c = shared.connections.acquire()) {
      requireSystemTables(c);
      return systemTables.snapshots(ctx(c));
    } catch (SQLException | DataAccessException e) {
      throw failure("list snapshots", null, e);
    }
  }

  @Override
  public List<FeatureVersionRecord> featureVersions(String snapshotVersion) {
    requireOpen();
    try (Connection c = shared.connections.acquire()) {
      requireSystemTables(c);
      return systemTables.featureVersions(ctx(c), snapshotVersion);
    } catch (SQLException | DataAccessException e) {
      throw failure("read feature versions", null, e);
    }
  }

  @Override
  public void recordMigrationEvent(MigrationEvent event) {
    requireOpen();
    try (Connection c = shared.connections.acquire()) {
      c.setAutoCommit(false);
      requireSystemTables(c);
      systemTables.recordEvent(ctx(c), event);
      c.commit();
    } catch (SQLException | DataAccessException e) {
      throw failure("record a migration event", null, e);
    }
  }

  @Override
  public List<MigrationEvent> migrationEvents(String migrationId) {
    requireOpen();
    try (Connection c = shared.connections.acquire()) {
      requireSystemTables(c);
      return systemTables.events(ctx(c), migrationId);
    } catch (SQLException | DataAccessException e) {
      throw failure("read migration events", null, e);
    }
  }

  @Override
  public List<MigrationEvent> migrationEvents() {
    return migrationEvents(null);
  }

  // ---------------------------------------------------------------- data migration

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
            () -> carry(feature, fromFeatureVersion, toFeatureVersion));
  }

  /**
   * Carries the latest rows of {@code from} to the current feature version: user columns and
   * created_at kept; provenance recomputed from the current upstream for non-root features (in SQL,
   * via the increment), kept for roots; user data-version overrides kept.
   */
  private long carry(FeatureKey feature, String from, String to) {
    FeatureSpec spec = settings.graph().get(feature);
    if (from == null || from.isBlank()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "No source feature version given for rebasing " + feature + ": name the old version.");
    }
    String current = versions.featureVersion(feature);
    if (to != null && !to.equals(current)) {
      throw new MetaxyException(
          ErrorCode.MIGRATION_FAILED,
          "Rebase of feature "
              + feature
              + " targets feature version "
              + to
              + ", but the store's graph is at "
              + current
              + ": open the store with the graph of the target version (withGraph).");
    }
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
    Map<IdKey, Map<String, String>> expected = new HashMap<>();
    List<String> key = keyOf(spec);
    if (!spec.isRoot()) {
      try (Increment inc = resolveUpdate(feature);
          Stream<Row> s = inc.newRows()) {
        s.forEach(
            r ->
                expected.putIfAbsent(
                    IdKey.of(r, key), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
      }
    }
    List<Row> out = new ArrayList<>();
    for (Row r : old) {
      Map<String, String> pbf = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
      Map<String, String> dvbf = r.getMap(SystemColumns.DATA_VERSION_BY_FIELD);
      Map<String, String> newPbf = expected.getOrDefault(IdKey.of(r, key), pbf);
      Map<String, String> newDv = new TreeMap<>(newPbf);
      for (Map.Entry<String, String> d : dvbf.entrySet()) {
        if (d.getValue() != null
            && !Objects.equals(d.getValue(), pbf.get(d.getKey()))
            && newDv.containsKey(d.getKey())) {
          newDv.put(d.getKey(), d.getValue()); // a user override survives
        }
      }
      Row.Builder b = Row.builder();
      for (String col : r.columns()) {
        if (!SystemColumns.isReserved(col)) {
          b.set(col, r.get(col));
        }
      }
      b.set(SystemColumns.PROVENANCE_BY_FIELD, newPbf);
      b.set(SystemColumns.DATA_VERSION_BY_FIELD, newDv);
      b.set(SystemColumns.CREATED_AT, r.get(SystemColumns.CREATED_AT));
      b.set(SystemColumns.MATERIALIZATION_ID, r.get(SystemColumns.MATERIALIZATION_ID));
      out.add(b.build());
    }
    return write(feature, out);
  }

  private static List<String> keyOf(FeatureSpec spec) {
    for (io.metaxy.domain.spec.FeatureDep d : spec.deps()) {
      if (d.lineage() instanceof io.metaxy.domain.spec.Lineage.Expansion e) {
        return e.on();
      }
    }
    return spec.idColumns();
  }
}
