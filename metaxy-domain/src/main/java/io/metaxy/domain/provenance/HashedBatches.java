package io.metaxy.domain.provenance;

import io.metaxy.domain.row.Row;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A sequential, ordered stream source of hashed rows: pulls joined rows from a source iterator in
 * batches (on the consuming thread, in order; the first batch is one row and each next one twice as
 * large up to {@link #BATCH}, so a consumer that stops early hashes little more than it took),
 * hashes each batch on up to {@code parallelism} threads (the caller's and the common fork-join
 * pool's), and yields the rows in source order. Once batches are large, the next batch is handed to
 * the pool while the consumer takes the current one, so hashing overlaps consumption. The output is
 * identical whatever the parallelism: each row is computed independently into its own position.
 */
final class HashedBatches implements Spliterator<Row> {
  static final int BATCH = 4096;

  /** Batches smaller than this are hashed on the calling thread, and not ahead of time. */
  static final int MIN_PARALLEL = 512;

  /** One batch: its joined rows, their hashed rows (null: rejected) and the tasks hashing it. */
  private static final class Batch {
    final Joined[] in;
    final Row[] out;
    int size;
    ForkJoinTask<?>[] tasks;

    Batch(int capacity) {
      in = new Joined[capacity];
      out = new Row[capacity];
    }
  }

  private final Iterator<Joined> source;
  private final ConcurrentLinkedQueue<RowMaker> makers;
  private final Supplier<RowMaker> newMaker;
  private final int parallelism;
  private final BiPredicate<Joined, String> keepHashed; // null: keep all
  private Batch current;
  private Batch pending; // the next batch, being hashed ahead
  private Batch spare;
  private int next;
  private int batch = 1;

  HashedBatches(
      Iterator<Joined> source,
      ConcurrentLinkedQueue<RowMaker> makers,
      Supplier<RowMaker> newMaker,
      int parallelism,
      BiPredicate<Joined, String> keepHashed) {
    this.source = source;
    this.makers = makers;
    this.newMaker = newMaker;
    this.parallelism = parallelism;
    this.keepHashed = keepHashed;
  }

  @Override
  public boolean tryAdvance(Consumer<? super Row> action) {
    while (true) {
      if (current != null && next < current.size) {
        Row r = current.out[next];
        current.out[next++] = null;
        if (r != null) { // null: rejected by keepHashed
          action.accept(r);
          return true;
        }
        continue;
      }
      if (current != null) {
        spare = current;
      }
      current = pending != null ? await(pending) : await(start());
      pending = null;
      next = 0;
      if (current == null) {
        return false;
      }
      if (current.size >= MIN_PARALLEL && parallelism > 1) {
        pending = start(); // hash the next batch while this one is consumed
      }
    }
  }

  /** Fills the next batch and starts hashing it; null at the end of the source. */
  private Batch start() {
    Batch b = spare != null && spare.in.length >= batch ? spare : new Batch(Math.max(batch, 64));
    if (b == spare) {
      spare = null;
    }
    int n = 0;
    while (n < batch && source.hasNext()) {
      b.in[n++] = source.next();
    }
    b.size = n;
    batch = Math.min(BATCH, batch * 2);
    if (n == 0) {
      spare = b;
      return null;
    }
    int parts = n >= MIN_PARALLEL ? Math.min(parallelism, n / (MIN_PARALLEL / 2)) : 1;
    if (parts <= 1) {
      hash(b, 0, n);
      b.tasks = null;
      return b;
    }
    int per = (n + parts - 1) / parts;
    b.tasks = new ForkJoinTask<?>[parts];
    for (int p = 0; p < parts; p++) {
      int lo = Math.min(n, p * per);
      int hi = Math.min(n, lo + per);
      b.tasks[p] = ForkJoinPool.commonPool().submit(() -> hash(b, lo, hi));
    }
    return b;
  }

  /**
   * Waits for a batch's hashing; joins the last submitted part first, which the calling thread runs
   * itself when no pool thread has taken it yet.
   */
  private Batch await(Batch b) {
    if (b == null || b.tasks == null) {
      return b;
    }
    RuntimeException failure = null;
    for (int p = b.tasks.length - 1; p >= 0; p--) {
      try {
        b.tasks[p].join();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    b.tasks = null;
    if (failure != null) {
      throw failure;
    }
    return b;
  }

  private void hash(Batch b, int from, int to) {
    RowMaker m = makers.poll();
    if (m == null) {
      m = newMaker.get();
    }
    try {
      for (int i = from; i < to; i++) {
        Joined j = b.in[i];
        b.in[i] = null;
        b.out[i] = m.make(j, keepHashed);
      }
    } finally {
      makers.offer(m);
    }
  }

  @Override
  public Spliterator<Row> trySplit() {
    return null;
  }

  @Override
  public long estimateSize() {
    return Long.MAX_VALUE;
  }

  @Override
  public int characteristics() {
    return ORDERED | NONNULL;
  }
}
