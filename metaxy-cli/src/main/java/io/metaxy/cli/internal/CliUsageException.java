package io.metaxy.cli.internal;

/** A command was given an argument it cannot use (exit code 2); the message says what to pass. */
public class CliUsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliUsageException(String message) {
    super(message);
  }
}
