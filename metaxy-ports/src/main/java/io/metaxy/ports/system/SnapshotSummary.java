package io.metaxy.ports.system;

import java.time.Instant;

/** One recorded snapshot: its version, when it was recorded and how many features it has. */
public record SnapshotSummary(String snapshotVersion, Instant recordedAt, int features) {}
