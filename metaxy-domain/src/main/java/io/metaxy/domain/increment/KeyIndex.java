package io.metaxy.domain.increment;

import io.metaxy.domain.row.Row;
import java.util.Arrays;
import java.util.List;

/**
 * An insertion-ordered set of key tuples that numbers its entries {@code 0, 1, 2, …} in the order
 * they were added, so callers keep per-key data in plain arrays indexed by entry. While every key
 * is a single {@code Long} (the common numeric ID) the keys are held as primitive {@code long}s and
 * no {@link IdKey} is allocated per entry: directly addressed by value while they are dense (at
 * most four slots per key), else by open addressing (linear probing) over one {@code int} table;
 * the first other key converts the index to {@link IdKey}s, hashed. Not thread-safe for writes;
 * concurrent reads of an index no longer written are safe.
 */
public final class KeyIndex {
  private static final int MAX_LOAD_PERCENT = 60;
  private static final int MIN_DIRECT = 1024;
  private static final int MAX_DIRECT = 1 << 30;
  private static final long DIRECT_RANGE = 1L << 62; // keys beyond ± this are hashed

  private long[] longs; // keys while in long mode
  private IdKey[] keys; // keys once in object mode
  private int[] direct = new int[0]; // long mode, dense keys: entry + 1 at [key - base]; else null
  private long base;
  private int[] table; // hashed modes: entry + 1; 0 = empty
  private int mask;
  private int size;

  /** An empty index sized for about {@code expected} keys. */
  public KeyIndex(int expected) {
    table = new int[16];
    mask = 15;
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
    if (direct != null) {
      if (v < -DIRECT_RANGE || v > DIRECT_RANGE) {
        return -1;
      }
      long at = v - base;
      return at >= 0 && at < direct.length ? direct[(int) at] - 1 : -1;
    }
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
    if (direct != null) {
      return addDirect(v);
    }
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
    direct = null;
    rehash(tableSizeFor(Math.max(16, size * 2)));
  }

  private void growIfFull() {
    if (direct == null && (long) size * 100 > (long) table.length * MAX_LOAD_PERCENT) {
      rehash(table.length * 2);
    }
  }

  private void rehash(int capacity) {
    int[] t = new int[capacity];
    int m = capacity - 1;
    for (int e = 0; e < size; e++) {
      int i = spread(keys != null ? keys[e].hashCode() : Long.hashCode(longs[e])) & m;
      while (t[i] != 0) {
        i = (i + 1) & m;
      }
      t[i] = e + 1;
    }
    table = t;
    mask = m;
  }

  /**
   * Adds a primitive key in direct mode: the entry of key {@code v} sits at {@code direct[v -
   * base]}, so dense IDs cost one array access and sequential IDs touch neighbouring memory. When a
   * key would stretch the range beyond four slots per key, the index switches to hashing.
   */
  private int addDirect(long v) {
    if (v < -DIRECT_RANGE || v > DIRECT_RANGE) {
      toHashed();
      return addLong(v);
    }
    long at = v - base;
    if (size == 0 && direct.length == 0) {
      base = v;
      at = 0;
    }
    if (at < 0 || at >= direct.length) {
      long lo = Math.min(base, v);
      long hi = Math.max(base + direct.length - 1, v);
      long span = hi - lo + 1;
      long allowed = Math.max(MIN_DIRECT, 4L * (size + 1));
      if (span <= 0 || span > allowed || span > MAX_DIRECT) {
        toHashed();
        return addLong(v);
      }
      long length = Math.min(allowed, Math.max(span, Math.max(64, (long) direct.length * 2)));
      long newBase = v < base ? hi - length + 1 : base;
      int[] d = new int[(int) length];
      System.arraycopy(direct, 0, d, (int) (base - newBase), direct.length);
      direct = d;
      base = newBase;
      at = v - base;
    }
    int e = direct[(int) at];
    if (e != 0) {
      return -e;
    }
    if (size == longs.length) {
      longs = Arrays.copyOf(longs, size * 2);
    }
    longs[size] = v;
    direct[(int) at] = ++size;
    return size - 1;
  }

  private void toHashed() {
    direct = null;
    rehash(tableSizeFor(Math.max(16, size * 2)));
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
