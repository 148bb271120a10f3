package io.metaxy.ports.quarantine;

/**
 * What a write with failures did.
 *
 * @param written rows of successes written to the feature
 * @param quarantined failed samples recorded in the quarantine
 */
public record WriteOutcome(long written, long quarantined) {}
