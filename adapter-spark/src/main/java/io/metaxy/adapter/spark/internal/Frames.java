package io.metaxy.adapter.spark.internal;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds DataFrames in the feature-table layout from complete Metaxy rows (every system column
 * given): user columns, then the system columns with per-field maps as structs of strings, then
 * {@code metaxy_write_seq}.
 */
public final class Frames {
  private Frames() {}

  /** The frame of {@code rows}; {@code existing} is the table's schema or {@code null}. */
  public static Dataset<org.apache.spark.sql.Row> of(
      SparkSession spark, FeatureSpec spec, List<Row> rows, StructType existing, long firstSeq) {
    Map<String, DataType> user = Writes.userColumnTypes(spec, rows, existing);
    TreeSet<String> pbfKeys = new TreeSet<>();
    TreeSet<String> dvKeys = new TreeSet<>();
    for (Row r : rows) {
      pbfKeys.addAll(r.getMap(SystemColumns.PROVENANCE_BY_FIELD).keySet());
      dvKeys.addAll(r.getMap(SystemColumns.DATA_VERSION_BY_FIELD).keySet());
    }
    List<String> pk = new ArrayList<>(pbfKeys);
    List<String> dk = new ArrayList<>(dvKeys);
    StructType schema = new StructType();
    for (Map.Entry<String, DataType> e : user.entrySet()) {
      schema = schema.add(e.getKey(), e.getValue(), !spec.idColumns().contains(e.getKey()));
    }
    schema =
        schema
            .add(SystemColumns.PROVENANCE_BY_FIELD, RowCodec.structType(pk))
            .add(SystemColumns.PROVENANCE, DataTypes.StringType)
            .add(SystemColumns.DATA_VERSION_BY_FIELD, RowCodec.structType(dk))
            .add(SystemColumns.DATA_VERSION, DataTypes.StringType)
            .add(SystemColumns.FEATURE_VERSION, DataTypes.StringType)
            .add(SystemColumns.PROJECT_VERSION, DataTypes.StringType)
            .add(SystemColumns.CREATED_AT, DataTypes.TimestampType)
            .add(SystemColumns.UPDATED_AT, DataTypes.TimestampType)
            .add(SystemColumns.DELETED_AT, DataTypes.TimestampType)
            .add(SystemColumns.MATERIALIZATION_ID, DataTypes.StringType)
            .add(RowCodec.WRITE_SEQ, DataTypes.LongType);
    boolean java8 =
        Boolean.parseBoolean(spark.conf().get("spark.sql.datetime.java8API.enabled", "false"));
    List<org.apache.spark.sql.Row> out = new ArrayList<>(rows.size());
    long seq = firstSeq;
    for (Row r : rows) {
      Object[] v = new Object[schema.size()];
      int i = 0;
      for (Map.Entry<String, DataType> e : user.entrySet()) {
        v[i++] = RowCodec.toSpark(r.get(e.getKey()), e.getValue(), java8);
      }
      v[i++] = RowCodec.struct(r.getMap(SystemColumns.PROVENANCE_BY_FIELD), pk);
      v[i++] = str(r.get(SystemColumns.PROVENANCE));
      v[i++] = RowCodec.struct(r.getMap(SystemColumns.DATA_VERSION_BY_FIELD), dk);
      v[i++] = str(r.get(SystemColumns.DATA_VERSION));
      v[i++] = str(r.get(SystemColumns.FEATURE_VERSION));
      v[i++] = str(r.get(SystemColumns.PROJECT_VERSION));
      for (String c :
          List.of(SystemColumns.CREATED_AT, SystemColumns.UPDATED_AT, SystemColumns.DELETED_AT)) {
        v[i++] = RowCodec.toSpark(RowCodec.instant(r.get(c)), DataTypes.TimestampType, java8);
      }
      v[i++] = str(r.get(SystemColumns.MATERIALIZATION_ID));
      v[i] = seq++;
      out.add(RowFactory.create(v));
    }
    // one file per commit for small batches: every file costs each later scan an open
    int files = Math.max(1, rows.size() / ROWS_PER_FILE);
    return spark.createDataFrame(out, schema).coalesce(files);
  }

  private static final int ROWS_PER_FILE = 500_000;

  /** A frame of the ID columns of {@code rows}, typed as in {@code existing} where it has them. */
  public static Dataset<org.apache.spark.sql.Row> keys(
      SparkSession spark, FeatureSpec spec, List<Row> rows, StructType existing) {
    Map<String, DataType> types = Writes.userColumnTypes(spec, rows, existing);
    StructType schema = new StructType();
    for (String id : spec.idColumns()) {
      schema = schema.add(id, types.getOrDefault(id, DataTypes.StringType));
    }
    boolean java8 =
        Boolean.parseBoolean(spark.conf().get("spark.sql.datetime.java8API.enabled", "false"));
    List<org.apache.spark.sql.Row> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Object[] v = new Object[schema.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] =
            RowCodec.toSpark(r.get(spec.idColumns().get(i)), schema.fields()[i].dataType(), java8);
      }
      out.add(RowFactory.create(v));
    }
    return spark.createDataFrame(out, schema);
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
