package io.metaxy.adapter.spark.internal;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Spark types of the user columns of a write: one type per column, within the batch and against the
 * table (the rest of the write contract is {@code io.metaxy.domain.write.WriteContract}). Every
 * error names the feature and the column; nothing is written when one is raised.
 */
public final class Writes {
  private static final Set<String> SYSTEM = Set.copyOf(SystemColumns.ALL);

  private Writes() {}

  /**
   * The Spark type of every user column of the batch, in first-seen order; a column whose values
   * are all null takes the table's type or {@code string}.
   */
  public static Map<String, DataType> userColumnTypes(
      FeatureSpec spec, List<Row> rows, StructType existing) {
    Map<String, DataType> types = new LinkedHashMap<>();
    Map<String, Integer> firstRow = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      for (Map.Entry<String, Object> e : rows.get(i).asMap().entrySet()) {
        String c = e.getKey();
        if (SystemColumns.isReserved(c)) {
          continue;
        }
        types.putIfAbsent(c, null);
        Object v = e.getValue();
        if (v == null) {
          continue;
        }
        DataType t = RowCodec.typeOf(v);
        if (t == null) {
          throw invalid(
              "Row "
                  + i
                  + " written to feature "
                  + spec.key()
                  + " has a "
                  + typeName(v)
                  + " in column \""
                  + c
                  + "\": the Spark store writes numbers, strings, booleans, timestamps, dates,"
                  + " byte arrays and lists. Convert the value. Nothing was written.");
        }
        DataType prev = types.get(c);
        if (prev == null) {
          DataType stored =
              existing != null && Relations.has(existing, c) ? existing.apply(c).dataType() : null;
          if (stored != null && !RowCodec.compatible(stored, t)) {
            throw mismatch(spec, i, c, v, stored.simpleString());
          }
          types.put(c, stored != null ? stored : t);
          firstRow.put(c, i);
        } else if (!RowCodec.compatible(prev, t)) {
          throw mismatch(spec, i, c, v, prev.simpleString());
        }
      }
    }
    types.replaceAll(
        (c, t) ->
            t != null
                ? t
                : existing != null && Relations.has(existing, c)
                    ? existing.apply(c).dataType()
                    : org.apache.spark.sql.types.DataTypes.StringType);
    return types;
  }

  private static MetaxyException mismatch(
      FeatureSpec spec, int index, String column, Object v, String held) {
    return invalid(
        "Row "
            + index
            + " written to feature "
            + spec.key()
            + " has a "
            + typeName(v)
            + " in column \""
            + column
            + "\", which holds "
            + held
            + " values: write the same type in every row. Nothing was written.");
  }

  private static String typeName(Object v) {
    return v.getClass().getSimpleName() + " (" + v + ")";
  }

  private static MetaxyException invalid(String message) {
    return new MetaxyException(ErrorCode.INVALID_ROW, message);
  }
}
