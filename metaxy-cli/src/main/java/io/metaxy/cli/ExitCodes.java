package io.metaxy.cli;

/** Exit codes of the {@code metaxy} command (documented in the module README). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** An assertion failed, e.g. {@code metadata status --assert-in-sync} found work to do. */
  public static final int ASSERTION_FAILED = 1;

  /** Bad usage: unknown option or command, bad argument, unknown feature or snapshot. */
  public static final int USAGE = 2;

  /** Configuration or feature definitions are invalid, or a store provider is missing. */
  public static final int CONFIG_ERROR = 3;

  /** The store failed or does not support the operation. */
  public static final int STORE_ERROR = 4;

  private ExitCodes() {}
}
