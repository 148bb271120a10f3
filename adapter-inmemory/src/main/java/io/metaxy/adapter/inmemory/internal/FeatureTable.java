package io.metaxy.adapter.inmemory.internal;

import io.metaxy.domain.increment.IdKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * The append-only rows of one feature, the Java type category of each user column seen so far, the
 * first {@code metaxy_created_at} of each sample, and — maintained as rows are appended — the
 * latest row of each sample per feature version (what merge-on-read returns, so a read need not
 * re-merge the whole history). Guarded by a read-write lock: writers append whole batches under the
 * write lock, readers copy what they need under the read lock.
 */
public final class FeatureTable {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<StoredRow> rows = new ArrayList<>();
  private final Map<String, String> columnTypes = new HashMap<>();
  private final Map<IdKey, Instant> createdAt = new HashMap<>();
  private final Map<String, Map<IdKey, StoredRow>> latestByVersion = new HashMap<>();
  private final Set<String> columns = new LinkedHashSet<>();

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

  /**
   * Appends rows, records their columns and the first created_at of new samples; call under the
   * write lock.
   */
  public void appendUnlocked(List<StoredRow> batch) {
    rows.addAll(batch);
    for (StoredRow r : batch) {
      index(r);
      columns.addAll(r.row().columns());
      if (r.row().get("metaxy_created_at") instanceof Instant i) {
        createdAt.putIfAbsent(r.id(), i);
      }
    }
  }

  /** Every column ever written to this table (a copy taken under the read lock). */
  public Set<String> columns() {
    lock.readLock().lock();
    try {
      return new LinkedHashSet<>(columns);
    } finally {
      lock.readLock().unlock();
    }
  }

  private void index(StoredRow r) {
    Map<IdKey, StoredRow> latest =
        latestByVersion.computeIfAbsent(r.featureVersion(), v -> new LinkedHashMap<>());
    StoredRow prev = latest.get(r.id());
    if (prev == null || r.newerThan(prev)) {
      latest.put(r.id(), r);
    }
  }

  /**
   * The latest row of each sample of {@code featureVersion} (tombstones included), in order of each
   * sample's first row: a copy taken under the read lock.
   */
  public List<StoredRow> latest(String featureVersion) {
    lock.readLock().lock();
    try {
      Map<IdKey, StoredRow> latest = latestByVersion.get(featureVersion);
      return latest == null ? List.of() : new ArrayList<>(latest.values());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Physically removes matching rows and rebuilds the created_at index; returns the count. */
  public long removeIf(Predicate<StoredRow> predicate, String createdAtColumn) {
    lock.writeLock().lock();
    try {
      int before = rows.size();
      rows.removeIf(predicate);
      createdAt.clear();
      latestByVersion.clear();
      for (StoredRow r : rows) {
        index(r);
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
