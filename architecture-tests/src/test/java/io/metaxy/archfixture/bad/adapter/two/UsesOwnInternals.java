package io.metaxy.archfixture.bad.adapter.two;

import io.metaxy.archfixture.bad.adapter.two.internal.Helper;

/** Adapter two using its own internal package: allowed. */
public class UsesOwnInternals {
  public String run() {
    return Helper.help();
  }
}
