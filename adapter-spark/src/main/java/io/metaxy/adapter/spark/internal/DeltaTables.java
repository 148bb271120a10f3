package io.metaxy.adapter.spark.internal;

import io.delta.tables.DeltaTable;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Delta tables of one warehouse: table {@code name} is the directory {@code
 * <warehouse>/<name>.delta} (the layout of Python Metaxy's Delta store; {@code name} may hold
 * {@code /} for nested directories). Appends are single Delta commits (atomic); a commit that loses
 * a race with another writer (concurrent table creation or schema change) is retried on the new
 * table version, and reported naming the table when it keeps losing.
 */
public final class DeltaTables {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaTables.class);
  private static final int ATTEMPTS = 8;

  /** The suffix of every table directory. */
  public static final String SUFFIX = ".delta";

  private final SparkSession spark;
  private final String warehouse;

  private final boolean rowTracking;

  /** Tables under {@code warehouse}; {@code rowTracking} for the tables this store creates. */
  public DeltaTables(SparkSession spark, String warehouse, boolean rowTracking) {
    this.spark = spark;
    this.rowTracking = rowTracking;
    // Delta compares locations as Hadoop writes them: file:/x, never file:///x
    this.warehouse =
        warehouse.startsWith("file:///") ? "file:/" + warehouse.substring(8) : warehouse;
  }

  public SparkSession spark() {
    return spark;
  }

  public String path(String table) {
    return warehouse + "/" + table + SUFFIX;
  }

  /** True when the table has a committed version (reads the Delta log, runs no Spark job). */
  public boolean exists(String table) {
    return snapshot(table).version() >= 0;
  }

  /**
   * The number of data files of the table's latest version, 0 when it does not exist. Taken from
   * the Delta log (its checksum file), without a Spark job; the store never writes an empty file,
   * so a table with files has rows.
   */
  public long fileCount(String table) {
    Snapshot s = snapshot(table);
    return s.version() < 0 ? 0 : s.numOfFiles();
  }

  /** The table's latest version, -1 when it does not exist (reads the Delta log only). */
  public long version(String table) {
    return snapshot(table).version();
  }

  /** The table's rows as of {@code version}. */
  public Dataset<Row> readVersion(String table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(table));
  }

  private Snapshot snapshot(String table) {
    return DeltaLog.forTable(spark, path(table))
        .update(false, scala.Option.empty(), scala.Option.empty());
  }

  /** The table's rows (its current version), or empty when the table does not exist. */
  public Optional<Dataset<Row>> read(String table) {
    for (int attempt = 1; exists(table); attempt++) {
      try {
        Dataset<Row> d = spark.read().format("delta").load(path(table));
        d.schema(); // analysed now: the relation is pinned to the version found
        return Optional.of(d);
      } catch (Exception e) { // Delta's analysis errors are checked in Java's eyes
        // another writer is creating the table right now: its log was seen, its snapshot not yet
        if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("DELTA_TABLE_NOT_FOUND")) {
          throw e;
        }
        LOG.debug("Delta table {} not readable yet (attempt {})", table, attempt);
        pause(attempt);
      }
    }
    return Optional.empty();
  }

  public Optional<StructType> schema(String table) {
    return read(table).map(Dataset::schema);
  }

  /**
   * Appends {@code rows} in one commit, adding new columns (and new struct fields) to the schema.
   * {@code rows} is re-planned on each attempt.
   */
  public void append(String table, Supplier<Dataset<Row>> rows) {
    retrying(
        table,
        "append to",
        () -> {
          Dataset<Row> batch = rows.get();
          ensureTable(table, batch.schema());
          batch
              .write()
              .format("delta")
              .mode("append")
              .option("mergeSchema", "true")
              .save(path(table));
          return null;
        });
  }

  /**
   * Creates the table unless it exists, idempotently: when concurrent writers race to create it,
   * one commit wins (Delta's put-if-absent of version 0) and every loser finds the table there and
   * goes on to append to it. A failure while the table still does not exist is retried a few times
   * (the winner's commit may not be visible yet), then rethrown.
   */
  private void ensureTable(String table, StructType schema) {
    for (int attempt = 1; !exists(table); attempt++) {
      try {
        create(table, schema);
        return;
      } catch (Exception e) { // Delta's analysis errors are checked in Java's eyes
        if (exists(table)) {
          LOG.debug("Delta table {} was created by another writer", table);
          return;
        }
        if (attempt >= 3) {
          throw e;
        }
        LOG.debug("Creating Delta table {} failed (attempt {}), retrying", table, attempt, e);
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(20L * attempt);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new MetaxyException(ErrorCode.STORE_FAILURE, "Interrupted while writing", ie);
    }
  }

  /**
   * Creates the table, with row tracking unless disabled: it gives every row the version of the
   * commit that wrote it, the order of merge-on-read whatever the writers' clocks say.
   */
  private void create(String table, StructType schema) {
    DeltaTable.createIfNotExists(spark)
        .location(path(table))
        .addColumns(schema)
        .property("delta.enableRowTracking", Boolean.toString(rowTracking))
        .execute();
  }

  /** Deletes the rows matching {@code condition} in one commit; returns how many were removed. */
  public long delete(String table, Column condition) {
    if (!exists(table)) {
      return 0;
    }
    return retrying(
        table,
        "delete from",
        () -> {
          long before = spark.read().format("delta").load(path(table)).where(condition).count();
          DeltaTable.forPath(spark, path(table)).delete(condition);
          return before;
        });
  }

  private <T> T retrying(String table, String what, Supplier<T> action) {
    Exception last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return action.get();
      } catch (Exception e) { // Delta's analysis errors are checked in Java's eyes
        if (!isConflict(e)) {
          throw e;
        }
        last = e;
        LOG.debug("Delta commit conflict on {} (attempt {}): {}", table, attempt, e.getMessage());
        try {
          Thread.sleep(20L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new MetaxyException(
        ErrorCode.STORE_FAILURE,
        "Could not "
            + what
            + " Delta table "
            + path(table)
            + ": other writers kept changing it concurrently ("
            + ATTEMPTS
            + " attempts). Nothing was written by this call; retry it.",
        last);
  }

  private static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.delta.exceptions.DeltaConcurrentModificationException
          || t instanceof java.nio.file.FileAlreadyExistsException
          || t instanceof org.apache.hadoop.fs.FileAlreadyExistsException) {
        return true;
      }
      String n = t.getClass().getName();
      if (n.contains("ConcurrentModification") || n.contains("ProtocolChanged")) {
        return true;
      }
      // another writer is creating the table right now (its log is not committed yet)
      String m = String.valueOf(t.getMessage());
      if (m.contains("DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION")
          || m.contains("DELTA_CREATE_TABLE_WITH_DIFFERENT_PROPERTY")
          || m.contains("DELTA_TABLE_NOT_FOUND")) {
        return true;
      }
    }
    return false;
  }
}
