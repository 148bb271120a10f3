package io.metaxy.domain.row;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * One metadata row: column name → value, in column order. Values are JDK types: {@code String},
 * numbers, {@code Boolean}, {@code java.time.Instant}, {@code null}, and for the {@code *_by_field}
 * system columns a {@code Map<String, String>} keyed by field struct key. Immutable.
 *
 * <p>Compact: rows with the same columns in the same order share one column-name layout, and each
 * row holds only its values; per-field maps are immutable and shared between rows, never copied.
 */
public final class Row {
  private final Shape shape;
  private final Object[] values;

  private Row(Shape shape, Object[] values) {
    this.shape = shape;
    this.values = values;
  }

  /** A row holding a copy of {@code values} (iteration order kept). */
  public static Row of(Map<String, ?> values) {
    Builder b = new Builder(values.size());
    values.forEach((k, v) -> b.set(Objects.requireNonNull(k, "column name"), v));
    return b.build();
  }

  /** A row from alternating column names and values: {@code Row.of("id", "v1", "x", 3)}. */
  public static Row of(Object... columnsAndValues) {
    if (columnsAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("Row.of takes column/value pairs");
    }
    Builder b = new Builder(columnsAndValues.length / 2);
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      b.set((String) columnsAndValues[i], columnsAndValues[i + 1]);
    }
    return b.build();
  }

  /**
   * An immutable per-field map ({@code field struct key → hash}) over the given arrays, which the
   * caller hands over and never modifies afterwards; many maps may share one {@code keys} array.
   * Keys must be distinct.
   */
  public static Map<String, String> fieldMap(String[] keys, String[] values) {
    if (keys.length != values.length) {
      throw new IllegalArgumentException("fieldMap: " + keys.length + " keys, " + values.length);
    }
    return FieldMap.of(keys, values);
  }

  /**
   * An immutable per-field map ({@code field struct key → hash}) copied from {@code map}, in its
   * iteration order: the value a row holds for a per-field map column, so several columns or rows
   * may share it.
   */
  public static Map<String, String> fieldMapOf(Map<?, ?> map) {
    return FieldMap.copyOf(Objects.requireNonNull(map, "map"));
  }

  /**
   * The canonical instance of a per-field map key equal to {@code key}: per-field maps hold their
   * keys canonically, so a lookup with the canonical key finds it by reference.
   */
  public static String canonicalFieldKey(String key) {
    return FieldMap.canonical(Objects.requireNonNull(key, "key"));
  }

  /**
   * A fixed column layout for building many rows with the same columns without per-column lookups.
   * Thread-safe.
   */
  public static final class Layout {
    private final Shape shape;

    private Layout(Shape shape) {
      this.shape = shape;
    }

    /** The layout of distinct {@code columns}, in order. */
    public static Layout of(java.util.List<String> columns) {
      Shape s = Shape.EMPTY;
      for (String c : columns) {
        if (s.indexOf(c) >= 0) {
          throw new IllegalArgumentException("duplicate column " + c);
        }
        s = s.append(Objects.requireNonNull(c, "column name"));
      }
      return new Layout(s);
    }

    public int size() {
      return shape.size();
    }

    /**
     * A row of this layout over {@code values} (one per column, in order), which the caller hands
     * over and never modifies afterwards. Per-field map values are made immutable as by {@link
     * Builder#set}.
     */
    public Row row(Object[] values) {
      if (values.length != shape.size()) {
        throw new IllegalArgumentException(
            "layout has " + shape.size() + " columns, got " + values.length + " values");
      }
      for (int i = 0; i < values.length; i++) {
        if (values[i] instanceof Map<?, ?>) {
          values[i] = copyValue(values[i]);
        }
      }
      return new Row(shape, values);
    }
  }

  public static Builder builder() {
    return new Builder(8);
  }

  private static Object copyValue(Object v) {
    return v instanceof Map<?, ?> m ? FieldMap.copyOf(m) : v;
  }

  public boolean has(String column) {
    return shape.indexOf(column) >= 0;
  }

  public Object get(String column) {
    int i = shape.indexOf(column);
    return i < 0 ? null : values[i];
  }

  public String getString(String column) {
    Object v = get(column);
    return v == null ? null : v.toString();
  }

  /** A per-field map column ({@code field struct key → hash}); empty map when absent. */
  @SuppressWarnings("unchecked")
  public Map<String, String> getMap(String column) {
    Object v = get(column);
    return v instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
  }

  /** Column names in order. */
  public Set<String> columns() {
    return shape.names();
  }

  /** An unmodifiable map view of the row, in column order. */
  public Map<String, Object> asMap() {
    return new MapView();
  }

  /** A copy with one column set (added at the end if new). */
  public Row with(String column, Object value) {
    int i = shape.indexOf(column);
    if (i >= 0) {
      Object[] v = values.clone();
      v[i] = copyValue(value);
      return new Row(shape, v);
    }
    Object[] v = Arrays.copyOf(values, values.length + 1);
    v[values.length] = copyValue(value);
    return new Row(shape.append(Objects.requireNonNull(column, "column name")), v);
  }

  /** A copy without the given column. */
  public Row without(String column) {
    int i = shape.indexOf(column);
    if (i < 0) {
      return this;
    }
    Object[] v = new Object[values.length - 1];
    System.arraycopy(values, 0, v, 0, i);
    System.arraycopy(values, i + 1, v, i, values.length - i - 1);
    return new Row(shape.remove(i), v);
  }

  public Builder toBuilder() {
    Builder b = new Builder(values.length + 4);
    b.shape = shape;
    System.arraycopy(values, 0, b.values, 0, values.length);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Row r) || r.values.length != values.length) {
      return false;
    }
    if (r.shape == shape) {
      return Arrays.equals(values, r.values);
    }
    for (int i = 0; i < values.length; i++) {
      int j = r.shape.indexOf(shape.name(i));
      if (j < 0 || !Objects.equals(values[i], r.values[j])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0; // as Map.hashCode: sum of (name ^ value) hashes, independent of column order
    for (int i = 0; i < values.length; i++) {
      h += shape.name(i).hashCode() ^ Objects.hashCode(values[i]);
    }
    return h;
  }

  @Override
  public String toString() {
    return "Row" + asMap();
  }

  /** The live, unmodifiable map view of this row. */
  private final class MapView extends AbstractMap<String, Object> {
    @Override
    public int size() {
      return values.length;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String s && shape.indexOf(s) >= 0;
    }

    @Override
    public Object get(Object key) {
      return key instanceof String s ? Row.this.get(s) : null;
    }

    @Override
    public Set<String> keySet() {
      return shape.names();
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return values.length;
        }

        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
              return i < values.length;
            }

            @Override
            public Map.Entry<String, Object> next() {
              if (i >= values.length) {
                throw new NoSuchElementException();
              }
              Map.Entry<String, Object> e =
                  new AbstractMap.SimpleImmutableEntry<>(shape.name(i), values[i]);
              i++;
              return e;
            }
          };
        }
      };
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
      for (int i = 0; i < values.length; i++) {
        action.accept(shape.name(i), values[i]);
      }
    }
  }

  /** Builds a {@link Row}. */
  public static final class Builder {
    private Shape shape = Shape.EMPTY;
    private Object[] values;

    private Builder(int capacity) {
      values = new Object[Math.max(capacity, 4)];
    }

    public Builder set(String column, Object value) {
      int i = shape.indexOf(column);
      if (i < 0) {
        i = shape.size();
        shape = shape.append(Objects.requireNonNull(column, "column name"));
        if (i == values.length) {
          values = Arrays.copyOf(values, values.length * 2);
        }
      }
      values[i] = copyValue(value);
      return this;
    }

    public Row build() {
      return new Row(shape, Arrays.copyOf(values, shape.size()));
    }
  }
}
