package io.metaxy.domain.row;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The immutable value of a per-field map column ({@code field struct key → hash}): keys and values
 * in insertion order, held in two arrays. Rows share it instead of copying it.
 */
final class FieldMap extends AbstractMap<String, String> {
  /** Beyond this many distinct keys, keys are no longer made canonical (they still work). */
  private static final int MAX_CANONICAL = 4096;

  private static final java.util.concurrent.ConcurrentHashMap<String, String> CANONICAL =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The keys array of the map last copied: maps of the same fields (the usual case, row after row)
   * share it, so a lookup touches one hot array of canonical strings instead of each row's own.
   */
  private static volatile String[] lastKeys;

  private final String[] keys;
  private final String[] values;
  private final Map<String, Integer> index; // only for larger maps

  private FieldMap(String[] keys, String[] values) {
    this.keys = keys;
    this.values = values;
    if (keys.length > 16) {
      Map<String, Integer> idx = new java.util.HashMap<>(keys.length * 2);
      for (int i = 0; i < keys.length; i++) {
        idx.put(keys[i], i);
      }
      this.index = idx;
    } else {
      this.index = null;
    }
  }

  private int position(Object key) {
    if (index != null) {
      Integer i = index.get(key);
      return i == null ? -1 : i;
    }
    return indexOf(keys, keys.length, key);
  }

  /** A map over the given arrays (handed over, keys distinct). */
  static FieldMap of(String[] keys, String[] values) {
    return new FieldMap(keys, values);
  }

  /** An immutable copy of {@code m} (keys and values as strings), or {@code m} itself. */
  static FieldMap copyOf(Map<?, ?> m) {
    if (m instanceof FieldMap f) {
      return f;
    }
    String[] k = new String[m.size()];
    String[] v = new String[m.size()];
    int n = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object x = e.getValue();
      String value = x == null ? null : String.valueOf(x);
      int at = indexOf(k, n, key);
      if (at >= 0) {
        v[at] = value;
      } else {
        k[n] = key;
        v[n] = value;
        n++;
      }
    }
    String[] shared = lastKeys;
    if (shared != null && sameKeys(shared, k, n)) {
      k = shared;
    } else {
      k = n == k.length ? k : Arrays.copyOf(k, n);
      for (int i = 0; i < n; i++) {
        k[i] = canonical(k[i]);
      }
      lastKeys = k;
    }
    return new FieldMap(k, n == v.length ? v : Arrays.copyOf(v, n));
  }

  private static boolean sameKeys(String[] shared, String[] k, int n) {
    if (shared.length != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (shared[i] != k[i] && !shared[i].equals(k[i])) {
        return false;
      }
    }
    return true;
  }

  /** The canonical instance of a key equal to {@code key} (itself once the cache is full). */
  static String canonical(String key) {
    String c = CANONICAL.get(key);
    if (c != null) {
      return c;
    }
    if (CANONICAL.size() >= MAX_CANONICAL) {
      return key;
    }
    c = CANONICAL.putIfAbsent(key, key);
    return c == null ? key : c;
  }

  private static int indexOf(String[] keys, int n, Object key) {
    for (int i = 0; i < n; i++) {
      if (keys[i] == key) { // canonical keys: usually found by reference
        return i;
      }
    }
    if (!(key instanceof String s)) {
      return -1;
    }
    int h = s.hashCode();
    for (int i = 0; i < n; i++) {
      if (keys[i].hashCode() == h && keys[i].equals(s)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public boolean containsKey(Object key) {
    return position(key) >= 0;
  }

  @Override
  public String get(Object key) {
    int i = position(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return keys.length;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < keys.length;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (i >= keys.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, String> e = new SimpleImmutableEntry<>(keys[i], values[i]);
            i++;
            return e;
          }
        };
      }
    };
  }
}
