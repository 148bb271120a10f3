package io.metaxy.domain.increment;

import io.metaxy.domain.row.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The values of a row's key columns (ID columns, or the {@code on} columns of a lineage), usable as
 * a hash-map key. Integral numbers are normalised to {@code Long} so that {@code 1} written as an
 * {@code Integer} and read back as a {@code Long} are the same sample. Immutable; holds its values
 * in one array with a precomputed hash, since stores index millions of them.
 */
public final class IdKey implements Comparable<IdKey> {
  /** Natural order of key tuples: numbers numerically, other values by their string form. */
  public static final Comparator<Object> VALUE_ORDER = IdKey::compareValues;

  private final Object[] values;
  private final int hash;

  private IdKey(Object[] values) {
    this.values = values;
    this.hash = Arrays.hashCode(values);
  }

  /** The one-column key of {@code value}. */
  static IdKey ofSingle(Object value) {
    return new IdKey(new Object[] {normalise(value)});
  }

  /** A key of the given values in key-column order ({@code null} allowed), normalised. */
  public IdKey(List<Object> values) {
    this(normaliseAll(values.toArray()));
  }

  private static Object[] normaliseAll(Object[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] = normalise(v[i]);
    }
    return v;
  }

  /** The key of {@code row} over {@code columns}. */
  public static IdKey of(Row row, List<String> columns) {
    Object[] v = new Object[columns.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = normalise(row.get(columns.get(i)));
    }
    return new IdKey(v);
  }

  /** The key values in key-column order (unmodifiable). */
  public List<Object> values() {
    return Collections.unmodifiableList(Arrays.asList(values));
  }

  /** The number of key values. */
  public int size() {
    return values.length;
  }

  /** The {@code i}-th key value. */
  public Object get(int i) {
    return values[i];
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof IdKey k && k.hash == hash && Arrays.equals(k.values, values));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "IdKey" + Arrays.toString(values);
  }

  /** Normalises one key value (integral numbers → {@code Long} when they fit). */
  public static Object normalise(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (v instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        return d.stripTrailingZeros();
      }
    }
    return v;
  }

  @Override
  public int compareTo(IdKey o) {
    int n = Math.min(values.length, o.values.length);
    for (int i = 0; i < n; i++) {
      int c = compareValues(values[i], o.values[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(values.length, o.values.length);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1; // NULLS FIRST
    }
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      try {
        return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
      } catch (NumberFormatException e) {
        return Double.compare(x.doubleValue(), y.doubleValue());
      }
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
      return ca.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }
}
