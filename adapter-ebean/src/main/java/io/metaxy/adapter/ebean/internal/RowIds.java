package io.metaxy.adapter.ebean.internal;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client-assigned row identities: 36 characters, lowercase hex, ordered by creation (wall-clock
 * milliseconds, then a per-JVM counter), with 64 random bits so ids from different processes never
 * collide. Sorting ids as strings gives insertion order, the deterministic tie-break of
 * merge-on-read.
 */
public final class RowIds {
  private static final AtomicLong LAST = new AtomicLong();
  private static final SecureRandom RANDOM = new SecureRandom();

  private RowIds() {}

  /** A new id, greater than every id this JVM produced before. */
  public static String next() {
    long now = System.currentTimeMillis() << 16;
    long v = LAST.updateAndGet(prev -> Math.max(prev + 1, now));
    long r = RANDOM.nextLong();
    String head = String.format("%016x", v);
    String tail = String.format("%016x", r);
    return head.substring(0, 8)
        + "-"
        + head.substring(8, 12)
        + "-"
        + head.substring(12, 16)
        + "-"
        + tail.substring(0, 4)
        + "-"
        + tail.substring(4, 16);
  }
}
