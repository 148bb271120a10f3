package io.metaxy.archfixture.bad.adapter.two;

/** The adapter {@code AdapterOne} wrongly depends on. */
public class AdapterTwo {
  public String name() {
    return "two";
  }
}
