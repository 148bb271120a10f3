package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.spi.MetadataStoreProviders;
import io.metaxy.ports.store.StoreSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Connection failures name the server and the cause, and a server that accepts TCP but never
 * answers is given up after {@code connect_timeout_seconds} (a loopback socket that accepts and
 * stays silent; no database server needed).
 */
class ConnectionFailureTest {
  private static final StoreSettings SETTINGS =
      StoreSettings.builder(
              FeatureGraph.of(FeatureSpec.builder("c/f").idColumns("id").field("v", "1").build()))
          .build();

  private static String url(JooqDialect d, int port) {
    return (d == JooqDialect.POSTGRES ? "jdbc:postgresql" : "jdbc:mariadb")
        + "://127.0.0.1:"
        + port
        + "/test";
  }

  @ParameterizedTest
  @EnumSource(
      value = JooqDialect.class,
      names = {"POSTGRES", "MARIADB"})
  void aSilentServerTimesOutNamingHostPortAndCause(JooqDialect dialect) throws Exception {
    List<Socket> held = new ArrayList<>();
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
      var store =
          MetadataStoreProviders.find(dialect.type())
              .create(
                  SETTINGS,
                  Map.of("url", url(dialect, port), "user", "u", "connect_timeout_seconds", "1"));
      // a guard against hanging, far above the configured second (no timing assertion)
      assertTimeoutPreemptively(
          Duration.ofSeconds(25),
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

  @ParameterizedTest
  @EnumSource(
      value = JooqDialect.class,
      names = {"POSTGRES", "MARIADB"})
  void aRefusedConnectionNamesHostPortAndCause(JooqDialect dialect) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    var store =
        new JooqMetadataStore(
            SETTINGS, JooqStoreConfig.builder(dialect).url(url(dialect, port)).user("u").build());
    assertThatThrownBy(store::open)
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .hasMessageContaining("refused");
  }

  @ParameterizedTest
  @EnumSource(
      value = JooqDialect.class,
      names = {"POSTGRES", "MARIADB"})
  void theTimeoutMustBeAWholeNumberOfSeconds(JooqDialect dialect) {
    assertThatThrownBy(
            () ->
                MetadataStoreProviders.find(dialect.type())
                    .create(
                        SETTINGS,
                        Map.of("url", url(dialect, 1), "connect_timeout_seconds", "soon")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("connect_timeout_seconds");
  }
}
