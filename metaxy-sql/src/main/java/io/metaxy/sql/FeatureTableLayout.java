package io.metaxy.sql;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;

import io.metaxy.domain.spec.SystemColumns;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;
import org.jooq.impl.SQLDataType;

/**
 * How a feature table lays its rows out ({@link TableLayout}): the system columns and their types,
 * how per-field map values are read ({@link #mapValue}) and written, and the order of
 * merge-on-read.
 *
 * <ul>
 *   <li>{@link TableLayout#PYTHON}: Python Metaxy 0.1.11's columns and order; per-field maps are
 *       one column each (DuckDB {@code STRUCT}, PostgreSQL {@code jsonb}, MariaDB {@code JSON}, H2
 *       compact sorted JSON text); the latest row has the greatest {@code coalesce(deleted_at,
 *       updated_at)}, then {@code metaxy_write_seq} (nullable; rows Python wrote have none).
 *   <li>{@link TableLayout#SEED}: one column per field ({@link Layout#pbf}), the row's project
 *       version in the physical column {@code metaxy_snapshot_version}, latest by {@code
 *       metaxy_write_seq}. Staging tables of a resolve use this flat shape too.
 * </ul>
 */
public final class FeatureTableLayout {
  /** The physical column of the seed layout holding the row's project version. */
  public static final String SEED_PROJECT_VERSION = "metaxy_snapshot_version";

  private static final FeatureTableLayout FLAT = new FeatureTableLayout(TableLayout.SEED, null);

  private final TableLayout layout;
  private final SqlDialect dialect;

  private FeatureTableLayout(TableLayout layout, SqlDialect dialect) {
    this.layout = layout;
    this.dialect = dialect;
  }

  public static FeatureTableLayout of(TableLayout layout, SqlDialect dialect) {
    return new FeatureTableLayout(layout, dialect);
  }

  /** The flat layout of staging tables (one column per field, ordered by write sequence). */
  public static FeatureTableLayout flat() {
    return FLAT;
  }

  public boolean python() {
    return layout == TableLayout.PYTHON;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** Whether {@code column} is a per-field map column of this layout. */
  public boolean isMapColumn(String column) {
    return python()
        && (column.equals(SystemColumns.PROVENANCE_BY_FIELD)
            || column.equals(SystemColumns.DATA_VERSION_BY_FIELD));
  }

  // ------------------------------------------------------------------ DDL

  /**
   * The system columns of a feature table in table order, for per-field maps with {@code
   * provenanceKeys} and {@code dataVersionKeys} (struct keys, sorted).
   */
  public Map<String, DataType<?>> systemColumns(
      DialectSql sql, List<String> provenanceKeys, List<String> dataVersionKeys) {
    Map<String, DataType<?>> out = new LinkedHashMap<>();
    if (!python()) {
      for (String sk : provenanceKeys) {
        out.put(Layout.pbf(sk), sql.shortStringType());
      }
      for (String sk : dataVersionKeys) {
        out.put(Layout.dvbf(sk), sql.shortStringType());
      }
      for (String c : Layout.SCALAR_SYSTEM) {
        String physical = c.equals(SystemColumns.PROJECT_VERSION) ? SEED_PROJECT_VERSION : c;
        out.put(
            physical,
            Layout.isTimestamp(c)
                ? sql.timestampType()
                : c.equals(Layout.WRITE_SEQ) ? SQLDataType.BIGINT : sql.shortStringType());
      }
      return out;
    }
    DataType<?> text = sql.shortStringType();
    DataType<?> ts = timestampTzType();
    out.put(SystemColumns.PROVENANCE_BY_FIELD, mapType(provenanceKeys));
    out.put(SystemColumns.FEATURE_VERSION, text);
    out.put(SystemColumns.PROJECT_VERSION, text);
    out.put(SystemColumns.PROVENANCE, text);
    out.put(SystemColumns.CREATED_AT, ts);
    out.put(SystemColumns.UPDATED_AT, ts);
    out.put(SystemColumns.DELETED_AT, ts);
    out.put(SystemColumns.MATERIALIZATION_ID, text);
    out.put(SystemColumns.DATA_VERSION_BY_FIELD, mapType(dataVersionKeys));
    out.put(SystemColumns.DATA_VERSION, text);
    // no metaxy_write_seq: Python 0.1.11 refuses to join two upstream tables that both carry a
    // column it does not know (a "column collision"); Java's writes are ordered by strictly
    // increasing stamps instead (see changedAt and StoreWriter)
    return out;
  }

  /** The type of a timestamp system column of the python layout. */
  public DataType<?> timestampTzType() {
    return switch (dialect) {
      case DUCKDB -> DefaultDataType.getDefaultDataType("TIMESTAMPTZ");
      case MARIADB -> SQLDataType.LOCALDATETIME(6);
      default -> SQLDataType.TIMESTAMPWITHTIMEZONE(6);
    };
  }

  /** The type of a per-field map column holding {@code keys} (DuckDB: the struct's members). */
  public DataType<?> mapType(List<String> keys) {
    return switch (dialect) {
      case DUCKDB -> DefaultDataType.getDefaultDataType(structType(keys));
      case POSTGRES -> SQLDataType.JSONB;
      case MARIADB -> SQLDataType.JSON;
      case H2 -> SQLDataType.VARCHAR;
    };
  }

  static String structType(List<String> keys) {
    List<String> members = new ArrayList<>();
    for (String k : keys) {
      members.add(quoteDuck(k) + " VARCHAR");
    }
    // an empty struct is not a type: a feature without fields keeps a placeholder-free null map
    return members.isEmpty() ? "VARCHAR" : "STRUCT(" + String.join(", ", members) + ")";
  }

  /** A DuckDB identifier in double quotes. */
  public static String quoteDuck(String id) {
    return "\"" + id.replace("\"", "\"\"") + "\"";
  }

  /** Struct member names of a DuckDB type name such as {@code STRUCT("a b" VARCHAR, f VARCHAR)}. */
  public static List<String> structMembers(String typeName) {
    List<String> out = new ArrayList<>();
    if (typeName == null || !typeName.toUpperCase(java.util.Locale.ROOT).startsWith("STRUCT(")) {
      return out;
    }
    String s = typeName.substring("STRUCT(".length(), typeName.length() - 1);
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
        i++;
      }
      if (i >= s.length()) {
        break;
      }
      StringBuilder n = new StringBuilder();
      if (s.charAt(i) == '"') {
        i++;
        while (i < s.length()) {
          char ch = s.charAt(i++);
          if (ch == '"') {
            if (i < s.length() && s.charAt(i) == '"') {
              n.append('"');
              i++;
            } else {
              break;
            }
          } else {
            n.append(ch);
          }
        }
      } else {
        while (i < s.length() && s.charAt(i) != ' ') {
          n.append(s.charAt(i++));
        }
      }
      out.add(n.toString());
      // skip the member's type, which may nest parentheses
      int depth = 0;
      while (i < s.length()) {
        char ch = s.charAt(i);
        if (ch == '(') {
          depth++;
        } else if (ch == ')') {
          depth--;
        } else if (ch == ',' && depth == 0) {
          break;
        }
        i++;
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ reads

  private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");

  /** The text value of key {@code key} of map column {@code map} (null when absent). */
  public Field<String> mapValue(Field<?> map, String key) {
    return switch (dialect) {
      case DUCKDB -> field("struct_extract({0}, {1})", String.class, map, inline(key));
      case POSTGRES -> field("({0} ->> {1})", String.class, map, inline(key));
      case MARIADB ->
          field(
              "json_value({0}, {1})",
              String.class,
              map,
              inline("$.\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
      case H2 -> {
        // compact JSON written by the store: "key":"value", values without quotes or escapes
        String k = REGEX_SPECIAL.matcher(MapValues.escape(key)).replaceAll("\\\\$0");
        yield field(
            "regexp_substr({0}, {1}, 1, 1, '', 1)",
            String.class, map, inline("\"" + k + "\":\"([^\"]*)\""));
      }
    };
  }

  /**
   * Merge-on-read order, greatest first: python {@code coalesce(deleted_at, updated_at) DESC,
   * write_seq DESC NULLS LAST}; seed and staging {@code write_seq DESC}.
   */
  public List<SortField<?>> latestFirst(
      FeatureTable ft, java.util.function.Function<String, Field<Object>> col) {
    List<SortField<?>> out = new ArrayList<>();
    if (python()) {
      out.add(changedAt(col).desc());
      if (ft.hasPhysical(Layout.WRITE_SEQ)) {
        out.add(col.apply(Layout.WRITE_SEQ).desc().nullsLast());
      }
    } else {
      out.add(col.apply(Layout.WRITE_SEQ).desc());
    }
    return out;
  }

  /**
   * The time a row changed the sample: {@code coalesce(deleted_at, updated_at)} (Python's rule),
   * but never before the row's own {@code updated_at}: a row written now with a caller-given {@code
   * deleted_at} in the past still hides the sample's older rows (the write contract), where Python
   * would rank it at that past time. Rows with {@code deleted_at >= updated_at} (every soft delete
   * of Java and Python) rank exactly as in Python.
   */
  public static Field<Object> changedAt(java.util.function.Function<String, Field<Object>> col) {
    Field<Object> deleted = col.apply(SystemColumns.DELETED_AT);
    Field<Object> updated = col.apply(SystemColumns.UPDATED_AT);
    return DSL.greatest(DSL.coalesce(deleted, updated), DSL.coalesce(updated, deleted));
  }

  /** The condition "row {@code n} is newer than row {@code t}" of the anti-join merge-on-read. */
  public org.jooq.Condition newer(
      FeatureTable ft,
      java.util.function.Function<String, Field<Object>> n,
      java.util.function.Function<String, Field<Object>> t) {
    if (!python()) {
      return n.apply(Layout.WRITE_SEQ).gt(t.apply(Layout.WRITE_SEQ));
    }
    Field<Object> cn = changedAt(n);
    Field<Object> ct = changedAt(t);
    if (!ft.hasPhysical(Layout.WRITE_SEQ)) {
      return cn.gt(ct);
    }
    Field<Long> sn = DSL.coalesce(n.apply(Layout.WRITE_SEQ).cast(Long.class), inline(-1L));
    Field<Long> st = DSL.coalesce(t.apply(Layout.WRITE_SEQ).cast(Long.class), inline(-1L));
    return cn.gt(ct).or(cn.eq(ct).and(sn.gt(st)));
  }

  // ------------------------------------------------------------------ writes

  /**
   * The value written to a timestamp column of this layout for a UTC instant given as {@code
   * LocalDateTime}: an {@code OffsetDateTime} at UTC for time-zone columns.
   */
  public Object timestampValue(LocalDateTime utc) {
    if (utc == null || !python() || dialect == SqlDialect.MARIADB) {
      return utc;
    }
    return utc.atOffset(ZoneOffset.UTC);
  }
}
