package io.metaxy.domain.increment;

import io.metaxy.domain.row.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The values of a row's key columns (ID columns, or the {@code on} columns of a lineage), usable as
 * a hash-map key. Integral numbers are normalised to {@code Long} so that {@code 1} written as an
 * {@code Integer} and read back as a {@code Long} are the same sample.
 *
 * @param values the key values in key-column order ({@code null} allowed)
 */
public record IdKey(List<Object> values) implements Comparable<IdKey> {
  /** Natural order of key tuples: numbers numerically, other values by their string form. */
  public static final Comparator<Object> VALUE_ORDER = IdKey::compareValues;

  public IdKey {
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** The key of {@code row} over {@code columns}. */
  public static IdKey of(Row row, List<String> columns) {
    List<Object> v = new ArrayList<>(columns.size());
    for (String c : columns) {
      v.add(normalise(row.get(c)));
    }
    return new IdKey(v);
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
    int n = Math.min(values.size(), o.values.size());
    for (int i = 0; i < n; i++) {
      int c = compareValues(values.get(i), o.values.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(values.size(), o.values.size());
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
