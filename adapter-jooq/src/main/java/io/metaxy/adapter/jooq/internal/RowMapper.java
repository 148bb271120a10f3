package io.metaxy.adapter.jooq.internal;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Field;
import org.jooq.Record;

/** Converts records to domain rows: per-field columns back to maps, timestamps to UTC instants. */
public final class RowMapper {
  private RowMapper() {}

  public static Row toRow(Record r, List<String> only) {
    Field<?>[] fields = r.fields();
    String[] names = new String[fields.length];
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      names[i] = fields[i].getName();
      values[i] = r.get(i);
    }
    return toRow(names, values, only);
  }

  /** The row of the record's values at {@code positions}, named {@code names}. */
  public static Row toRow(Record r, int[] positions, List<String> names) {
    String[] n = new String[positions.length];
    Object[] v = new Object[positions.length];
    for (int i = 0; i < positions.length; i++) {
      n[i] = names.get(i);
      v[i] = r.get(positions[i]);
    }
    return toRow(n, v, null);
  }

  private static Row toRow(String[] names, Object[] values, List<String> only) {
    Row.Builder b = Row.builder();
    Map<String, String> pbf = null;
    Map<String, String> dvbf = null;
    for (int i = 0; i < names.length; i++) {
      String n = names[i];
      Object v = values[i];
      if (n.equals(Layout.WRITE_SEQ) || n.startsWith("__mx_")) {
        continue;
      }
      if (n.startsWith(Layout.PBF_PREFIX)) {
        pbf = pbf == null ? new TreeMap<>() : pbf;
        if (v != null) {
          pbf.put(n.substring(Layout.PBF_PREFIX.length()), v.toString());
        }
        continue;
      }
      if (n.startsWith(Layout.DVBF_PREFIX)) {
        dvbf = dvbf == null ? new TreeMap<>() : dvbf;
        if (v != null) {
          dvbf.put(n.substring(Layout.DVBF_PREFIX.length()), v.toString());
        }
        continue;
      }
      if (only != null && !only.contains(n)) {
        continue;
      }
      b.set(n, normalise(n, v));
    }
    if (pbf != null && (only == null || only.contains(SystemColumns.PROVENANCE_BY_FIELD))) {
      b.set(SystemColumns.PROVENANCE_BY_FIELD, pbf);
    }
    if (dvbf != null && (only == null || only.contains(SystemColumns.DATA_VERSION_BY_FIELD))) {
      b.set(SystemColumns.DATA_VERSION_BY_FIELD, dvbf);
    }
    return b.build();
  }

  static Object normalise(String column, Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float fl) {
      return fl.doubleValue();
    }
    if (v instanceof java.math.BigInteger bi) {
      return bi.longValue();
    }
    if (v instanceof BigDecimal bd && bd.scale() <= 0) {
      try {
        return bd.longValueExact();
      } catch (ArithmeticException e) {
        return bd;
      }
    }
    if (v instanceof Timestamp ts) {
      return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    if (v instanceof LocalDateTime ldt) {
      return ldt.toInstant(ZoneOffset.UTC);
    }
    if (v instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (v instanceof Instant) {
      return v;
    }
    return v;
  }
}
