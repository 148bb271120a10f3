package io.metaxy.sql;

import static org.jooq.impl.DSL.field;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.SystemColumns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A feature table as it exists in the database: qualified name, physical columns (name → type) in
 * table order ({@code physicalColumns} is empty when the table does not exist) and its {@link
 * FeatureTableLayout}. It offers two logical views of its columns:
 *
 * <ul>
 *   <li>{@link #rowColumns()}: the columns of a row, per-field maps whole (python layout) — what
 *       reads return;
 *   <li>{@link #columns()}: per-field values flat, one {@code metaxy_provenance_by_field__<key>}
 *       column per field — what the resolve SQL works on.
 * </ul>
 *
 * {@link #col} gives the SQL expression of any of them (a map member access for flat per-field
 * values of the python layout; {@code metaxy_snapshot_version} for the seed layout's project
 * version).
 */
public final class FeatureTable {
  private final FeatureKey key;
  private final Name name;
  private final Map<String, DataType<?>> physical;
  private final FeatureTableLayout layout;
  private final Map<String, List<String>> structMembers;
  private final List<String> expectedKeys;
  private final Map<String, DataType<?>> rowColumns = new LinkedHashMap<>();
  private final Map<String, DataType<?>> flatColumns = new LinkedHashMap<>();

  /** A staging table: flat layout. */
  public FeatureTable(FeatureKey key, Name name, Map<String, DataType<?>> columns) {
    this(key, name, columns, FeatureTableLayout.flat(), Map.of(), List.of());
  }

  /**
   * A table of {@code layout}; {@code structMembers}: DuckDB struct members per map column; {@code
   * expectedKeys}: the feature's struct keys (the keys a JSON map column is read with).
   */
  public FeatureTable(
      FeatureKey key,
      Name name,
      Map<String, DataType<?>> columns,
      FeatureTableLayout layout,
      Map<String, List<String>> structMembers,
      List<String> expectedKeys) {
    this.key = key;
    this.name = name;
    this.physical = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    this.layout = layout;
    this.structMembers = Map.copyOf(structMembers);
    this.expectedKeys = List.copyOf(expectedKeys);
    boolean renameSeed =
        !layout.python()
            && physical.containsKey(FeatureTableLayout.SEED_PROJECT_VERSION)
            && !physical.containsKey(SystemColumns.PROJECT_VERSION);
    for (Map.Entry<String, DataType<?>> e : physical.entrySet()) {
      String c = e.getKey();
      String logical =
          renameSeed && c.equals(FeatureTableLayout.SEED_PROJECT_VERSION)
              ? SystemColumns.PROJECT_VERSION
              : c;
      rowColumns.put(logical, e.getValue());
      if (layout.isMapColumn(c)) {
        String prefix = c + "__";
        for (String k : mapKeys(c)) {
          flatColumns.put(prefix + k, SQLDataType.VARCHAR);
        }
      } else {
        flatColumns.put(logical, e.getValue());
      }
    }
  }

  private List<String> mapKeys(String mapColumn) {
    if (layout.dialect() == SqlDialect.DUCKDB) {
      return structMembers.getOrDefault(mapColumn, List.of());
    }
    return expectedKeys;
  }

  /** The same table described for another feature key (a cached description). */
  public FeatureTable withKey(FeatureKey k) {
    return new FeatureTable(k, name, physical, layout, structMembers, expectedKeys);
  }

  public FeatureKey key() {
    return key;
  }

  public Name name() {
    return name;
  }

  public FeatureTableLayout layout() {
    return layout;
  }

  public boolean exists() {
    return !physical.isEmpty();
  }

  public Table<Record> table() {
    return DSL.table(name);
  }

  /** The flat logical columns (per-field values one column each), in table order. */
  public Map<String, DataType<?>> columns() {
    return Collections.unmodifiableMap(flatColumns);
  }

  /** The logical columns of a row (per-field maps whole in the python layout), in table order. */
  public Map<String, DataType<?>> rowColumns() {
    return Collections.unmodifiableMap(rowColumns);
  }

  /** The columns as the database has them. */
  public Map<String, DataType<?>> physicalColumns() {
    return physical;
  }

  /** DuckDB struct members of a map column (empty for other databases). */
  public List<String> structMembers(String mapColumn) {
    return structMembers.getOrDefault(mapColumn, List.of());
  }

  /** Struct members of every map column. */
  public Map<String, List<String>> structMembers() {
    return structMembers;
  }

  /** Whether the table has this logical (flat or row) column. */
  public boolean has(String column) {
    return flatColumns.containsKey(column) || rowColumns.containsKey(column);
  }

  public boolean hasPhysical(String column) {
    return physical.containsKey(column);
  }

  /** The physical column behind a row column. */
  public String physicalName(String rowColumn) {
    if (physical.containsKey(rowColumn)) {
      return rowColumn;
    }
    if (rowColumn.equals(SystemColumns.PROJECT_VERSION)
        && physical.containsKey(FeatureTableLayout.SEED_PROJECT_VERSION)) {
      return FeatureTableLayout.SEED_PROJECT_VERSION;
    }
    return rowColumn;
  }

  /** Columns that are not system columns, in table order. */
  public List<String> userColumns() {
    List<String> out = new ArrayList<>();
    for (String c : physical.keySet()) {
      if (!SystemColumns.isReserved(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** A column (logical: flat or row) of this table, qualified by the table name. */
  public Field<Object> col(String column) {
    return col(column, name);
  }

  /** A column (logical: flat or row) of this table, qualified by {@code alias}. */
  @SuppressWarnings("unchecked")
  public Field<Object> col(String column, Name alias) {
    if (layout.python() && !physical.containsKey(column)) {
      for (String map :
          List.of(SystemColumns.PROVENANCE_BY_FIELD, SystemColumns.DATA_VERSION_BY_FIELD)) {
        String prefix = map + "__";
        if (column.startsWith(prefix) && physical.containsKey(map)) {
          if (!flatColumns.containsKey(column)) {
            return (Field<Object>) (Field<?>) DSL.castNull(String.class);
          }
          Field<String> v =
              layout.mapValue(field(alias.append(map)), column.substring(prefix.length()));
          return (Field<Object>) (Field<?>) v;
        }
      }
    }
    String p = physicalName(column);
    DataType<?> t = physical.get(p);
    return t == null ? field(alias.append(p)) : field(alias.append(p), (DataType<Object>) t);
  }

  /** An unqualified column reference. */
  public static Field<Object> bare(String column) {
    return field(DSL.name(column));
  }

  /** The struct keys of the flat per-field columns with {@code prefix}. */
  private List<String> keys(String prefix) {
    List<String> out = new ArrayList<>();
    for (String c : flatColumns.keySet()) {
      if (c.startsWith(prefix)) {
        out.add(c.substring(prefix.length()));
      }
    }
    return out;
  }

  /** Struct keys that have a provenance value column. */
  public List<String> pbfKeys() {
    return keys(Layout.PBF_PREFIX);
  }

  /** Struct keys that have a data-version value column. */
  public List<String> dvbfKeys() {
    return keys(Layout.DVBF_PREFIX);
  }
}
