package io.metaxy.ports.system;

/** Outcome of a rebase: rows written, and whether the step was skipped as already completed. */
public record RebaseResult(
    String migrationId, String featureKey, long rowsWritten, boolean skipped) {}
