package io.metaxy.ports.system;

/** Event types of the {@code migration_events} system table. */
public enum MigrationEventType {
  STARTED("started"),
  FEATURE_STARTED("feature_started"),
  FEATURE_COMPLETED("feature_completed"),
  COMPLETED("completed"),
  FAILED("failed");

  private final String value;

  MigrationEventType(String value) {
    this.value = value;
  }

  /** The value stored in the table. */
  public String value() {
    return value;
  }

  public static MigrationEventType fromValue(String v) {
    for (MigrationEventType t : values()) {
      if (t.value.equals(v)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown migration event type: " + v);
  }
}
