package io.metaxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.ports.naming.SystemTableNames;
import io.metaxy.ports.store.MetadataStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaxyInitTest {
  @TempDir Path dir;

  /** Test class loader that also sees the service files under {@code discovery/}. */
  private static ClassLoader withServices() {
    URL services = MetaxyInitTest.class.getClassLoader().getResource("discovery/");
    return new URLClassLoader(new URL[] {services}, MetaxyInitTest.class.getClassLoader());
  }

  @BeforeEach
  void reset() throws IOException {
    RecordingStoreProvider.CREATED.clear();
    try (InputStream in =
        MetaxyInitTest.class.getResourceAsStream("/video-pipeline.definitions.json")) {
      Files.copy(in, dir.resolve("video.json"));
    }
  }

  private Metaxy.Builder builder(String toml) throws IOException {
    Files.writeString(dir.resolve("metaxy.toml"), toml);
    return Metaxy.builder().loader(ConfigLoader.of(Map.of(), dir)).classLoader(withServices());
  }

  @Test
  void discoversJsonFilesPackagesAndFeatureSetsInOrder() throws IOException {
    try (MetaxyContext mx =
        builder(
                """
                entrypoints = ["video.json", "io.metaxy.config"]
                [stores.dev]
                type = "recording"
                """)
            .init()) {
      assertThat(mx.features().stream().map(f -> f.spec().key().toString()))
          .containsExactly(
              "example/video",
              "example/crop",
              "example/face_detection",
              "example/stt",
              "example/summary",
              "team/scanned",
              "team/raw");
      assertThat(mx.graph().size()).isEqualTo(7);
      assertThat(mx.featureClass(FeatureKey.of("team/scanned")))
          .contains(TestFeatureScanner.ScannedFeature.class);
      assertThat(mx.featureClass(FeatureKey.of("example/crop"))).isEmpty();
      assertThat(mx.graph().versions().featureVersion(FeatureKey.of("example/crop")))
          .isEqualTo("34d75856");
    }
  }

  /** A store type narrower than {@link MetadataStore}, which the recording stores are not. */
  interface OtherStore extends MetadataStore {}

  @Test
  void autoCreateTablesUnsetIsDecidedByTheStoreKindAndStoresAreTyped() throws IOException {
    String stores = "store = \"main\"\n[stores.main]\ntype = \"recording\"\n";
    try (MetaxyContext mx = builder("entrypoints = [\"video.json\"]\n" + stores).init()) {
      assertThat(mx.config().autoCreateTablesSetting()).isEmpty();
      MetadataStore typed = mx.defaultStore(MetadataStore.class);
      assertThat(typed).isSameAs(mx.defaultStore());
      assertThat(typed.settings().autoCreateTables()).as("the provider's default").isFalse();
      assertThatThrownBy(() -> mx.defaultStore(OtherStore.class))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("stores.main")
          .hasMessageContaining(OtherStore.class.getName());
    }
    try (MetaxyContext mx =
        builder("entrypoints = [\"video.json\"]\nauto_create_tables = true\n" + stores).init()) {
      assertThat(mx.defaultStore().settings().autoCreateTables()).as("configured").isTrue();
    }
  }

  @Test
  void createsStoresThroughProvidersWithSettingsFromConfig() throws IOException {
    MetadataStore main;
    try (MetaxyContext mx =
        builder(
                """
                project = "proj"
                entrypoints = ["video.json"]
                store = "main"
                hash_algorithm = "sha256"
                hash_truncation_length = 10
                auto_create_tables = false
                system_tables = { feature_versions = "fv", migration_events = "me" }
                [stores.main]
                type = "recording"
                fallback_stores = ["shared"]
                config = { table_prefix = "p_", answer = 42 }
                [stores.shared]
                type = "recording"
                """)
            .init()) {
      assertThat(RecordingStoreProvider.CREATED).isEmpty(); // lazily created
      main = mx.defaultStore();
      assertThat(mx.store("main")).isSameAs(main);
      assertThat(RecordingStoreProvider.CREATED).hasSize(2);
      RecordingStoreProvider.Created shared = RecordingStoreProvider.CREATED.get(0);
      RecordingStoreProvider.Created m = RecordingStoreProvider.CREATED.get(1);
      assertThat(m.store).isSameAs(main);
      assertThat(m.open).isTrue();
      assertThat(m.config).isEqualTo(Map.of("answer", 42L));
      assertThat(m.settings.project()).isEqualTo("proj");
      assertThat(m.settings.hashAlgorithm()).isEqualTo(HashAlgorithm.SHA256);
      assertThat(m.settings.truncation()).isEqualTo(Truncation.of(10));
      assertThat(m.settings.autoCreateTables()).isFalse();
      assertThat(m.settings.systemTableNames()).isEqualTo(new SystemTableNames("fv", "me"));
      assertThat(m.settings.tableNaming().tableName(FeatureKey.of("example/crop")))
          .isEqualTo("p_example__crop");
      assertThat(m.settings.fallbackStores()).containsExactly(shared.store);
      assertThat(m.settings.graph()).isSameAs(mx.graph());
      assertThat(shared.settings.tableNaming().tableName(FeatureKey.of("example/crop")))
          .isEqualTo("example__crop");
    }
    assertThat(RecordingStoreProvider.CREATED).allSatisfy(c -> assertThat(c.closed).isTrue());
  }

  @Test
  void missingProviderNamesTheArtifactToAdd() throws IOException {
    try (MetaxyContext mx = builder("[stores.dev]\ntype = \"ebean\"\n").init()) {
      assertThatThrownBy(mx::defaultStore)
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("io.metaxy:metaxy-adapter-ebean")
          .satisfies(
              e ->
                  assertThat(((MetaxyException) e).errorCode())
                      .isEqualTo(ErrorCode.PROVIDER_NOT_FOUND));
    }
  }

  @Test
  void badEntrypointsAreReportedTogether() throws IOException {
    Metaxy.Builder b =
        builder("entrypoints = [\"missing.json\", \"not a package!\"]\n")
            .classLoader(MetaxyInitTest.class.getClassLoader());
    assertThatThrownBy(b::init)
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .anySatisfy(s -> assertThat(s).startsWith("entrypoints[0]").contains("missing"))
                    .anySatisfy(s -> assertThat(s).startsWith("entrypoints[1]")));
  }

  @Test
  void packageWithoutScannerNamesTheEbeanArtifact() throws IOException {
    Metaxy.Builder b =
        builder("entrypoints = [\"com.example.features\"]\n")
            .classLoader(MetaxyInitTest.class.getClassLoader());
    assertThatThrownBy(b::init)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("entrypoints[0]")
        .hasMessageContaining("metaxy-adapter-ebean");
  }

  @Test
  void conflictingDefinitionsOfOneKeyNameBothSources() throws IOException {
    Files.writeString(
        dir.resolve("other.json"),
        "{\"features\": [{\"key\": \"example/video\", \"id_columns\": [\"other_id\"]}]}");
    Metaxy.Builder b = builder("entrypoints = [\"video.json\", \"other.json\"]\n");
    assertThatThrownBy(b::init)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("example/video")
        .hasMessageContaining("video.json")
        .hasMessageContaining("other.json");
  }

  @Test
  void invalidJsonDefinitionsNameTheEntrypoint() throws IOException {
    Files.writeString(dir.resolve("bad.json"), "{\"features\": [{\"key\": \"x\", \"oops\": 1}]}");
    Metaxy.Builder b = builder("entrypoints = [\"bad.json\"]\n");
    assertThatThrownBy(b::init)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("entrypoints[0]")
        .hasMessageContaining("oops");
  }

  @Test
  void initFromConfigObjectWithoutFile() {
    MetaxyConfig cfg = MetaxyConfig.builder().baseDir(dir).build();
    try (MetaxyContext mx =
        Metaxy.builder().config(cfg).classLoader(MetaxyInitTest.class.getClassLoader()).init()) {
      assertThat(mx.graph().isEmpty()).isTrue();
      assertThat(mx.config().defaultStore()).isEqualTo("dev");
    }
  }

  @Test
  void defaultStoreIsDuckDbAndNamesTheJooqArtifactWhenAbsent() {
    MetaxyConfig cfg = ConfigLoader.of(Map.of(), dir).load();
    try (MetaxyContext mx =
        Metaxy.builder().config(cfg).classLoader(MetaxyInitTest.class.getClassLoader()).init()) {
      assertThatThrownBy(mx::defaultStore)
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("io.metaxy:metaxy-adapter-jooq");
    }
  }

  @Test
  void embeddedPathIsResolvedAndItsFolderCreated() throws IOException {
    try (MetaxyContext mx =
        builder(
                """
                [stores.dev]
                type = "recording"
                config = { path = "data/db/file.duckdb" }
                [stores.orm]
                type = "recording"
                [ext.ebean]
                infer_table_names = false
                """)
            .init()) {
      mx.defaultStore();
      assertThat(dir.resolve("data/db")).isDirectory();
      assertThat(RecordingStoreProvider.CREATED.get(0).config)
          .containsEntry("path", dir.resolve("data/db/file.duckdb").toAbsolutePath().toString());
      mx.store("orm");
      assertThat(RecordingStoreProvider.CREATED.get(1).config)
          .doesNotContainKey("infer_table_names");
    }
  }
}
