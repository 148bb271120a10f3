package io.metaxy.adapter.spark.internal;

import io.metaxy.domain.spec.SystemColumns;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Converts between Metaxy rows and Spark rows. User values map to Spark types by Java class
 * (integers to {@code bigint}, floating point to {@code double}, {@link BigDecimal} to {@code
 * decimal(38,18)}, strings, booleans, instants to {@code timestamp}, dates, byte arrays, lists of
 * strings); per-field maps are structs of strings with one field per field struct key.
 */
public final class RowCodec {
  /** The hidden column ordering rows written at the same instant (never returned). */
  public static final String WRITE_SEQ = "metaxy_write_seq";

  private RowCodec() {}

  /** The Spark type of a user value, or {@code null} when it has none. */
  public static DataType typeOf(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return DataTypes.LongType;
    }
    if (v instanceof BigInteger) {
      return DataTypes.createDecimalType(38, 0);
    }
    if (v instanceof Double || v instanceof Float) {
      return DataTypes.DoubleType;
    }
    if (v instanceof BigDecimal) {
      return DataTypes.createDecimalType(38, 18);
    }
    if (v instanceof CharSequence || v instanceof Character) {
      return DataTypes.StringType;
    }
    if (v instanceof Boolean) {
      return DataTypes.BooleanType;
    }
    if (v instanceof Instant
        || v instanceof OffsetDateTime
        || v instanceof ZonedDateTime
        || v instanceof java.util.Date) {
      return DataTypes.TimestampType;
    }
    if (v instanceof LocalDate) {
      return DataTypes.DateType;
    }
    if (v instanceof byte[]) {
      return DataTypes.BinaryType;
    }
    if (v instanceof List<?>) {
      return DataTypes.createArrayType(DataTypes.StringType);
    }
    return null;
  }

  /** True when values of type {@code given} may be written to a column of type {@code stored}. */
  public static boolean compatible(DataType stored, DataType given) {
    if (stored.equals(given)) {
      return true;
    }
    if (stored instanceof DecimalType && given instanceof DecimalType) {
      return true;
    }
    return stored.equals(DataTypes.IntegerType) && given.equals(DataTypes.LongType)
        || stored.equals(DataTypes.DoubleType) && given.equals(DataTypes.FloatType);
  }

  /** A user value converted to the external Spark type of {@code type}. */
  public static Object toSpark(Object v, DataType type, boolean java8Time) {
    if (v == null) {
      return null;
    }
    if (type.equals(DataTypes.LongType)) {
      return ((Number) v).longValue();
    }
    if (type.equals(DataTypes.IntegerType)) {
      return ((Number) v).intValue();
    }
    if (type.equals(DataTypes.DoubleType)) {
      return ((Number) v).doubleValue();
    }
    if (type instanceof DecimalType) {
      return v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
    }
    if (type.equals(DataTypes.StringType)) {
      return v.toString();
    }
    if (type.equals(DataTypes.TimestampType)) {
      Instant i = instant(v);
      return java8Time ? i : Timestamp.from(i);
    }
    if (type.equals(DataTypes.DateType)) {
      return java8Time ? v : java.sql.Date.valueOf((LocalDate) v);
    }
    if (type instanceof ArrayType) {
      List<String> out = new ArrayList<>();
      for (Object o : (List<?>) v) {
        out.add(o == null ? null : o.toString());
      }
      return CollectionConverters.asScala(out).toSeq();
    }
    return v;
  }

  /** An instant from the Java time types a row may hold, or {@code null}. */
  public static Instant instant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof java.util.Date d) {
      return d.toInstant();
    }
    return null;
  }

  /** A per-field map as a struct value with the given field names (absent keys null). */
  public static org.apache.spark.sql.Row struct(Map<String, String> map, List<String> names) {
    Object[] values = new Object[names.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = map.get(names.get(i));
    }
    return org.apache.spark.sql.RowFactory.create(values);
  }

  /** The struct type of per-field maps with the given field names. */
  public static StructType structType(List<String> names) {
    List<StructField> f = new ArrayList<>();
    for (String n : names) {
      f.add(DataTypes.createStructField(n, DataTypes.StringType, true));
    }
    return DataTypes.createStructType(f);
  }

  /** A Spark row read back as a Metaxy row; {@link #WRITE_SEQ} is dropped. */
  public static io.metaxy.domain.row.Row fromSpark(org.apache.spark.sql.Row r) {
    StructType schema = r.schema();
    io.metaxy.domain.row.Row.Builder b = io.metaxy.domain.row.Row.builder();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name();
      if (name.equals(WRITE_SEQ)) {
        continue;
      }
      b.set(name, fromSpark(r.get(i), fields[i].dataType(), name));
    }
    return b.build();
  }

  private static Object fromSpark(Object v, DataType type, String name) {
    if (v == null) {
      return name.equals(SystemColumns.PROVENANCE_BY_FIELD)
              || name.equals(SystemColumns.DATA_VERSION_BY_FIELD)
          ? new TreeMap<String, String>()
          : null;
    }
    if (v instanceof org.apache.spark.sql.Row s && type instanceof StructType st) {
      Map<String, String> m = new TreeMap<>();
      for (int i = 0; i < st.fields().length; i++) {
        Object x = s.get(i);
        if (x != null) {
          m.put(st.fields()[i].name(), x.toString());
        }
      }
      return m;
    }
    if (v instanceof scala.collection.Map<?, ?> sm) {
      Map<String, String> m = new TreeMap<>();
      CollectionConverters.asJava(sm)
          .forEach(
              (k, x) -> {
                if (x != null) {
                  m.put(k.toString(), x.toString());
                }
              });
      return m;
    }
    if (v instanceof Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      return new ArrayList<>(CollectionConverters.asJava(seq));
    }
    return v;
  }
}
