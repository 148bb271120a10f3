package io.metaxy.archfixture.bad.domain.internal;

import io.vavr.control.Validation;

/** vavr in a public signature of a domain internal package: allowed by the domain API rule. */
public final class InternalVavr {
  private InternalVavr() {}

  public static Validation<String, String> ok(String s) {
    return Validation.valid(s);
  }
}
