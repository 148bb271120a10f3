package io.metaxy.ports.system;

import java.util.List;

/** Appends to and reads the {@code migration_events} system table. */
public interface MigrationEventLog {
  void recordMigrationEvent(MigrationEvent event);

  /** Events of one migration, in the order recorded. */
  List<MigrationEvent> migrationEvents(String migrationId);

  /** Every event, in the order recorded. */
  List<MigrationEvent> migrationEvents();
}
