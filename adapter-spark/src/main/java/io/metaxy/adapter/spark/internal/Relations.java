package io.metaxy.adapter.spark.internal;

import io.metaxy.domain.spec.SystemColumns;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/** Column references and merge-on-read over Delta feature tables. */
public final class Relations {
  private static final String RN = "__mx_rn";

  private Relations() {}

  /** A reference to a top-level column, whatever characters its name holds. */
  public static Column col(String name) {
    return functions.col(quote(name));
  }

  /** A reference to {@code alias.name}. */
  public static Column col(String alias, String name) {
    return functions.col(quote(alias) + "." + quote(name));
  }

  public static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  public static boolean has(StructType schema, String column) {
    return Arrays.asList(schema.fieldNames()).contains(column);
  }

  /** True when the per-field struct column {@code column} has the field {@code structKey}. */
  public static boolean hasField(StructType schema, String column, String structKey) {
    if (!has(schema, column)) {
      return false;
    }
    return schema.apply(column).dataType() instanceof StructType s
        && Arrays.asList(s.fieldNames()).contains(structKey);
  }

  /** The commit version of each row of a Delta scan with row tracking, or null without it. */
  public static Column commitVersion(Dataset<Row> scan) {
    try {
      scan.select(functions.col(COMMIT_VERSION)).schema();
      return functions.col(COMMIT_VERSION);
    } catch (Exception e) { // AnalysisException (checked in Java's eyes): no row tracking
      return null;
    }
  }

  private static final String COMMIT_VERSION = "_metadata.row_commit_version";

  /**
   * The order rows of {@code table} were written in: commit version (row tracking; without it the
   * latest of deleted and updated time), then the order within the write.
   */
  public static Column[] commitOrder(Dataset<Row> table) {
    Column seq =
        has(table.schema(), RowCodec.WRITE_SEQ) ? col(RowCodec.WRITE_SEQ) : functions.lit(0L);
    Column cv = commitVersion(table);
    Column first =
        cv != null
            ? cv
            : functions.coalesce(col(SystemColumns.DELETED_AT), col(SystemColumns.UPDATED_AT));
    return new Column[] {first.asc_nulls_first(), seq.asc_nulls_first()};
  }

  /**
   * The latest row per {@code partition} (of feature version {@code featureVersion} unless null):
   * the row of the write that committed last (Delta row tracking's commit version, then the order
   * within the write); for tables without row tracking (written by other tools) the latest {@code
   * coalesce(deleted_at, updated_at)}, then write order. Tombstones dropped unless {@code
   * keepDeleted}.
   */
  public static Dataset<Row> latest(
      Dataset<Row> table, List<String> partition, String featureVersion, boolean keepDeleted) {
    Dataset<Row> d =
        featureVersion == null
            ? table
            : table.where(col(SystemColumns.FEATURE_VERSION).equalTo(featureVersion));
    Column seq =
        has(table.schema(), RowCodec.WRITE_SEQ) ? col(RowCodec.WRITE_SEQ) : functions.lit(0L);
    Column[] part = partition.stream().map(Relations::col).toArray(Column[]::new);
    Column cv = commitVersion(table);
    WindowSpec w =
        Window.partitionBy(part)
            .orderBy(
                cv != null
                    ? cv.desc_nulls_last()
                    : functions
                        .coalesce(col(SystemColumns.DELETED_AT), col(SystemColumns.UPDATED_AT))
                        .desc_nulls_last(),
                seq.desc_nulls_last());
    d = d.withColumn(RN, functions.row_number().over(w)).where(col(RN).equalTo(1)).drop(RN);
    if (!keepDeleted) {
      d = d.where(col(SystemColumns.DELETED_AT).isNull());
    }
    return d;
  }
}
