package io.metaxy.ports.migration;

import java.util.Objects;

/**
 * One migration of a history as the migration tool reports it (e.g. a Flyway {@code
 * MigrationInfo}), reduced to what {@link MigrationStatus#of} needs.
 *
 * @param version the version ({@code null} or {@code "0"} for a baseline/marker, which status
 *     reports leave out)
 * @param state what happened to it
 */
public record MigrationEntry(String version, State state) {
  public MigrationEntry {
    Objects.requireNonNull(state, "state");
  }

  /** States every store reports the same way. */
  public enum State {
    /** Applied successfully. */
    APPLIED,
    /** Not applied yet. */
    PENDING,
    /** Attempted and failed (a history row may record it); not applied. */
    FAILED,
    /** Anything else (ignored, missing, superseded): not reported. */
    OTHER
  }
}
