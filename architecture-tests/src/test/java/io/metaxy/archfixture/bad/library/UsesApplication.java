package io.metaxy.archfixture.bad.library;

import io.metaxy.archfixture.bad.cli.Main;

/** A library class depending on an application (the CLI). */
public class UsesApplication {
  public void run() {
    Main.main(new String[0]);
  }
}
