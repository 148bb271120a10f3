package io.metaxy.domain.row;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One metadata row: column name → value, in column order. Values are JDK types: {@code String},
 * numbers, {@code Boolean}, {@code java.time.Instant}, {@code null}, and for the {@code *_by_field}
 * system columns a {@code Map<String, String>} keyed by field struct key. Immutable.
 */
public final class Row {
  private final Map<String, Object> values;

  private Row(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** A row holding a copy of {@code values} (iteration order kept). */
  public static Row of(Map<String, ?> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "column name"), copyValue(v)));
    return new Row(copy);
  }

  /** A row from alternating column names and values: {@code Row.of("id", "v1", "x", 3)}. */
  public static Row of(Object... columnsAndValues) {
    if (columnsAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("Row.of takes column/value pairs");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      m.put((String) columnsAndValues[i], copyValue(columnsAndValues[i + 1]));
    }
    return new Row(m);
  }

  public static Builder builder() {
    return new Builder();
  }

  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, String> copy = new LinkedHashMap<>();
      m.forEach((k, x) -> copy.put(String.valueOf(k), x == null ? null : String.valueOf(x)));
      return Collections.unmodifiableMap(copy);
    }
    return v;
  }

  public boolean has(String column) {
    return values.containsKey(column);
  }

  public Object get(String column) {
    return values.get(column);
  }

  public String getString(String column) {
    Object v = values.get(column);
    return v == null ? null : v.toString();
  }

  /** A per-field map column ({@code field struct key → hash}); empty map when absent. */
  @SuppressWarnings("unchecked")
  public Map<String, String> getMap(String column) {
    Object v = values.get(column);
    return v instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
  }

  /** Column names in order. */
  public java.util.Set<String> columns() {
    return values.keySet();
  }

  public Map<String, Object> asMap() {
    return values;
  }

  /** A copy with one column set (added at the end if new). */
  public Row with(String column, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.put(column, copyValue(value));
    return new Row(m);
  }

  /** A copy without the given column. */
  public Row without(String column) {
    Map<String, Object> m = new LinkedHashMap<>(values);
    m.remove(column);
    return new Row(m);
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.values.putAll(values);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && r.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "Row" + values;
  }

  /** Builds a {@link Row}. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Builder set(String column, Object value) {
      values.put(column, copyValue(value));
      return this;
    }

    public Row build() {
      return new Row(new LinkedHashMap<>(values));
    }
  }
}
