package io.metaxy.adapter.jooq;

import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.sql.DialectSql;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DataType;

/**
 * What one pass over the rows of a write tells before any row is encoded: the user columns and
 * their types (a column's type is its first value's; a first null makes it text), and each row's
 * sample key with how often the sample occurs in the call (a sample written twice in one call gets
 * its later rows one microsecond apart, and their created_at from its first row).
 */
final class WriteBatch {
  private final Map<String, DataType<?>> userTypes;
  private final Object[] keys;
  private final int[] occurrence;
  private final BitSet duplicated;
  private final Map<Object, Integer> firstRow;
  private final int maxOccurrences;

  private WriteBatch(
      Map<String, DataType<?>> userTypes,
      Object[] keys,
      int[] occurrence,
      BitSet duplicated,
      Map<Object, Integer> firstRow,
      int maxOccurrences) {
    this.userTypes = userTypes;
    this.keys = keys;
    this.occurrence = occurrence;
    this.duplicated = duplicated;
    this.firstRow = firstRow;
    this.maxOccurrences = maxOccurrences;
  }

  static WriteBatch scan(List<Row> rows, List<String> idColumns, DialectSql sql) {
    Map<String, DataType<?>> types = new LinkedHashMap<>();
    int n = rows.size();
    Object[] keys = new Object[n];
    int[] occurrence = null;
    BitSet dup = new BitSet();
    Map<Object, Integer> first = new HashMap<>(Math.max(16, (int) (n / 0.7)));
    Map<Object, Integer> counts = null;
    int max = 1;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      for (String col : r.columns()) {
        if (!SystemColumns.isReserved(col) && !types.containsKey(col)) {
          Object v = r.get(col);
          types.put(col, v == null ? sql.stringType() : sql.typeOf(v));
        }
      }
      Object k = key(r, idColumns);
      keys[i] = k;
      Integer prev = first.putIfAbsent(k, i);
      if (prev != null) {
        if (occurrence == null) {
          occurrence = new int[n];
          counts = new HashMap<>();
        }
        dup.set(prev);
        dup.set(i);
        int c = counts.merge(k, 1, Integer::sum);
        occurrence[i] = c;
        max = Math.max(max, c + 1);
      }
    }
    return new WriteBatch(types, keys, occurrence, dup, first, max);
  }

  /**
   * A sample key compared by value: one ID column its value (whole numbers as {@code Long}, other
   * values as text, so a database's numeric type compares equal), several a list of those.
   */
  static Object key(Row r, List<String> idColumns) {
    if (idColumns.size() == 1) {
      return norm(r.get(idColumns.get(0)));
    }
    List<Object> out = new ArrayList<>(idColumns.size());
    for (String id : idColumns) {
      out.add(norm(r.get(id)));
    }
    return out;
  }

  /** {@link #key} of ID values as a database returns them. */
  static Object key(List<Object> idValues) {
    if (idValues.size() == 1) {
      return norm(idValues.get(0));
    }
    List<Object> out = new ArrayList<>(idValues.size());
    for (Object v : idValues) {
      out.add(norm(v));
    }
    return out;
  }

  private static Object norm(Object v) {
    if (v instanceof Number num && !(v instanceof Double || v instanceof Float)) {
      if (v instanceof java.math.BigDecimal b) {
        try {
          return b.longValueExact();
        } catch (ArithmeticException e) {
          return b.toPlainString();
        }
      }
      return num.longValue();
    }
    return String.valueOf(v);
  }

  /** User column → type, in first-seen order. */
  Map<String, DataType<?>> userTypes() {
    return userTypes;
  }

  Object key(int row) {
    return keys[row];
  }

  /** Distinct sample keys → the first row holding each. */
  Map<Object, Integer> samples() {
    return firstRow;
  }

  /** 0 for a sample's first row in the call, 1 for its second, ... */
  int occurrence(int row) {
    return occurrence == null ? 0 : occurrence[row];
  }

  /** Whether the row's sample occurs more than once in the call. */
  boolean duplicated(int row) {
    return duplicated.get(row);
  }

  /** The most rows any one sample has in the call (at least 1). */
  int maxOccurrences() {
    return maxOccurrences;
  }
}
