package io.metaxy.archfixture.bad.library;

/** Library code printing to the console instead of logging through SLF4J. */
public class ConsolePrinter {
  public void report(Exception e) {
    System.out.println("failed");
    e.printStackTrace();
  }
}
