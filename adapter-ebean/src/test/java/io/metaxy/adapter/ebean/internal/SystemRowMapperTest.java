package io.metaxy.adapter.ebean.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.adapter.ebean.MetaxyFeatureVersion;
import io.metaxy.adapter.ebean.MetaxyMigrationEvent;
import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.MigrationEventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The system-table entity beans to and from the port records. */
class SystemRowMapperTest {
  private static final Instant AT = Instant.parse("2026-03-04T05:06:07.123456Z");
  private static final SystemRowMapper MAPPER = SystemRowMapper.INSTANCE;

  @Test
  void featureVersionRoundTripsEveryField() {
    FeatureVersionRecord record =
        new FeatureVersionRecord("proj", "a/b", "fv1", "sv1", "{\"k\":1}", "snap1", AT);

    MetaxyFeatureVersion row = MAPPER.featureVersionRow(record, "id-1");

    assertThat(row.getRecordId()).isEqualTo("id-1");
    assertThat(row.getProject()).isEqualTo("proj");
    assertThat(row.getFeatureKey()).isEqualTo("a/b");
    assertThat(row.getFeatureVersion()).isEqualTo("fv1");
    assertThat(row.getSpecVersion()).isEqualTo("sv1");
    assertThat(row.getFeatureSpec()).isEqualTo("{\"k\":1}");
    assertThat(row.getSnapshotVersion()).isEqualTo("snap1");
    assertThat(row.getRecordedAt()).isEqualTo(AT);
    assertThat(MAPPER.featureVersion(row)).isEqualTo(record);
  }

  @Test
  void migrationEventRoundTripsEveryFieldAndType() {
    for (MigrationEventType type : MigrationEventType.values()) {
      MigrationEvent event = new MigrationEvent("proj", "m1", type, AT, "a/b", 42L, "boom");

      MetaxyMigrationEvent row = MAPPER.migrationEventRow(event, "id-2", "other");

      assertThat(row.getEventId()).isEqualTo("id-2");
      assertThat(row.getProject()).isEqualTo("proj");
      assertThat(row.getMigrationId()).isEqualTo("m1");
      assertThat(row.getEventType()).isEqualTo(type.value());
      assertThat(row.getEventTimestamp()).isEqualTo(AT);
      assertThat(row.getFeatureKey()).isEqualTo("a/b");
      assertThat(row.getRowsAffected()).isEqualTo(42L);
      assertThat(row.getErrorMessage()).isEqualTo("boom");
      assertThat(MAPPER.migrationEvent(row)).isEqualTo(event);
    }
  }

  @Test
  void eventWithoutProjectIsRecordedUnderTheStoreProject() {
    MigrationEvent event =
        new MigrationEvent(null, "m1", MigrationEventType.COMPLETED, AT, null, null, null);

    MetaxyMigrationEvent row = MAPPER.migrationEventRow(event, "id-3", "store-project");

    assertThat(row.getProject()).isEqualTo("store-project");
    assertThat(row.getFeatureKey()).isNull();
    assertThat(row.getRowsAffected()).isNull();
    assertThat(row.getErrorMessage()).isNull();
    assertThat(MAPPER.migrationEvent(row))
        .isEqualTo(
            new MigrationEvent(
                "store-project", "m1", MigrationEventType.COMPLETED, AT, null, null, null));
  }
}
