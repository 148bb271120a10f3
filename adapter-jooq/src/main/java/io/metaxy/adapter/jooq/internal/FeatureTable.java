package io.metaxy.adapter.jooq.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

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

/**
 * A feature table as it exists in the database: qualified name and columns (name → type) in table
 * order; {@code columns} is empty when the table does not exist.
 */
public final class FeatureTable {
  private final FeatureKey key;
  private final Name name;
  private final Map<String, DataType<?>> columns;

  public FeatureTable(FeatureKey key, Name name, Map<String, DataType<?>> columns) {
    this.key = key;
    this.name = name;
    this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  public FeatureKey key() {
    return key;
  }

  public Name name() {
    return name;
  }

  public boolean exists() {
    return !columns.isEmpty();
  }

  public Table<Record> table() {
    return DSL.table(name);
  }

  public Map<String, DataType<?>> columns() {
    return columns;
  }

  public boolean has(String column) {
    return columns.containsKey(column);
  }

  /** Columns that are not system columns, in table order. */
  public List<String> userColumns() {
    List<String> out = new ArrayList<>();
    for (String c : columns.keySet()) {
      if (!SystemColumns.isReserved(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Struct keys that have a provenance column. */
  public List<String> pbfKeys() {
    List<String> out = new ArrayList<>();
    for (String c : columns.keySet()) {
      if (c.startsWith(Layout.PBF_PREFIX)) {
        out.add(c.substring(Layout.PBF_PREFIX.length()));
      }
    }
    return out;
  }

  /** Struct keys that have a data-version column. */
  public List<String> dvbfKeys() {
    List<String> out = new ArrayList<>();
    for (String c : columns.keySet()) {
      if (c.startsWith(Layout.DVBF_PREFIX)) {
        out.add(c.substring(Layout.DVBF_PREFIX.length()));
      }
    }
    return out;
  }

  /** A column of this table, qualified by the table name. */
  @SuppressWarnings("unchecked")
  public Field<Object> col(String column) {
    DataType<?> t = columns.get(column);
    return t == null
        ? field(name.append(column))
        : field(name.append(column), (DataType<Object>) t);
  }

  /** An unqualified column reference. */
  public static Field<Object> bare(String column) {
    return field(DSL.name(column));
  }
}
