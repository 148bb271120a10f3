package io.metaxy.archfixture.bad.sql;

import io.metaxy.archfixture.bad.adapter.one.AdapterOne;

/**
 * Shared SQL reaching into an adapter: breaks "the shared SQL module never depends on adapters".
 */
public final class SqlUsingAdapter {
  private SqlUsingAdapter() {}

  /** Uses an adapter class. */
  public static String name() {
    return new AdapterOne().name();
  }
}
