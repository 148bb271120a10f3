package io.metaxy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkConfigTest {
  @Test
  void presetFullAsksForEveryCellAndLaterOptionsOverrideIt() {
    BenchmarkConfig c = BenchmarkConfig.parse(new String[] {"--preset", "full", "--rounds", "5"});
    assertThat(c.sizes).containsExactly(100_000L, 1_000_000L, 10_000_000L);
    assertThat(c.rounds).isEqualTo(5);
    assertThat(c.roundsFor(10_000_000L)).isEqualTo(3);
    assertThat(c.largeAbove).isEqualTo(1_000_000L);
    assertThat(c.largeTargets).containsExactly("jooq+duckdb");
    assertThat(c.h2Max).isEqualTo(100_000L);
    assertThat(c.mariadbMax).isEqualTo(100_000L);
    assertThat(c.floors).containsExactly(DbKind.DUCKDB, DbKind.POSTGRES, DbKind.H2, DbKind.MARIADB);
    assertThat(c.writeRows).isEqualTo(1_000_000L);
    assertThat(c.command).isEqualTo("--preset full --rounds 5");
  }

  @Test
  void largeTargetsDefaultToDuckDbAndAnUnknownPresetIsNamed() {
    BenchmarkConfig c = BenchmarkConfig.parse(new String[] {"--large-above", "10^6"});
    assertThat(c.largeAbove).isEqualTo(1_000_000L);
    assertThat(c.largeTargets).isEqualTo(List.of("jooq+duckdb"));
    assertThatThrownBy(() -> BenchmarkConfig.parse(new String[] {"--preset", "quick"}))
        .hasMessageContaining("--preset \"quick\"");
  }
}
