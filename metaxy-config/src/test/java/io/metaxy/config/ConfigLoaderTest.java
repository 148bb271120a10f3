package io.metaxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.ports.naming.SystemTableNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private ConfigException configError(Runnable r) {
    try {
      r.run();
    } catch (ConfigException e) {
      assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG);
      return e;
    }
    throw new AssertionError("expected a ConfigException");
  }

  @Test
  void defaultsWhenNoFileExists() {
    ConfigLoader loader = ConfigLoader.of(Map.of(), dir);
    assertThat(loader.locate()).isEmpty();
    MetaxyConfig c = loader.load();
    assertThat(c.source()).isEmpty();
    assertThat(c.project()).isEqualTo("default");
    assertThat(c.entrypoints()).isEmpty();
    assertThat(c.defaultStore()).isEqualTo("dev");
    assertThat(c.stores()).containsOnlyKeys("dev");
    assertThat(c.store("dev").type()).isEqualTo("duckdb");
    assertThat(c.store("dev").config())
        .isEqualTo(
            Map.of(
                "path",
                dir.resolve(".metaxy/metaxy.duckdb").toAbsolutePath().normalize().toString()));
    assertThat(c.hashAlgorithm()).isEqualTo(HashAlgorithm.MD5);
    assertThat(c.truncation()).isEqualTo(Truncation.DEFAULT);
    assertThat(c.autoCreateTables()).isTrue();
    assertThat(c.systemTableNames()).isEqualTo(SystemTableNames.defaults());
    assertThat(c.ebean()).isEqualTo(EbeanExtConfig.defaults());
    assertThat(c.baseDir()).isEqualTo(dir.toAbsolutePath().normalize());
  }

  @Test
  void fullFileIsRead() throws IOException {
    write(
        dir.resolve("metaxy.toml"),
        """
        project = "videos"
        entrypoints = ["defs/a.json", "com.example.features"]
        store = "prod"
        hash_algorithm = "xxhash64"
        hash_truncation_length = 12
        auto_create_tables = false

        [system_tables]
        feature_versions = "fv"
        migration_events = "me"

        [stores.dev]
        type = "memory"

        [stores.prod]
        type = "DuckDB"
        fallback_stores = ["dev"]
        [stores.prod.config]
        database = "/tmp/x.duckdb"
        table_prefix = "mx_"

        [ext.ebean]
        infer_table_names = false
        """);
    MetaxyConfig c = ConfigLoader.of(Map.of(), dir).load();
    assertThat(c.source()).contains(dir.resolve("metaxy.toml").toAbsolutePath().normalize());
    assertThat(c.project()).isEqualTo("videos");
    assertThat(c.entrypoints()).containsExactly("defs/a.json", "com.example.features");
    assertThat(c.defaultStore()).isEqualTo("prod");
    assertThat(c.hashAlgorithm()).isEqualTo(HashAlgorithm.XXHASH64);
    assertThat(c.truncation()).isEqualTo(Truncation.of(12));
    assertThat(c.autoCreateTables()).isFalse();
    assertThat(c.systemTableNames()).isEqualTo(new SystemTableNames("fv", "me"));
    assertThat(c.stores()).containsOnlyKeys("dev", "prod");
    StoreConfig prod = c.store("prod");
    assertThat(prod.type()).isEqualTo("duckdb");
    assertThat(prod.config()).isEqualTo(Map.of("database", "/tmp/x.duckdb"));
    assertThat(prod.tablePrefix()).isEqualTo("mx_");
    assertThat(prod.fallbackStores()).containsExactly("dev");
    assertThat(c.ebean()).isEqualTo(new EbeanExtConfig(false, true));
  }

  @Test
  void truncationNoneKeepsFullHashes() {
    MetaxyConfig c =
        ConfigLoader.of(Map.of(), dir).loadString("hash_truncation_length = \"none\"", dir);
    assertThat(c.truncation()).isEqualTo(Truncation.NONE);
  }

  @Test
  void searchesUpwardAndNearestFileWins() throws IOException {
    write(dir.resolve("metaxy.toml"), "project = \"outer\"");
    Path deep = Files.createDirectories(dir.resolve("a/b/c"));
    assertThat(ConfigLoader.of(Map.of(), deep).load().project()).isEqualTo("outer");
    write(dir.resolve("a/metaxy.toml"), "project = \"inner\"");
    MetaxyConfig c = ConfigLoader.of(Map.of(), deep).load();
    assertThat(c.project()).isEqualTo("inner");
    assertThat(c.baseDir()).isEqualTo(dir.resolve("a").toAbsolutePath().normalize());
  }

  @Test
  void metaxyConfigVariableWinsOverSearch() throws IOException {
    write(dir.resolve("metaxy.toml"), "project = \"searched\"");
    write(dir.resolve("conf/other.toml"), "project = \"explicit\"");
    MetaxyConfig c = ConfigLoader.of(Map.of("METAXY_CONFIG", "conf/other.toml"), dir).load();
    assertThat(c.project()).isEqualTo("explicit");
    assertThat(c.baseDir()).isEqualTo(dir.resolve("conf").toAbsolutePath().normalize());
  }

  @Test
  void metaxyConfigPointingNowhereIsAnError() {
    ConfigException e =
        configError(() -> ConfigLoader.of(Map.of("METAXY_CONFIG", "missing.toml"), dir).load());
    assertThat(e.getMessage()).contains("METAXY_CONFIG").contains("missing.toml");
  }

  @Test
  void environmentOverridesNestWithDoubleUnderscore() throws IOException {
    write(
        dir.resolve("metaxy.toml"),
        """
        project = "p"
        [stores.dev]
        type = "postgres"
        config = { url = "jdbc:postgresql://file/db", user = "me" }
        """);
    Map<String, String> env =
        Map.of(
            "METAXY_STORES__DEV__CONFIG__URL", "jdbc:postgresql://env/db",
            "METAXY_PROJECT", "from-env",
            "METAXY_HASH_ALGORITHM", "sha256",
            "METAXY_HASH_TRUNCATION_LENGTH", "16",
            "METAXY_AUTO_CREATE_TABLES", "false",
            "METAXY_ENTRYPOINTS", "a.json, b.json",
            "METAXY_STORES__CI__TYPE", "memory",
            "METAXY_REPO_ROOT", "/ignored/not/a/key");
    MetaxyConfig c = ConfigLoader.of(env, dir).load();
    assertThat(c.project()).isEqualTo("from-env");
    assertThat(c.store("dev").config())
        .containsEntry("url", "jdbc:postgresql://env/db")
        .containsEntry("user", "me");
    assertThat(c.hashAlgorithm()).isEqualTo(HashAlgorithm.SHA256);
    assertThat(c.truncation()).isEqualTo(Truncation.of(16));
    assertThat(c.autoCreateTables()).isFalse();
    assertThat(c.entrypoints()).containsExactly("a.json", "b.json");
    assertThat(c.store("ci").type()).isEqualTo("memory");
  }

  @Test
  void environmentOverridesApplyWithoutAFile() {
    MetaxyConfig c =
        ConfigLoader.of(Map.of("METAXY_STORE", "x", "METAXY_STORES__X__TYPE", "memory"), dir)
            .load();
    assertThat(c.defaultStore()).isEqualTo("x");
    assertThat(c.stores()).containsOnlyKeys("x");
  }

  @Test
  void environmentOverrideBelowAValueIsReported() {
    ConfigException e =
        configError(
            () ->
                ConfigLoader.of(Map.of("METAXY_PROJECT__NAME", "x"), dir)
                    .loadString("project = \"p\"\n", dir));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .contains("env METAXY_PROJECT__NAME")
        .contains("not a table");
  }

  @Test
  void interpolatesVariablesAndDefaults() {
    Map<String, String> env = Map.of("DB_HOST", "db.internal", "EMPTY", "");
    MetaxyConfig c =
        ConfigLoader.of(env, dir)
            .loadString(
                """
                project = "${PROJECT:-fallback}"
                [stores.dev]
                type = "postgres"
                config = { url = "jdbc:postgresql://${DB_HOST}:${DB_PORT:-5432}/db", \
                x = "${EMPTY:-was-empty}", lit = "$${NOT_EXPANDED}" }
                """,
                dir);
    assertThat(c.project()).isEqualTo("fallback");
    assertThat(c.store("dev").config())
        .containsEntry("url", "jdbc:postgresql://db.internal:5432/db")
        .containsEntry("x", "was-empty")
        .containsEntry("lit", "${NOT_EXPANDED}");
  }

  @Test
  void unsetVariableIsReportedWithKeyPathAndLine() {
    ConfigException e =
        configError(
            () ->
                ConfigLoader.of(Map.of(), dir)
                    .loadString(
                        """
                        project = "p"
                        [stores.dev]
                        type = "postgres"
                        config = { password = "${DB_PASSWORD}" }
                        """,
                        dir));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0))
        .startsWith("stores.dev.config.password (")
        .contains("metaxy.toml:4")
        .contains("DB_PASSWORD");
  }

  @Test
  void problemsOfEverySectionComeTogetherInSectionOrder() {
    ConfigException e =
        configError(
            () ->
                ConfigLoader.of(Map.of(), dir)
                    .loadString(
                        """
                        project = " "
                        hash_algorithm = "crc32"
                        store = "zzz"
                        [stores.a]
                        fallback_stores = ["b"]
                        """,
                        dir));
    assertThat(e.problems())
        .extracting(p -> p.substring(0, p.indexOf(' ')))
        .containsExactly(
            "project", "hash_algorithm", "stores.a.type", "stores.a.fallback_stores[0]", "store");
    assertThat(e.problems().get(4)).contains("\"zzz\" is not defined").contains("[a]");
  }

  @Test
  void everyBadKeyIsReportedInOneError() {
    ConfigException e =
        configError(
            () ->
                ConfigLoader.of(Map.of("METAXY_AUTO_CREATE_TABLES", "maybe"), dir)
                    .loadString(
                        """
                        projekt = "typo"
                        hash_algorithm = "crc32"
                        hash_truncation_length = 4
                        entrypoints = "not-a-list-in-a-file"
                        [stores.dev]
                        type = "memory"
                        colour = "blue"
                        fallback_stores = ["nowhere"]
                        [system_tables]
                        feature_versions = 3
                        [ext.ebean]
                        infer_table_names = "sometimes"
                        """,
                        dir));
    List<String> p = e.problems();
    assertThat(p)
        .anySatisfy(s -> assertThat(s).startsWith("projekt (").contains(":1)").contains("unknown"))
        .anySatisfy(s -> assertThat(s).startsWith("hash_algorithm (").contains("crc32"))
        .anySatisfy(s -> assertThat(s).startsWith("hash_truncation_length (").contains("4"))
        .anySatisfy(s -> assertThat(s).startsWith("stores.dev.colour (").contains(":7)"))
        .anySatisfy(
            s -> assertThat(s).startsWith("stores.dev.fallback_stores[0]").contains("nowhere"))
        .anySatisfy(s -> assertThat(s).startsWith("system_tables.feature_versions ("))
        .anySatisfy(s -> assertThat(s).startsWith("ext.ebean.infer_table_names ("))
        .anySatisfy(
            s ->
                assertThat(s)
                    .startsWith("auto_create_tables (env METAXY_AUTO_CREATE_TABLES)")
                    .contains("maybe"));
    assertThat(e.getMessage()).contains("projekt").contains("crc32").contains("colour");
  }

  @Test
  void stringListFromFileMustBeAList() {
    ConfigException e =
        configError(
            () -> ConfigLoader.of(Map.of(), dir).loadString("entrypoints = [\"a\", 3]", dir));
    assertThat(e.problems()).singleElement().asString().startsWith("entrypoints[1]");
  }

  @Test
  void undefinedDefaultStoreAndMissingTypeAreReported() {
    ConfigException e =
        configError(
            () ->
                ConfigLoader.of(Map.of(), dir)
                    .loadString(
                        """
                        store = "prod"
                        [stores.dev]
                        config = { a = 1 }
                        """,
                        dir));
    assertThat(e.problems())
        .anySatisfy(s -> assertThat(s).startsWith("stores.dev.type").contains("missing"))
        .anySatisfy(s -> assertThat(s).startsWith("store (").contains("prod"));
  }

  @Test
  void fallbackCycleIsReported() {
    ConfigException e =
        configError(
            () ->
                ConfigLoader.of(Map.of(), dir)
                    .loadString(
                        """
                        [stores.dev]
                        type = "memory"
                        fallback_stores = ["b"]
                        [stores.b]
                        type = "memory"
                        fallback_stores = ["dev"]
                        """,
                        dir));
    assertThat(e.problems()).singleElement().asString().contains("dev -> b -> dev");
  }

  @Test
  void syntaxErrorsCarryFileLineAndColumn() {
    ConfigException e =
        configError(
            () -> ConfigLoader.of(Map.of(), dir).loadString("project = \"a\"\nstore = = 3\n", dir));
    assertThat(e.problems()).isNotEmpty();
    assertThat(e.problems().get(0)).contains("metaxy.toml:2:");
  }

  @Test
  void unknownStoreLookupNamesKnownStores() {
    MetaxyConfig c = ConfigLoader.of(Map.of(), dir).load();
    assertThatThrownBy(() -> c.store("prod"))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("prod")
        .hasMessageContaining("[dev]");
  }

  @Test
  void aMisspelledStoreConfigKeyIsReportedWithTheOtherProblems() {
    // the recording provider is listed under discovery/ (as in MetaxyInitTest)
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(
        new java.net.URLClassLoader(
            new java.net.URL[] {getClass().getClassLoader().getResource("discovery/")},
            getClass().getClassLoader()));
    ConfigException e;
    try {
      e =
          configError(
              () ->
                  ConfigLoader.of(Map.of(), dir)
                      .loadString(
                          "hash_algorithm = \"nope\"\n"
                              + "[stores.main]\ntype = \"recording\"\n"
                              + "[stores.main.config]\nurll = \"x\"\nuser = \"u\"\n",
                          dir));
    } finally {
      t.setContextClassLoader(before);
    }
    assertThat(e.getMessage())
        .contains("stores.main.config.urll")
        .contains("url")
        .contains("hash_algorithm")
        .doesNotContain("config.user");
  }
}
