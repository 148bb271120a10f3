package io.metaxy.ports.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.ports.migration.MigrationEntry.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationStatusTest {
  @Test
  void entriesAreClassifiedAndBaselinesLeftOut() {
    MigrationStatus s =
        MigrationStatus.of(
            List.of(new MigrationEntry("0", State.APPLIED), new MigrationEntry("1", State.APPLIED)),
            List.of(
                new MigrationEntry(null, State.APPLIED),
                new MigrationEntry("1", State.APPLIED),
                new MigrationEntry("2", State.FAILED),
                new MigrationEntry("3", State.PENDING),
                new MigrationEntry("4", State.OTHER)));
    assertThat(s.systemApplied()).containsExactly("1");
    assertThat(s.featuresApplied()).as("a failed migration is never applied").containsExactly("1");
    assertThat(s.featuresFailed()).containsExactly("2");
    assertThat(s.featuresPending()).containsExactly("3");
    assertThat(s.systemUpToDate()).isTrue();
    SystemFirst.require(s, "h", Path.of("m"));
  }

  @Test
  void featureMigrationsWaitForTheSystemHistory() {
    MigrationStatus pending =
        MigrationStatus.of(List.of(new MigrationEntry("1", State.PENDING)), List.of());
    assertThatThrownBy(() -> SystemFirst.require(pending, "metaxy_system_history", Path.of("m")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("[1]")
        .hasMessageContaining("metaxy_system_history")
        .hasMessageContaining("migrateSystem()");
    MigrationStatus failed =
        MigrationStatus.of(List.of(new MigrationEntry("1", State.FAILED)), List.of());
    assertThat(failed.systemUpToDate()).isFalse();
  }

  @Test
  void theFourListConstructorStillWorks() {
    MigrationStatus s = new MigrationStatus(List.of("1"), List.of(), List.of(), List.of("2"));
    assertThat(s.systemFailed()).isEmpty();
    assertThat(s.featuresPending()).containsExactly("2");
  }
}
