package io.metaxy.archfixture.bad.cycle.a;

import io.metaxy.archfixture.bad.cycle.b.CycleB;

/** Half of a package cycle a → b → a. */
public class CycleA {
  public CycleB next() {
    return new CycleB();
  }
}
