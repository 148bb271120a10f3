package io.metaxy.archfixture.bad.adapter.one;

import io.metaxy.archfixture.bad.adapter.two.AdapterTwo;

/** An adapter calling another adapter: breaks "adapters never depend on each other". */
public class AdapterOne {
  public String name() {
    return new AdapterTwo().name() + "+one";
  }
}
