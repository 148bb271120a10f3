package io.metaxy.archfixture.bad.cli;

/** An application entry point; printing is allowed here. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
