package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.spi.MetadataStoreProvider;
import io.metaxy.ports.spi.MetadataStoreProviders;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EbeanMetadataStoreProviderTest {
  private static final FeatureGraph GRAPH =
      FeatureGraph.of(FeatureSpec.builder("samples").idColumns("sample_id").build());

  @Test
  void typeEbeanIsFoundAndCreatesAWorkingStore() {
    MetadataStoreProvider p = MetadataStoreProviders.find("ebean");
    assertThat(p).isInstanceOf(EbeanMetadataStoreProvider.class);
    TestDatabases.Storage s = TestDatabases.create(TestDatabases.Kind.H2);
    try (MetadataStore store =
        p.create(
            StoreSettings.builder(GRAPH).hashAlgorithm(HashAlgorithm.XXHASH64).build(),
            Map.of("url", s.url(), "user", s.user(), "password", s.password()))) {
      store.open();
      FeatureKey k = FeatureKey.of("samples");
      store.write(
          k,
          List.of(Row.of("sample_id", "a", "metaxy_provenance_by_field", Map.of("default", "h"))));
      try (Stream<Row> rows = store.read(k)) {
        Row r = rows.findFirst().orElseThrow();
        assertThat(r.getString("metaxy_provenance")).matches("[0-9]{1,8}");
      }
    } finally {
      s.drop().run();
    }
  }

  @Test
  void userIsTheKeyUsernameADeprecatedAliasBothAnErrorAndStoresAreMigrationsFirst() {
    MetadataStoreProvider p = new EbeanMetadataStoreProvider();
    assertThat(p.autoCreateTablesByDefault()).isFalse();
    TestDatabases.Storage s = TestDatabases.create(TestDatabases.Kind.H2);
    try {
      for (String key : List.of("user", "username")) {
        try (MetadataStore store =
            p.create(
                StoreSettings.builder(GRAPH).build(),
                Map.of("url", s.url(), key, s.user(), "password", s.password()))) {
          store.open();
          // default_database defaults to true: DB.find(...) uses the store's database
          assertThat(io.ebean.DB.getDefault()).isSameAs(((EbeanMetadataStore) store).database());
        }
      }
      assertThatThrownBy(
              () ->
                  p.create(
                      StoreSettings.builder(GRAPH).build(),
                      Map.of("url", s.url(), "user", "a", "username", "a")))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("keep \"user\"");
    } finally {
      s.drop().run();
    }
  }

  @Test
  void missingSystemTablesNameTheCliCommandFirst() {
    TestDatabases.Storage s = TestDatabases.create(TestDatabases.Kind.H2);
    try (MetadataStore store =
        new EbeanMetadataStoreProvider()
            .create(
                StoreSettings.builder(GRAPH).autoCreateTables(false).build(),
                Map.of("url", s.url(), "user", s.user(), "password", s.password()))) {
      store.open();
      assertThatThrownBy(store::snapshots)
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("CLI: metaxy migrate apply --system");
    } finally {
      s.drop().run();
    }
  }

  @Test
  void badConfigNamesEveryKey() {
    MetadataStoreProvider p = new EbeanMetadataStoreProvider();
    assertThatThrownBy(
            () ->
                p.create(StoreSettings.builder(GRAPH).build(), Map.of("uri", "x", "pasword", "y")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("\"uri\"")
        .hasMessageContaining("\"pasword\"")
        .hasMessageContaining("\"url\" is required")
        .satisfies(
            e -> assertThat(((MetaxyException) e).errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG));
  }

  @Test
  void unsupportedDatabaseIsRejected() {
    MetadataStoreProvider p = new EbeanMetadataStoreProvider();
    MetadataStore store =
        p.create(StoreSettings.builder(GRAPH).build(), Map.of("url", "jdbc:sqlite:/tmp/x.db"));
    assertThatThrownBy(store::open)
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("jdbc:sqlite:/tmp/x.db");
  }
}
