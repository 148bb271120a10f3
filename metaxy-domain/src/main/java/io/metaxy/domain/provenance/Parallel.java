package io.metaxy.domain.provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * Runs independent tasks on the calling thread and the common fork-join pool, returning their
 * results in task order; failures surface as they would sequentially (the first failing task's
 * exception, in task order, unwrapped).
 */
final class Parallel {
  private Parallel() {}

  /**
   * The results of {@code tasks}, in order. With {@code parallelism > 1} every task but the first
   * is handed to the common pool (a task no pool thread has started yet is run by the caller), and
   * the caller runs the first.
   */
  static <T> List<T> callAll(List<? extends Callable<T>> tasks, int parallelism) {
    int n = tasks.size();
    List<FutureTask<T>> futures = new ArrayList<>(n);
    for (Callable<T> t : tasks) {
      futures.add(new FutureTask<>(t));
    }
    if (parallelism > 1 && n > 1) {
      for (int i = 1; i < n; i++) {
        ForkJoinPool.commonPool().execute(futures.get(i));
      }
    }
    List<T> out = new ArrayList<>(n);
    RuntimeException failure = null;
    for (int i = 0; i < n; i++) {
      FutureTask<T> f = futures.get(i);
      f.run(); // no-op once a pool thread has started or finished it
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = unwrap(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while indexing dependencies", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  private static RuntimeException unwrap(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
