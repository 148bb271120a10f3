package io.metaxy.cli.internal;

/** The store cannot do what was asked, e.g. schema migrations (exit code 4). */
public class StoreUnsupportedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnsupportedException(String message) {
    super(message);
  }
}
