package io.metaxy.sql;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Record;

/** Converts records to domain rows: per-field columns back to maps, timestamps to UTC instants. */
public final class RowMapper {
  private RowMapper() {}

  /**
   * A mapper for the records of one cursor (all records share their fields): the column layout is
   * compiled once, from the first record, instead of per row.
   */
  public static Function<Record, Row> forCursor(List<String> only) {
    return new Function<>() {
      private Plan plan;

      @Override
      public Row apply(Record r) {
        if (plan == null) {
          Field<?>[] fields = r.fields();
          String[] names = new String[fields.length];
          for (int i = 0; i < fields.length; i++) {
            names[i] = fields[i].getName();
          }
          plan = Plan.of(names, identity(fields.length), only);
        }
        return plan.toRow(r);
      }
    };
  }

  private static int[] identity(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return p;
  }

  /**
   * A compiled column layout: which record positions become plain columns, which become entries of
   * {@code metaxy_provenance_by_field} / {@code metaxy_data_version_by_field} (in struct-key
   * order), which are skipped.
   */
  public static final class Plan {
    private final int[] plainPositions;
    private final String[] plainNames;
    private final int[] pbfPositions;
    private final String[] pbfKeys;
    private final int[] dvbfPositions;
    private final String[] dvbfKeys;
    private final boolean pbf;
    private final boolean dvbf;
    private final int pbfWhole;
    private final int dvbfWhole;

    private Plan(
        List<int[]> plain,
        List<String> plainNames,
        TreeMap<String, Integer> pbf,
        TreeMap<String, Integer> dvbf,
        boolean keepPbf,
        boolean keepDvbf,
        int pbfWhole,
        int dvbfWhole) {
      this.pbfWhole = pbfWhole;
      this.dvbfWhole = dvbfWhole;
      this.plainPositions = plain.stream().mapToInt(a -> a[0]).toArray();
      this.plainNames = plainNames.toArray(String[]::new);
      this.pbfPositions = pbf.values().stream().mapToInt(Integer::intValue).toArray();
      this.pbfKeys = pbf.keySet().toArray(String[]::new);
      this.dvbfPositions = dvbf.values().stream().mapToInt(Integer::intValue).toArray();
      this.dvbfKeys = dvbf.keySet().toArray(String[]::new);
      this.pbf = keepPbf;
      this.dvbf = keepDvbf;
    }

    /** Compiles the layout of columns {@code names} read at record {@code positions}. */
    public static Plan of(String[] names, int[] positions, List<String> only) {
      List<int[]> plain = new ArrayList<>();
      List<String> plainNames = new ArrayList<>();
      TreeMap<String, Integer> pbf = new TreeMap<>();
      TreeMap<String, Integer> dvbf = new TreeMap<>();
      int pbfWhole = -1;
      int dvbfWhole = -1;
      for (int i = 0; i < names.length; i++) {
        String n = names[i];
        if (n.equals(Layout.WRITE_SEQ) || n.startsWith("__mx_")) {
          continue;
        }
        if (n.equals(SystemColumns.PROVENANCE_BY_FIELD)) {
          pbfWhole = positions[i]; // a map column (python layout)
        } else if (n.equals(SystemColumns.DATA_VERSION_BY_FIELD)) {
          dvbfWhole = positions[i];
        } else if (n.startsWith(Layout.PBF_PREFIX)) {
          pbf.put(n.substring(Layout.PBF_PREFIX.length()), positions[i]);
        } else if (n.startsWith(Layout.DVBF_PREFIX)) {
          dvbf.put(n.substring(Layout.DVBF_PREFIX.length()), positions[i]);
        } else if (only == null || only.contains(n)) {
          plain.add(new int[] {positions[i]});
          plainNames.add(n);
        }
      }
      boolean anyPbf = !pbf.isEmpty() || pbfWhole >= 0;
      boolean anyDvbf = !dvbf.isEmpty() || dvbfWhole >= 0;
      return new Plan(
          plain,
          plainNames,
          pbf,
          dvbf,
          anyPbf && (only == null || only.contains(SystemColumns.PROVENANCE_BY_FIELD)),
          anyDvbf && (only == null || only.contains(SystemColumns.DATA_VERSION_BY_FIELD)),
          pbfWhole,
          dvbfWhole);
    }

    /** The row of one record. */
    public Row toRow(Record r) {
      Row.Builder b = Row.builder();
      for (int i = 0; i < plainPositions.length; i++) {
        b.set(plainNames[i], normalise(plainNames[i], r.get(plainPositions[i])));
      }
      if (pbf) {
        Map<String, String> m = fieldMap(r, pbfPositions, pbfKeys);
        if (pbfWhole >= 0) {
          m.putAll(MapValues.fromDatabase(r.get(pbfWhole)));
        }
        b.set(SystemColumns.PROVENANCE_BY_FIELD, m);
      }
      if (dvbf) {
        Map<String, String> m = fieldMap(r, dvbfPositions, dvbfKeys);
        if (dvbfWhole >= 0) {
          m.putAll(MapValues.fromDatabase(r.get(dvbfWhole)));
        }
        b.set(SystemColumns.DATA_VERSION_BY_FIELD, m);
      }
      return b.build();
    }

    /** The row of the current row of a JDBC result set (plan positions are 0-based). */
    public Row toRow(java.sql.ResultSet rs) throws java.sql.SQLException {
      Row.Builder b = Row.builder();
      for (int i = 0; i < plainPositions.length; i++) {
        b.set(plainNames[i], normalise(plainNames[i], rs.getObject(plainPositions[i] + 1)));
      }
      if (pbf) {
        Map<String, String> m = fieldMap(rs, pbfPositions, pbfKeys);
        if (pbfWhole >= 0) {
          m.putAll(MapValues.fromDatabase(rs.getObject(pbfWhole + 1)));
        }
        b.set(SystemColumns.PROVENANCE_BY_FIELD, m);
      }
      if (dvbf) {
        Map<String, String> m = fieldMap(rs, dvbfPositions, dvbfKeys);
        if (dvbfWhole >= 0) {
          m.putAll(MapValues.fromDatabase(rs.getObject(dvbfWhole + 1)));
        }
        b.set(SystemColumns.DATA_VERSION_BY_FIELD, m);
      }
      return b.build();
    }

    private static Map<String, String> fieldMap(
        java.sql.ResultSet rs, int[] positions, String[] keys) throws java.sql.SQLException {
      Map<String, String> m = new LinkedHashMap<>(keys.length * 2);
      for (int i = 0; i < keys.length; i++) {
        String v = rs.getString(positions[i] + 1);
        if (v != null) {
          m.put(keys[i], v);
        }
      }
      return m;
    }

    private static Map<String, String> fieldMap(Record r, int[] positions, String[] keys) {
      Map<String, String> m = new LinkedHashMap<>(keys.length * 2);
      for (int i = 0; i < keys.length; i++) {
        Object v = r.get(positions[i]);
        if (v != null) {
          m.put(keys[i], v.toString());
        }
      }
      return m;
    }
  }

  /** A timestamp value as the driver returned it, as an instant (other values unchanged). */
  public static Object normaliseTime(Object v) {
    return normalise(null, v);
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
