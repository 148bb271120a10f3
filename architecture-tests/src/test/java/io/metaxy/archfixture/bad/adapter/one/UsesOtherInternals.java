package io.metaxy.archfixture.bad.adapter.one;

import io.metaxy.archfixture.bad.adapter.two.internal.Helper;

/** Adapter one reaching into adapter two's internal package. */
public class UsesOtherInternals {
  public String run() {
    return Helper.help();
  }
}
