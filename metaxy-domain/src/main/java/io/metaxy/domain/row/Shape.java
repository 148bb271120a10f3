package io.metaxy.domain.row;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ordered column names of a {@link Row}, shared by every row with the same columns in the same
 * order. Shapes form a tree: adding a column to a shape leads to a cached child shape, so building
 * rows column by column costs one map lookup per column and no per-row name storage.
 */
final class Shape {
  /** Children cached per shape; beyond this many distinct next columns, shapes are not cached. */
  private static final int MAX_CACHED_CHILDREN = 64;

  static final Shape EMPTY = new Shape(new String[0]);

  private final String[] names;
  private final int[] hashes; // String.hashCode of each name: a miss compares ints, not strings
  private final Map<String, Integer> index;
  private final Set<String> nameSet;
  private final Map<String, Shape> children = new ConcurrentHashMap<>();
  private volatile Shape lastChild; // the child most recently taken, checked by identity first

  private Shape(String[] names) {
    this.names = names;
    this.hashes = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      hashes[i] = names[i].hashCode();
    }
    Map<String, Integer> idx = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      idx.put(names[i], i);
    }
    this.index = idx;
    this.nameSet = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(names)));
  }

  int size() {
    return names.length;
  }

  String name(int i) {
    return names[i];
  }

  /** Position of {@code column}, or -1. */
  int indexOf(String column) {
    for (int i = 0; i < names.length; i++) {
      if (names[i] == column) { // column names are mostly shared constants: try identity first
        return i;
      }
    }
    if (names.length <= 24) {
      int h = column.hashCode();
      for (int i = 0; i < names.length; i++) {
        if (hashes[i] == h && names[i].equals(column)) {
          return i;
        }
      }
      return -1;
    }
    Integer i = index.get(column);
    return i == null ? -1 : i;
  }

  Set<String> names() {
    return nameSet;
  }

  /** This shape with {@code column} appended (the caller checked it is absent). */
  Shape append(String column) {
    Shape last = lastChild;
    if (last != null && last.names[names.length] == column) {
      return last;
    }
    Shape s = children.get(column);
    if (s != null) {
      lastChild = s;
      return s;
    }
    String[] n = Arrays.copyOf(names, names.length + 1);
    n[names.length] = column;
    if (children.size() >= MAX_CACHED_CHILDREN) {
      return new Shape(n);
    }
    Shape created = new Shape(n);
    Shape prev = children.putIfAbsent(column, created);
    lastChild = prev == null ? created : prev;
    return lastChild;
  }

  /** This shape without the column at {@code position}. */
  Shape remove(int position) {
    Shape s = EMPTY;
    for (int i = 0; i < names.length; i++) {
      if (i != position) {
        s = s.append(names[i]);
      }
    }
    return s;
  }
}
