package io.metaxy.adapter.inmemory.internal;

import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.increment.KeyIndex;
import io.metaxy.domain.spec.SystemColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
  private KeyIndex samples = new KeyIndex(1024); // every sample ever written
  private Instant[] createdAt = new Instant[1024]; // by sample entry: its first created_at
  private final Map<String, Latest> latestByVersion = new HashMap<>();
  private final Set<String> columns = new LinkedHashSet<>();
  private Set<String> lastColumns; // the column set last added to columns

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

  /** The first created_at of sample {@code id}, or null; call under the lock. */
  public Instant createdAtUnlocked(IdKey id) {
    int e = samples.find(id);
    return e < 0 ? null : createdAt[e];
  }

  /**
   * The latest row of each sample of one feature version, in order of each sample's first row:
   * samples numbered by a {@link KeyIndex} (numeric IDs held as primitives), their rows in an
   * array.
   */
  private static final class Latest {
    final KeyIndex ids = new KeyIndex(1024);
    StoredRow[] rows = new StoredRow[1024];

    void offer(StoredRow r) {
      int e = ids.addRow(r.row(), r.idColumns());
      if (e >= 0) {
        if (e == rows.length) {
          rows = Arrays.copyOf(rows, e * 2);
        }
        rows[e] = r;
        return;
      }
      e = -e - 1;
      if (r.newerThan(rows[e])) {
        rows[e] = r;
      }
    }

    List<StoredRow> copy() {
      return Arrays.asList(Arrays.copyOf(rows, ids.size()));
    }
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
      Set<String> cols = r.row().columns();
      if (cols != lastColumns) { // rows of one layout share their column set
        columns.addAll(cols);
        lastColumns = cols;
      }
      if (r.row().get(SystemColumns.CREATED_AT) instanceof Instant i) {
        recordCreatedAt(r, i);
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

  private void recordCreatedAt(StoredRow r, Instant at) {
    int e = samples.addRow(r.row(), r.idColumns());
    if (e >= 0) {
      if (e == createdAt.length) {
        createdAt = Arrays.copyOf(createdAt, e * 2);
      }
      createdAt[e] = at;
    } else if (createdAt[-e - 1] == null) {
      createdAt[-e - 1] = at;
    }
  }

  private void index(StoredRow r) {
    Latest latest = latestByVersion.get(r.featureVersion());
    if (latest == null) {
      latest = new Latest();
      latestByVersion.put(r.featureVersion(), latest);
    }
    latest.offer(r);
  }

  /**
   * The latest row of each sample of {@code featureVersion} (tombstones included), in order of each
   * sample's first row: a copy taken under the read lock.
   */
  public List<StoredRow> latest(String featureVersion) {
    lock.readLock().lock();
    try {
      Latest latest = latestByVersion.get(featureVersion);
      return latest == null ? List.of() : latest.copy();
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
      samples = new KeyIndex(1024);
      createdAt = new Instant[1024];
      latestByVersion.clear();
      for (StoredRow r : rows) {
        index(r);
        Object c = r.row().get(createdAtColumn);
        if (c instanceof Instant i) {
          recordCreatedAt(r, i);
        }
      }
      return before - rows.size();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
