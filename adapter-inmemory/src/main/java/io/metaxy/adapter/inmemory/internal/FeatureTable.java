package io.metaxy.adapter.inmemory.internal;

import io.metaxy.domain.increment.IdKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * The append-only rows of one feature, the Java type category of each user column seen so far, and
 * the first {@code metaxy_created_at} of each sample. Guarded by a read-write lock: writers append
 * whole batches under the write lock, readers copy the row list under the read lock.
 */
public final class FeatureTable {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<StoredRow> rows = new ArrayList<>();
  private final Map<String, String> columnTypes = new HashMap<>();
  private final Map<IdKey, Instant> createdAt = new HashMap<>();

  public ReadWriteLock lock() {
    return lock;
  }

  /** The rows; call under the lock. */
  public List<StoredRow> rowsUnlocked() {
    return rows;
  }

  /** Column name → type category; call under the lock. */
  public Map<String, String> columnTypesUnlocked() {
    return columnTypes;
  }

  /** Sample → its first created_at; call under the lock. */
  public Map<IdKey, Instant> createdAtUnlocked() {
    return createdAt;
  }

  /** A copy of every row, in append order. */
  public List<StoredRow> snapshot() {
    lock.readLock().lock();
    try {
      return new ArrayList<>(rows);
    } finally {
      lock.readLock().unlock();
    }
  }

  public boolean isEmpty() {
    lock.readLock().lock();
    try {
      return rows.isEmpty();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Appends rows; call under the write lock. */
  public void appendUnlocked(List<StoredRow> batch) {
    rows.addAll(batch);
  }

  /** Physically removes matching rows and rebuilds the created_at index; returns the count. */
  public long removeIf(Predicate<StoredRow> predicate, String createdAtColumn) {
    lock.writeLock().lock();
    try {
      int before = rows.size();
      rows.removeIf(predicate);
      createdAt.clear();
      for (StoredRow r : rows) {
        Object c = r.row().get(createdAtColumn);
        if (c instanceof Instant i) {
          createdAt.putIfAbsent(r.id(), i);
        }
      }
      return before - rows.size();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
