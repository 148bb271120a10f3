package io.metaxy.adapter.jooq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.ports.system.FeatureVersionRecord;
import io.metaxy.ports.system.MigrationEvent;
import io.metaxy.ports.system.MigrationEventType;
import io.metaxy.ports.system.SnapshotSummary;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** System-table rows (column name to value, as the drivers return them) to the port records. */
class SystemRowMapperTest {
  private static final Instant AT = Instant.parse("2026-03-04T05:06:07.123456Z");

  @Test
  void featureVersionRowRoundTripsEveryField() {
    FeatureVersionRecord expected =
        new FeatureVersionRecord("proj", "a/b", "fv1", "sv1", "{\"k\":1}", "snap1", AT);
    Map<String, Object> row = new HashMap<>();
    row.put(SystemTables.PROJECT, expected.project());
    row.put(SystemTables.FEATURE_KEY, expected.featureKey());
    row.put(SystemTables.FEATURE_VERSION, expected.featureVersion());
    row.put(SystemTables.SPEC_VERSION, expected.specVersion());
    row.put(SystemTables.FEATURE_SPEC, expected.featureSpec());
    row.put(SystemTables.SNAPSHOT_VERSION, expected.snapshotVersion());
    row.put(SystemTables.RECORDED_AT, SystemRowMapper.utc(expected.recordedAt()));

    assertThat(SystemRowMapper.INSTANCE.featureVersion(row)).isEqualTo(expected);
  }

  @Test
  void migrationEventRowRoundTripsEveryField() {
    for (MigrationEventType type : MigrationEventType.values()) {
      MigrationEvent expected = new MigrationEvent("proj", "m1", type, AT, "a/b", 42L, "boom");
      Map<String, Object> row = new HashMap<>();
      row.put(SystemTables.PROJECT, expected.project());
      row.put(SystemTables.MIGRATION_ID, expected.migrationId());
      row.put(SystemTables.EVENT_TYPE, expected.eventType().value());
      row.put(SystemTables.TIMESTAMP, SystemRowMapper.utc(expected.timestamp()));
      row.put(SystemTables.FEATURE_KEY, expected.featureKey());
      row.put(SystemTables.ROWS_AFFECTED, BigDecimal.valueOf(expected.rowsAffected()));
      row.put(SystemTables.ERROR_MESSAGE, expected.errorMessage());

      assertThat(SystemRowMapper.INSTANCE.migrationEvent(row)).isEqualTo(expected);
    }
  }

  @Test
  void migrationEventNullableColumnsStayNull() {
    Map<String, Object> row = new HashMap<>();
    row.put(SystemTables.PROJECT, null);
    row.put(SystemTables.MIGRATION_ID, "m1");
    row.put(SystemTables.EVENT_TYPE, "started");
    row.put(SystemTables.TIMESTAMP, Timestamp.valueOf(SystemRowMapper.utc(AT)));
    row.put(SystemTables.FEATURE_KEY, null);
    row.put(SystemTables.ROWS_AFFECTED, null);
    row.put(SystemTables.ERROR_MESSAGE, null);

    assertThat(SystemRowMapper.INSTANCE.migrationEvent(row))
        .isEqualTo(
            new MigrationEvent(null, "m1", MigrationEventType.STARTED, AT, null, null, null));
  }

  @Test
  void snapshotGroupMapsVersionFirstRecordAndCount() {
    Map<String, Object> row = new HashMap<>();
    row.put(SystemTables.SNAPSHOT_VERSION, "snap1");
    row.put(SystemTables.FIRST_RECORDED, OffsetDateTime.ofInstant(AT, ZoneOffset.ofHours(2)));
    row.put(SystemTables.FEATURE_COUNT, 7L);

    assertThat(SystemRowMapper.INSTANCE.snapshot(row))
        .isEqualTo(new SnapshotSummary("snap1", AT, 7));
  }

  @Test
  void timestampsConvertFromEveryDriverTypeToTheSameInstant() {
    assertThat(SystemRowMapper.instant(SystemRowMapper.utc(AT))).isEqualTo(AT);
    assertThat(SystemRowMapper.instant(Timestamp.valueOf(SystemRowMapper.utc(AT)))).isEqualTo(AT);
    assertThat(SystemRowMapper.instant(AT.atOffset(ZoneOffset.ofHours(-5)))).isEqualTo(AT);
    assertThat(SystemRowMapper.instant(AT)).isEqualTo(AT);
    assertThat(SystemRowMapper.instant(null)).isNull();
  }

  @Test
  void unknownEventTypeIsRejectedWithItsValue() {
    assertThatThrownBy(() -> SystemRowMapper.eventType("exploded"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exploded");
  }
}
