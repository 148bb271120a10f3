package io.metaxy.archfixture.bad.adapter.two.internal;

/** An internal helper of adapter two. */
public final class Helper {
  private Helper() {}

  public static String help() {
    return "help";
  }
}
