package io.metaxy.adapter.ebean.internal;

import io.metaxy.domain.row.Row;
import io.metaxy.sql.SqlDialect;
import io.metaxy.sql.bulk.BulkColumn;
import io.metaxy.sql.bulk.RowSink;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Ebean store's rows on the shared row sinks ({@link RowSink}: PostgreSQL {@code COPY}, MariaDB
 * {@code LOAD DATA LOCAL INFILE}, multi-row inserts on H2), on the write's own connection, inside
 * its transaction: values converted as the row-by-row binding of {@link JdbcValues} converts them.
 */
final class BulkRows {
  private BulkRows() {}

  /** The shared module's dialect of a store dialect. */
  static SqlDialect sqlDialect(Dialect d) {
    return switch (d) {
      case H2 -> SqlDialect.H2;
      case POSTGRES -> SqlDialect.POSTGRES;
      case MARIADB -> SqlDialect.MARIADB;
    };
  }

  /**
   * The sink columns of the physical columns {@code physical} of JDBC types {@code types} (or
   * {@link JdbcValues#JSONB}); on MariaDB a column holding binary values in {@code rows} (logical
   * names {@code names}) is binary, so its rows go by multi-row inserts rather than as text.
   */
  static List<BulkColumn> columns(
      Dialect d, List<String> physical, int[] types, List<String> names, List<Row> rows) {
    List<BulkColumn> out = new ArrayList<>(physical.size());
    for (int i = 0; i < physical.size(); i++) {
      BulkColumn b = BulkColumn.ofJdbc(physical.get(i), types[i], d == Dialect.POSTGRES);
      if (d == Dialect.MARIADB && b.kind() != BulkColumn.Kind.BINARY) {
        String n = names.get(i);
        for (Row r : rows) {
          if (r.get(n) instanceof byte[]) {
            b = b.withKind(BulkColumn.Kind.BINARY);
            break;
          }
        }
      }
      out.add(b);
    }
    return out;
  }

  /** The sink of {@code table} (its SQL reference) and {@code columns} on {@code c}. */
  static RowSink open(Dialect d, Connection c, String table, List<BulkColumn> columns)
      throws SQLException {
    return RowSink.open(sqlDialect(d), c, table, columns, d::id);
  }

  /**
   * A value as the sinks take it, converted as {@link JdbcValues#bind} converts it: maps as compact
   * sorted JSON text, times as UTC {@code LocalDateTime} in microseconds, enums by name, UUIDs and
   * characters as text, numbers bound to text columns as text.
   */
  static Object value(Object v, int sqlType) {
    if (v == null) {
      return null;
    }
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, String> map = (Map<String, String>) m;
      return JsonMaps.write(map);
    }
    if (sqlType == JdbcValues.JSONB) {
      return v.toString();
    }
    if (v instanceof Instant i) {
      return LocalDateTime.ofInstant(i.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
    if (v instanceof OffsetDateTime o) {
      return value(o.toInstant(), sqlType);
    }
    if (v instanceof LocalDateTime l) {
      return l.truncatedTo(ChronoUnit.MICROS);
    }
    if (v instanceof java.sql.Timestamp t) {
      return value(t.toInstant(), sqlType);
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.util.Date d) {
      return value(d.toInstant(), sqlType);
    }
    if (v instanceof BigInteger b) {
      return b.longValueExact();
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof UUID || v instanceof Character || (v instanceof Number && text(sqlType))) {
      return v.toString();
    }
    return v;
  }

  private static boolean text(int t) {
    return t == Types.VARCHAR
        || t == Types.CHAR
        || t == Types.LONGVARCHAR
        || t == Types.CLOB
        || t == Types.NVARCHAR
        || t == Types.NCLOB;
  }
}
