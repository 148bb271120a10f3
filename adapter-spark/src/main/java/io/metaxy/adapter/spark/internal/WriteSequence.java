package io.metaxy.adapter.spark.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The values of {@code metaxy_write_seq}: increasing within the JVM and, seeded from the wall clock
 * in microseconds, across processes that do not write within the same microsecond. It only breaks
 * ties between rows of one sample stamped with the same instant.
 */
public final class WriteSequence {
  private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() * 1000L);

  private WriteSequence() {}

  /** Reserves {@code n} consecutive values and returns the first. */
  public static long next(int n) {
    long wall = System.currentTimeMillis() * 1000L;
    return NEXT.updateAndGet(v -> Math.max(v, wall) + n) - n;
  }
}
