package io.metaxy.adapter.spark.internal;

import static io.metaxy.adapter.spark.internal.Relations.col;

import io.metaxy.ports.naming.SystemTableNames;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.MigrationEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code feature_versions} and {@code migration_events} system tables as Delta tables beside
 * the feature tables; each append is one Delta commit. Rows carry {@code metaxy_write_seq} so that
 * "in the order recorded" holds for rows recorded at the same instant. A pushed snapshot's tags are
 * the JSON text of the {@code tags} column of its {@code feature_versions} rows; a table written
 * before that column gains it on its next append (Delta schema evolution), and its older rows read
 * as untagged.
 */
public final class SystemTables {
  private static final String TAGS = "tags";

  private static final StructType FEATURE_VERSIONS =
      new StructType()
          .add("project", DataTypes.StringType)
          .add("feature_key", DataTypes.StringType)
          .add("metaxy_feature_version", DataTypes.StringType)
          .add("metaxy_feature_spec_version", DataTypes.StringType)
          .add("feature_spec", DataTypes.StringType)
          .add("metaxy_snapshot_version", DataTypes.StringType)
          .add("recorded_at", DataTypes.TimestampType)
          .add(RowCodec.WRITE_SEQ, DataTypes.LongType)
          .add(TAGS, DataTypes.StringType);

  private static final StructType MIGRATION_EVENTS =
      new StructType()
          .add("project", DataTypes.StringType)
          .add("migration_id", DataTypes.StringType)
          .add("event_type", DataTypes.StringType)
          .add("timestamp", DataTypes.TimestampType)
          .add("feature_key", DataTypes.StringType)
          .add("rows_affected", DataTypes.LongType)
          .add("error_message", DataTypes.StringType)
          .add(RowCodec.WRITE_SEQ, DataTypes.LongType);

  private final DeltaTables tables;
  private final SystemTableNames names;

  public SystemTables(DeltaTables tables, SystemTableNames names) {
    this.tables = tables;
    this.names = names;
  }

  private boolean java8() {
    return Boolean.parseBoolean(
        tables.spark().conf().get("spark.sql.datetime.java8API.enabled", "false"));
  }

  private Object ts(Instant i) {
    return RowCodec.toSpark(i, DataTypes.TimestampType, java8());
  }

  /** Appends one snapshot's rows in one commit, each with {@code tagsJson} as its tags. */
  public void appendFeatureVersions(List<FeatureVersionRecord> records, String tagsJson) {
    List<Row> rows = new ArrayList<>();
    long seq = WriteSequence.next(records.size());
    for (FeatureVersionRecord r : records) {
      rows.add(
          RowFactory.create(
              r.project(),
              r.featureKey(),
              r.featureVersion(),
              r.specVersion(),
              r.featureSpec(),
              r.snapshotVersion(),
              ts(r.recordedAt()),
              seq++,
              tagsJson));
    }
    tables.append(
        names.featureVersions(), () -> tables.spark().createDataFrame(rows, FEATURE_VERSIONS));
  }

  /** Every feature_versions row of {@code project}, in recording order. */
  public List<FeatureVersionRecord> featureVersions(String project) {
    return allFeatureVersions().stream()
        .map(Recorded::record)
        .filter(r -> project.equals(r.project()))
        .toList();
  }

  /**
   * The tags JSON text of every snapshot of {@code project} recorded with tags, by snapshot version
   * (the first recorded text of a snapshot wins), in recording order.
   */
  public Map<String, String> snapshotTags(String project) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Recorded r : allFeatureVersions()) {
      if (project.equals(r.record().project()) && r.tags() != null) {
        out.putIfAbsent(r.record().snapshotVersion(), r.tags());
      }
    }
    return out;
  }

  /** A feature_versions row and its tags text ({@code null} when recorded without). */
  private record Recorded(FeatureVersionRecord record, String tags) {}

  /**
   * The rows of a system table's latest version, read once per version: a system table is small and
   * read far more often than written, and checking its version reads only the Delta log.
   */
  @SuppressWarnings("unchecked")
  private <T> List<T> cached(String table, Function<Dataset<Row>, List<T>> load) {
    long version = tables.version(table);
    if (version < 0) {
      return List.of();
    }
    String key = tables.path(table);
    Cached c = CACHE.get(key);
    if (c == null || c.version() != version) {
      c = new Cached(version, List.copyOf(load.apply(tables.readVersion(table, version))));
      CACHE.put(key, c);
    }
    return (List<T>) c.rows();
  }

  private record Cached(long version, List<?> rows) {}

  private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

  private List<Recorded> allFeatureVersions() {
    return cached(names.featureVersions(), SystemTables::featureVersionRows);
  }

  private static List<Recorded> featureVersionRows(Dataset<Row> t) {
    boolean tagged = Relations.has(t.schema(), TAGS);
    List<Recorded> out = new ArrayList<>();
    for (Row r : t.orderBy(col("recorded_at"), col(RowCodec.WRITE_SEQ)).collectAsList()) {
      FeatureVersionRecord record =
          new FeatureVersionRecord(
              r.getAs("project"),
              r.getAs("feature_key"),
              r.getAs("metaxy_feature_version"),
              r.getAs("metaxy_feature_spec_version"),
              r.getAs("feature_spec"),
              r.getAs("metaxy_snapshot_version"),
              RowCodec.instant(r.getAs("recorded_at")));
      out.add(new Recorded(record, tagged ? r.getAs(TAGS) : null));
    }
    return out;
  }

  public void appendMigrationEvent(MigrationEvent e) {
    Row row =
        RowFactory.create(
            e.project(),
            e.migrationId(),
            e.eventType().value(),
            ts(e.timestamp()),
            e.featureKey(),
            e.rowsAffected(),
            e.errorMessage(),
            WriteSequence.next(1));
    tables.append(
        names.migrationEvents(),
        () -> tables.spark().createDataFrame(List.of(row), MIGRATION_EVENTS));
  }

  /** Every event, in recording order. */
  public List<MigrationEvent> migrationEvents() {
    return cached(names.migrationEvents(), SystemTables::migrationEventRows);
  }

  private static List<MigrationEvent> migrationEventRows(Dataset<Row> t) {
    List<MigrationEvent> out = new ArrayList<>();
    for (Row r : t.orderBy(col(RowCodec.WRITE_SEQ)).collectAsList()) {
      out.add(
          new MigrationEvent(
              r.getAs("project"),
              r.getAs("migration_id"),
              MigrationEventType.fromValue(r.getAs("event_type")),
              RowCodec.instant(r.getAs("timestamp")),
              r.getAs("feature_key"),
              r.getAs("rows_affected"),
              r.getAs("error_message")));
    }
    return out;
  }
}
