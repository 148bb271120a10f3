package io.metaxy.archfixture.bad.cycle.b;

import io.metaxy.archfixture.bad.cycle.a.CycleA;

/** The other half of the package cycle a → b → a. */
public class CycleB {
  public CycleA back() {
    return new CycleA();
  }
}
