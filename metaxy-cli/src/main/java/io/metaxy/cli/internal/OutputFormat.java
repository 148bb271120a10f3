package io.metaxy.cli.internal;

/** Output of read commands: human-readable text or JSON. */
public enum OutputFormat {
  TEXT,
  JSON
}
