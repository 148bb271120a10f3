package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.store.StoreSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Without any timeout configured, a server that accepts TCP and never answers is still given up
 * (the default {@code connect_timeout_seconds}), and the error names the host, the port, the config
 * key and the cause. A loopback socket plays the silent server; no database server needed.
 */
class SilentServerDefaultTimeoutTest {
  private static final StoreSettings SETTINGS =
      StoreSettings.builder(
              FeatureGraph.of(FeatureSpec.builder("c/f").idColumns("id").field("v", "1").build()))
          .build();

  @ParameterizedTest
  @EnumSource(
      value = JooqDialect.class,
      names = {"POSTGRES", "MARIADB"})
  void aSilentServerIsGivenUpWithoutConfigurationNamingHostPortAndCause(JooqDialect dialect)
      throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    held.add(server.accept()); // accept and never answer
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      int port = server.getLocalPort();
      String url =
          (dialect == JooqDialect.POSTGRES ? "jdbc:postgresql" : "jdbc:mariadb")
              + "://127.0.0.1:"
              + port
              + "/test";
      JooqMetadataStore store =
          new JooqMetadataStore(
              SETTINGS, JooqStoreConfig.builder(dialect).url(url).user("u").build());
      // a guard against hanging forever, far above the default timeout (no timing assertion)
      assertTimeoutPreemptively(
          Duration.ofSeconds(120),
          () ->
              assertThatThrownBy(store::open)
                  .isInstanceOf(MetaxyException.class)
                  .hasMessageContaining("127.0.0.1:" + port)
                  .hasMessageContaining("connect_timeout_seconds")
                  .hasMessageContaining("timed out"));
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
