package io.metaxy.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TestClockTest {
  @Test
  void standsStillUntilAdvanced() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    TestClock clock = new TestClock(start);
    assertThat(clock.instant()).isEqualTo(start);
    assertThat(clock.tick()).isEqualTo(start.plusSeconds(1));
    assertThat(clock.advance(Duration.ofMinutes(1))).isEqualTo(start.plusSeconds(61));
    assertThat(clock.withZone(ZoneId.of("Europe/Paris")).instant()).isEqualTo(clock.instant());
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
