package io.metaxy.sql.bulk;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DataType;

/**
 * One column of a bulk write: its physical name, how its values are encoded, and (DuckDB struct
 * columns) the struct members in table order.
 *
 * @param name physical column name
 * @param kind the encoding of its values
 * @param members struct members of a DuckDB map column; empty otherwise (the map is JSON text)
 */
public record BulkColumn(String name, Kind kind, List<String> members) {

  /** How values of a column are encoded; {@link #OTHER} dispatches on the value's class. */
  public enum Kind {
    INTEGER,
    FLOAT,
    DECIMAL,
    TIMESTAMP_TZ,
    BINARY,
    OTHER
  }

  public BulkColumn {
    members = List.copyOf(members);
  }

  /** The columns of a table ({@code physical}: name → type, in table order). */
  public static List<BulkColumn> of(
      Map<String, DataType<?>> physical, Map<String, List<String>> structMembers) {
    List<BulkColumn> out = new ArrayList<>(physical.size());
    physical.forEach(
        (name, t) ->
            out.add(new BulkColumn(name, kind(t), structMembers.getOrDefault(name, List.of()))));
    return out;
  }

  /**
   * A column by its JDBC type ({@link java.sql.Types}); {@code timestampsAtUtc}: plain timestamp
   * columns are time-zone columns too (PostgreSQL reports {@code timestamptz} as {@code TIMESTAMP};
   * its {@code timestamp} columns ignore the offset), so their UTC values keep their instant.
   */
  public static BulkColumn ofJdbc(String name, int sqlType, boolean timestampsAtUtc) {
    Kind k =
        switch (sqlType) {
          case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP_TZ;
          case Types.TIMESTAMP -> timestampsAtUtc ? Kind.TIMESTAMP_TZ : Kind.OTHER;
          case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BINARY;
          case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Kind.INTEGER;
          case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
          case Types.DOUBLE, Types.FLOAT, Types.REAL -> Kind.FLOAT;
          default -> Kind.OTHER;
        };
    return new BulkColumn(name, k, List.of());
  }

  /** This column with another encoding. */
  public BulkColumn withKind(Kind other) {
    return new BulkColumn(name, other, members);
  }

  private static Kind kind(DataType<?> t) {
    if (t == null) {
      return Kind.OTHER;
    }
    if (t.getType() == OffsetDateTime.class) {
      return Kind.TIMESTAMP_TZ;
    }
    if (t.isBinary()) {
      return Kind.BINARY;
    }
    if (t.isInteger()) {
      return Kind.INTEGER;
    }
    if (t.isDecimal()) {
      return Kind.DECIMAL;
    }
    if (t.isNumeric()) {
      return Kind.FLOAT;
    }
    return Kind.OTHER;
  }
}
