package io.metaxy.adapter.jooq;

import io.metaxy.domain.column.ColumnDescriptor;
import io.metaxy.domain.column.ColumnRules;
import io.metaxy.domain.spec.FeatureSpec;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/**
 * A feature as jOOQ users declare it: a {@link FeatureSpec} plus its user columns (name, SQL type,
 * nullability), from an explicit list or an annotated Java record. The store creates tables and
 * migration scripts with these types instead of inferring them from the first written rows.
 */
public final class JooqFeature {
  private final FeatureSpec spec;
  private final List<JooqColumn> columns;

  private JooqFeature(FeatureSpec spec, List<JooqColumn> columns) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.columns = List.copyOf(columns);
    List<ColumnDescriptor> ds = new ArrayList<>();
    for (JooqColumn c : columns) {
      ds.add(
          c.type().identity()
              ? ColumnDescriptor.generated(
                  c.name(),
                  c.type().getName(),
                  ColumnDescriptor.ValueGeneration.IDENTITY,
                  "jOOQ identity type")
              : c.type().defaulted()
                  ? ColumnDescriptor.generated(
                      c.name(),
                      c.type().getName(),
                      ColumnDescriptor.ValueGeneration.SERVER_DEFAULT,
                      "jOOQ default value")
                  : ColumnDescriptor.of(c.name(), c.type().getName(), c.nullable()));
    }
    ColumnRules.check(spec.key(), spec.idColumns(), ds);
  }

  /** A feature with explicitly typed columns. */
  public static JooqFeature of(FeatureSpec spec, JooqColumn... columns) {
    return new JooqFeature(spec, List.of(columns));
  }

  /** A feature with explicitly typed columns. */
  public static JooqFeature of(FeatureSpec spec, List<JooqColumn> columns) {
    return new JooqFeature(spec, columns);
  }

  /**
   * A feature whose columns are the components of {@code recordClass} (types mapped from Java:
   * String, long/Long, int/Integer, double/Double, BigDecimal, boolean/Boolean, Instant,
   * LocalDateTime, LocalDate, byte[]), optionally refined by {@link MetaxyColumn}.
   */
  public static JooqFeature fromRecord(FeatureSpec spec, Class<? extends Record> recordClass) {
    List<JooqColumn> cols = new ArrayList<>();
    for (RecordComponent rc : recordClass.getRecordComponents()) {
      MetaxyColumn ann = rc.getAnnotation(MetaxyColumn.class);
      String name = ann != null && !ann.name().isEmpty() ? ann.name() : rc.getName();
      boolean nullable =
          !rc.getType().isPrimitive() && (ann == null || ann.nullable()) && !isId(spec, name);
      cols.add(new JooqColumn(name, typeOf(rc.getType(), recordClass, name), nullable));
    }
    return new JooqFeature(spec, cols);
  }

  private static boolean isId(FeatureSpec spec, String name) {
    return spec.idColumns().contains(name);
  }

  private static DataType<?> typeOf(Class<?> t, Class<?> owner, String name) {
    if (t == String.class) {
      return SQLDataType.VARCHAR;
    }
    if (t == long.class || t == Long.class || t == int.class || t == Integer.class) {
      return SQLDataType.BIGINT;
    }
    if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
      return SQLDataType.DOUBLE;
    }
    if (t == BigDecimal.class) {
      return SQLDataType.DECIMAL(38, 10);
    }
    if (t == boolean.class || t == Boolean.class) {
      return SQLDataType.BOOLEAN;
    }
    if (t == Instant.class || t == LocalDateTime.class) {
      return SQLDataType.LOCALDATETIME(6);
    }
    if (t == LocalDate.class) {
      return SQLDataType.LOCALDATE;
    }
    if (t == byte[].class) {
      return SQLDataType.BLOB;
    }
    throw new IllegalArgumentException(
        "Record "
            + owner.getName()
            + ": component "
            + name
            + " has type "
            + t.getName()
            + ", which has no column mapping; declare the feature with JooqFeature.of(spec,"
            + " columns).");
  }

  public FeatureSpec spec() {
    return spec;
  }

  public List<JooqColumn> columns() {
    return columns;
  }
}
