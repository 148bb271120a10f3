package io.metaxy.cli;

import io.metaxy.config.ConfigLoader;
import io.metaxy.config.Metaxy;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.key.FeatureKey;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child-JVM entry point of the read-only tests: opens the default store of the project folder DIR
 * ({@code read}: read-only, as the inspection commands do; {@code write}: for writing, as a
 * pipeline does), prints {@code HOLDING <pid>} and keeps it open until killed.
 */
public final class HoldStoreOpen {
  private HoldStoreOpen() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    boolean readOnly = args[1].equals("read");
    try (MetaxyContext mx =
        Metaxy.builder().loader(ConfigLoader.of(Map.of(), dir)).readOnly(readOnly).init()) {
      mx.defaultStore().hasFeature(FeatureKey.of("example/video"));
      System.out.println("HOLDING " + ProcessHandle.current().pid());
      System.out.flush();
      Thread.sleep(600_000);
    }
  }
}
