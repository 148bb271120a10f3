package io.metaxy.domain.provenance;

import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.increment.KeyIndex;
import io.metaxy.domain.row.Row;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * How a target's dependencies join (see {@link ProvenanceEngine}): inner/left joins driven by the
 * first required dependency, or a full outer join of only-optional dependencies on the target's
 * key. Iterates the joined rows in the engine's documented order, re-streamable, and gives each
 * joined row's columns and key. Immutable once built; iterators are independent.
 */
final class JoinPlan {
  private final List<DepRelation> rels;
  private final List<String> key;
  private final int driver; // index in rels; -1 for the full outer join
  private final int[] mergeOrder; // relation indices in the order their columns are merged
  private final KeyIndex outer; // full outer: the union of keys
  private final List<Map<Integer, List<Row>>> outerSlots; // per rel: outer entry →

  private JoinPlan(
      List<DepRelation> rels,
      List<String> key,
      int driver,
      KeyIndex outer,
      List<Map<Integer, List<Row>>> outerSlots) {
    this.rels = rels;
    this.key = key;
    this.driver = driver;
    this.outer = outer;
    this.outerSlots = outerSlots;
    this.mergeOrder = new int[rels.size()];
    int at = 0;
    if (driver >= 0) {
      mergeOrder[at++] = driver;
    }
    for (int i = 0; i < rels.size(); i++) {
      if (i != driver) {
        mergeOrder[at++] = i;
      }
    }
  }

  /** Inner/left joins driven by {@code driver}. */
  static JoinPlan innerLeft(List<DepRelation> rels, List<String> key, DepRelation driver) {
    return new JoinPlan(rels, key, rels.indexOf(driver), null, null);
  }

  /** The full outer join of every relation on {@code key} (their key columns, in any order). */
  static JoinPlan fullOuter(List<DepRelation> rels, List<String> key) {
    KeyIndex outer = new KeyIndex();
    List<Map<Integer, List<Row>>> bySlot = new ArrayList<>();
    for (DepRelation r : rels) {
      Map<Integer, List<Row>> m = new HashMap<>();
      r.allSlots()
          .forEach(
              slot -> {
                int e = outer.add(keyOf(r.columnsOf(slot), key));
                m.computeIfAbsent(e < 0 ? -e - 1 : e, x -> new ArrayList<>(1)).add(slot);
              });
      bySlot.add(m);
    }
    return new JoinPlan(rels, key, -1, outer, bySlot);
  }

  List<DepRelation> rels() {
    return rels;
  }

  /** Relation indices in column-merge order. */
  int[] mergeOrder() {
    return mergeOrder;
  }

  boolean isFullOuter() {
    return driver < 0;
  }

  /** The full outer join's key of {@code j}. */
  IdKey outerKey(Joined j) {
    return outer.key(j.entry);
  }

  /** The target's key columns. */
  List<String> key() {
    return key;
  }

  /**
   * True when the joined rows are exactly one per driver entry, in entry order: every relation
   * joins on the driver's key columns and holds one slot per key. Then {@link #present} and {@link
   * #rowOf} give them without iterating.
   */
  boolean onePerDriverEntry() {
    if (driver < 0) {
      return false;
    }
    List<String> k = rels.get(driver).keyColumns;
    for (DepRelation r : rels) {
      if (!r.uniqueKeys() || !r.keyColumns.equals(k)) {
        return false;
      }
    }
    return true;
  }

  /** The number of driver entries (see {@link #onePerDriverEntry}). */
  int driverEntries() {
    return rels.get(driver).index.size();
  }

  /** The driver's join-key columns (see {@link #onePerDriverEntry}). */
  List<String> driverKeyColumns() {
    return rels.get(driver).keyColumns;
  }

  /** The driver's key index (see {@link #onePerDriverEntry}). */
  KeyIndex driverIndex() {
    return rels.get(driver).index;
  }

  /**
   * True when driver entry {@code e} joins every required relation (see {@link
   * #onePerDriverEntry}).
   */
  boolean present(int e) {
    KeyIndex d = rels.get(driver).index;
    for (int i = 0; i < rels.size(); i++) {
      DepRelation r = rels.get(i);
      if (i != driver && !r.optional() && r.index.findEntryOf(d, e) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The joined row of present driver entry {@code e} (see {@link #onePerDriverEntry}). */
  Joined rowOf(int e) {
    DepRelation d = rels.get(driver);
    Row[] slots = new Row[rels.size()];
    for (int i = 0; i < slots.length; i++) {
      DepRelation r = rels.get(i);
      int at = i == driver ? e : r.index.findEntryOf(d.index, e);
      slots[i] = at < 0 ? null : r.slot(at, 0);
    }
    return new Joined(slots, e);
  }

  /** The joined rows, lazily. */
  Iterator<Joined> iterator() {
    return new Rows();
  }

  /** The key of {@code j} over {@code columns}, without building its columns when possible. */
  IdKey keyOf(Joined j, List<String> columns) {
    if (driver >= 0) {
      DepRelation d = rels.get(driver);
      if (columns.equals(d.keyColumns)) {
        return d.index.key(j.entry);
      }
    } else if (columns.equals(key)) {
      return outer.key(j.entry);
    }
    return keyOf(columns(j), columns);
  }

  /**
   * How to find a joined row's entry in {@code index} by its key over {@code columns} (-1: absent):
   * from the driver's (or the full outer join's) entry when the columns are its key, which
   * allocates nothing while both indexes hold primitive keys.
   */
  java.util.function.ToIntFunction<Joined> entryFinder(KeyIndex index, List<String> columns) {
    if (driver >= 0) {
      DepRelation d = rels.get(driver);
      if (columns.equals(d.keyColumns)) {
        KeyIndex from = d.index;
        return j -> index.findEntryOf(from, j.entry);
      }
    } else if (columns.equals(key)) {
      return j -> index.findEntryOf(outer, j.entry);
    }
    return j -> index.find(keyOf(columns(j), columns));
  }

  /**
   * The joined row's columns: (full outer: the key columns, then) each slot's key and selected user
   * columns in merge order, the first value of a column winning.
   */
  Map<String, Object> columns(Joined j) {
    Map<String, Object> cols = new LinkedHashMap<>();
    if (driver < 0) {
      IdKey k = outer.key(j.entry);
      for (int i = 0; i < key.size(); i++) {
        cols.put(key.get(i), k.get(i));
      }
    }
    for (int r : mergeOrder) {
      Row s = j.slots[r];
      if (s != null) {
        rels.get(r).columnsOf(s).forEach(cols::putIfAbsent);
      }
    }
    return cols;
  }

  static IdKey keyOf(Map<String, Object> columns, List<String> keyColumns) {
    List<Object> v = new ArrayList<>(keyColumns.size());
    for (String c : keyColumns) {
      v.add(columns.get(c));
    }
    return new IdKey(v);
  }

  /** Depth-first expansion of each driving row over the other relations, in declaration order. */
  private final class Rows implements Iterator<Joined> {
    private final ArrayDeque<Joined> pending = new ArrayDeque<>();
    private final int total = driver >= 0 ? rels.get(driver).index.size() : outer.size();
    private int entry;
    private int slot;

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && entry < total) {
        advance();
      }
      return !pending.isEmpty();
    }

    @Override
    public Joined next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.poll();
    }

    private void advance() {
      if (driver < 0) {
        expand(new Joined(new Row[rels.size()], entry++), 0);
        return;
      }
      DepRelation d = rels.get(driver);
      Row[] slots = new Row[rels.size()];
      slots[driver] = d.slot(entry, slot);
      Joined j = new Joined(slots, entry);
      if (++slot == d.slotCount(entry)) {
        slot = 0;
        entry++;
      }
      expand(j, driver == 0 ? 1 : 0);
    }

    /**
     * Joins {@code j} with relations {@code from..}, skipping the driver. {@code j} belongs to this
     * call (no other joined row shares its slots), so a single match is set in place.
     */
    private void expand(Joined j, int from) {
      if (from == driver) {
        from++;
      }
      if (from >= rels.size()) {
        pending.add(j);
        return;
      }
      DepRelation r = rels.get(from);
      if (driver < 0) {
        List<Row> matches = outerSlots.get(from).get(j.entry);
        if (matches == null) {
          expand(j, from + 1);
        } else {
          for (Row m : matches) {
            expand(j.with(from, m), from + 1);
          }
        }
        return;
      }
      DepRelation d = rels.get(driver);
      int e =
          r.keyColumns.equals(d.keyColumns)
              ? r.index.findEntryOf(d.index, j.entry)
              : r.index.find(keyOf(columns(j), r.keyColumns));
      if (e < 0) {
        if (r.optional()) {
          expand(j, from + 1);
        }
        return;
      }
      int n = r.slotCount(e);
      if (n == 1) { // j is not yet shared: fill its slot in place
        j.slots[from] = r.slot(e, 0);
        expand(j, from + 1);
        return;
      }
      for (int i = 0; i < n; i++) {
        expand(j.with(from, r.slot(e, i)), from + 1);
      }
    }
  }
}
