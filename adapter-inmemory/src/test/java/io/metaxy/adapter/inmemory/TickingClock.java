package io.metaxy.adapter.inmemory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A test clock that advances one millisecond per reading (or stands still when frozen). */
final class TickingClock extends Clock {
  private final AtomicReference<Instant> now;
  private volatile Duration step = Duration.ofMillis(1);

  TickingClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  void freeze() {
    step = Duration.ZERO;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    Duration s = step;
    return now.getAndUpdate(i -> i.plus(s));
  }
}
