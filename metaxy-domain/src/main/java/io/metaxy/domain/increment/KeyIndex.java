package io.metaxy.domain.increment;

import io.metaxy.domain.row.Row;
import java.util.Arrays;
import java.util.List;

/**
 * An insertion-ordered set of key tuples that numbers its entries {@code 0, 1, 2, …} in the order
 * they were added, so callers keep per-key data in plain arrays indexed by entry. Open addressing
 * (linear probing) over one {@code int} table; while every key is a single {@code Long} (the common
 * numeric ID) the keys are held as primitive {@code long}s and no {@link IdKey} is allocated per
 * entry; the first other key converts the index to {@link IdKey}s. Not thread-safe for writes;
 * concurrent reads of an index no longer written are safe.
 */
public final class KeyIndex {
  private static final int MAX_LOAD_PERCENT = 60;

  private long[] longs; // keys while in long mode
  private IdKey[] keys; // keys once in object mode
  private int[] table; // entry + 1; 0 = empty
  private int mask;
  private int size;

  /** An empty index sized for about {@code expected} keys. */
  public KeyIndex(int expected) {
    int cap = tableSizeFor(Math.max(4, expected));
    table = new int[cap];
    mask = cap - 1;
    longs = new long[Math.max(4, expected)];
  }

  public KeyIndex() {
    this(16);
  }

  private static int tableSizeFor(int entries) {
    long need = (long) entries * 100 / MAX_LOAD_PERCENT + 1;
    int cap = 16;
    while (cap < need) {
      cap <<= 1;
    }
    return cap;
  }

  /** The number of keys. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The key of entry {@code entry} (allocated on demand while keys are primitive). */
  public IdKey key(int entry) {
    if (entry < 0 || entry >= size) {
      throw new IndexOutOfBoundsException(entry);
    }
    return keys != null ? keys[entry] : IdKey.ofSingle(longs[entry]);
  }

  /** The entry of {@code key}, or -1. */
  public int find(IdKey key) {
    if (keys == null) {
      Object v = key.size() == 1 ? key.get(0) : null;
      return v instanceof Long l ? findLong(l) : -1;
    }
    int h = spread(key.hashCode());
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int e = table[i];
      if (e == 0) {
        return -1;
      }
      if (keys[e - 1].equals(key)) {
        return e - 1;
      }
    }
  }

  /**
   * The entry in this index of entry {@code otherEntry} of {@code other}, or -1: a lookup of the
   * other index's key that allocates nothing while both hold primitive keys.
   */
  public int findEntryOf(KeyIndex other, int otherEntry) {
    if (keys == null && other.keys == null) {
      return findLong(other.longs[otherEntry]);
    }
    return find(other.key(otherEntry));
  }

  /** The entry of the key of {@code row} over {@code columns}, or -1; allocates no key for IDs. */
  public int findRow(Row row, List<String> columns) {
    if (keys == null && columns.size() == 1) {
      Object v = IdKey.normalise(row.get(columns.get(0)));
      return v instanceof Long l ? findLong(l) : -1;
    }
    return find(IdKey.of(row, columns));
  }

  private int findLong(long v) {
    for (int i = spread(Long.hashCode(v)) & mask; ; i = (i + 1) & mask) {
      int e = table[i];
      if (e == 0) {
        return -1;
      }
      if (longs[e - 1] == v) {
        return e - 1;
      }
    }
  }

  /**
   * Adds {@code key} if absent. Returns its new entry ({@code size() - 1}) when added, or {@code
   * -(entry + 1)} of the equal key already present.
   */
  public int add(IdKey key) {
    if (keys == null) {
      Object v = key.size() == 1 ? key.get(0) : null;
      if (v instanceof Long l) {
        return addLong(l);
      }
      toObjects();
    }
    int h = spread(key.hashCode());
    int i = h & mask;
    for (; ; i = (i + 1) & mask) {
      int e = table[i];
      if (e == 0) {
        break;
      }
      if (keys[e - 1].equals(key)) {
        return -e;
      }
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    keys[size] = key;
    table[i] = ++size;
    growIfFull();
    return size - 1;
  }

  /** {@link #add} of the key of {@code row} over {@code columns}; allocates no key for IDs. */
  public int addRow(Row row, List<String> columns) {
    if (keys == null && columns.size() == 1) {
      Object v = IdKey.normalise(row.get(columns.get(0)));
      if (v instanceof Long l) {
        return addLong(l);
      }
    }
    return add(IdKey.of(row, columns));
  }

  private int addLong(long v) {
    int i = spread(Long.hashCode(v)) & mask;
    for (; ; i = (i + 1) & mask) {
      int e = table[i];
      if (e == 0) {
        break;
      }
      if (longs[e - 1] == v) {
        return -e;
      }
    }
    if (size == longs.length) {
      longs = Arrays.copyOf(longs, size * 2);
    }
    longs[size] = v;
    table[i] = ++size;
    growIfFull();
    return size - 1;
  }

  private void toObjects() {
    IdKey[] k = new IdKey[Math.max(longs.length, 4)];
    for (int i = 0; i < size; i++) {
      k[i] = IdKey.ofSingle(longs[i]);
    }
    keys = k;
    longs = null;
    rehash(table.length);
  }

  private void growIfFull() {
    if ((long) size * 100 > (long) table.length * MAX_LOAD_PERCENT) {
      rehash(table.length * 2);
    }
  }

  private void rehash(int capacity) {
    int[] t = new int[capacity];
    int m = capacity - 1;
    for (int e = 0; e < size; e++) {
      int h = spread(keys != null ? keys[e].hashCode() : Long.hashCode(longs[e]));
      int i = h & m;
      while (t[i] != 0) {
        i = (i + 1) & m;
      }
      t[i] = e + 1;
    }
    table = t;
    mask = m;
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
