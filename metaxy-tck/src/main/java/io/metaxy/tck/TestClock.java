package io.metaxy.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until told to move: the kit passes it to every store so timestamps are
 * deterministic, and advances it between writes so "latest row" is well defined. Thread-safe.
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock at {@code start}, in UTC. */
  public TestClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private TestClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone sharing this clock's time. */
  @Override
  public Clock withZone(ZoneId other) {
    return other.equals(zone) ? this : new TestClock(now, other);
  }

  /** Moves the clock forward by {@code step}; returns the new time. */
  public Instant advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("A TestClock only moves forward, not by " + step);
    }
    return now.updateAndGet(t -> t.plus(step));
  }

  /** Moves the clock forward by one second; returns the new time. */
  public Instant tick() {
    return advance(Duration.ofSeconds(1));
  }
}
