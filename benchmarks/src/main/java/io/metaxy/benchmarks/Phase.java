package io.metaxy.benchmarks;

/** What the leaf holds when it is resolved. */
public enum Phase {
  /** The leaf is empty: every sample is new. */
  NEW,
  /** The leaf is up to date, then 10% of the upstream audio data versions changed. */
  STALE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
