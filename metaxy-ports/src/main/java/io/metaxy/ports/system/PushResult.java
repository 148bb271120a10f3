package io.metaxy.ports.system;

/** Outcome of a push: the snapshot version and whether it was newly recorded. */
public record PushResult(String snapshotVersion, boolean recorded, int features) {}
