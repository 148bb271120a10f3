package io.metaxy.domain.provenance;

import io.metaxy.domain.row.Row;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A sequential, ordered stream source of hashed rows: pulls joined rows from a source iterator in
 * batches (on the consuming thread, in order; the first batch is one row and each next one twice as
 * large up to {@link #BATCH}, so a consumer that stops early hashes little more than it took),
 * hashes each batch on up to {@code parallelism} threads (the caller's and the common fork-join
 * pool's), and yields the rows in source order. The output is identical whatever the parallelism:
 * each row is computed independently into its own position.
 */
final class HashedBatches implements Spliterator<Row> {
  static final int BATCH = 4096;

  /** Batches smaller than this are hashed on the calling thread. */
  static final int MIN_PARALLEL = 512;

  private final Iterator<Joined> source;
  private final ConcurrentLinkedQueue<RowMaker> makers;
  private final Supplier<RowMaker> newMaker;
  private final int parallelism;
  private final java.util.function.BiPredicate<Joined, String> keepHashed; // null: keep all
  private final Joined[] in = new Joined[BATCH];
  private final Row[] out = new Row[BATCH];
  private int size;
  private int next;
  private int batch = 1;

  HashedBatches(
      Iterator<Joined> source,
      ConcurrentLinkedQueue<RowMaker> makers,
      Supplier<RowMaker> newMaker,
      int parallelism,
      java.util.function.BiPredicate<Joined, String> keepHashed) {
    this.keepHashed = keepHashed;
    this.source = source;
    this.makers = makers;
    this.newMaker = newMaker;
    this.parallelism = parallelism;
  }

  @Override
  public boolean tryAdvance(Consumer<? super Row> action) {
    while (true) {
      if (next == size && !fill()) {
        return false;
      }
      Row r = out[next];
      out[next++] = null;
      if (r != null) { // null: rejected by keepHashed
        action.accept(r);
        return true;
      }
    }
  }

  private boolean fill() {
    int n = 0;
    while (n < batch && source.hasNext()) {
      in[n++] = source.next();
    }
    batch = Math.min(BATCH, batch * 2);
    size = n;
    next = 0;
    if (n == 0) {
      return false;
    }
    int parts = n >= MIN_PARALLEL ? Math.min(parallelism, n / (MIN_PARALLEL / 2)) : 1;
    if (parts <= 1) {
      hash(0, n);
    } else {
      hashInParallel(n, parts);
    }
    java.util.Arrays.fill(in, 0, n, null);
    return true;
  }

  private void hashInParallel(int n, int parts) {
    int per = (n + parts - 1) / parts;
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
    for (int p = 1; p < parts; p++) {
      int lo = Math.min(n, p * per);
      int hi = Math.min(n, lo + per);
      tasks[p - 1] = ForkJoinPool.commonPool().submit(() -> hash(lo, hi));
    }
    RuntimeException failure = null;
    try {
      hash(0, Math.min(n, per));
    } catch (RuntimeException e) {
      failure = e;
    }
    for (ForkJoinTask<?> t : tasks) {
      try {
        t.join();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void hash(int from, int to) {
    RowMaker m = makers.poll();
    if (m == null) {
      m = newMaker.get();
    }
    try {
      for (int i = from; i < to; i++) {
        Joined j = in[i];
        out[i] = keepHashed == null ? m.make(j) : m.make(j, p -> keepHashed.test(j, p));
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
