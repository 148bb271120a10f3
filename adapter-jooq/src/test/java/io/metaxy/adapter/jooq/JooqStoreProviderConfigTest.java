package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.store.StoreSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider configuration ({@code stores.<name>.config}) onto {@link JooqStoreConfig}. */
class JooqStoreProviderConfigTest {
  private static final StoreSettings SETTINGS =
      StoreSettings.builder(
              FeatureGraph.of(FeatureSpec.builder("app/video").idColumns("video_id").build()))
          .build();

  @TempDir Path dir;

  private JooqStoreConfig create(Map<String, Object> config) {
    return ((JooqMetadataStore) new JooqStoreProvider.DuckDb().create(SETTINGS, config)).config();
  }

  @Test
  void everyScalarKeyReachesTheStoreConfig() {
    Path file = dir.resolve("x.duckdb");
    JooqStoreConfig c =
        create(
            Map.of(
                "path", file.toString(),
                "user", "u",
                "password", "p",
                "schema", "s1",
                "table_prefix", "pre_",
                "fetch_size", 250L,
                "system_history_table", "sys_h",
                "feature_history_table", "feat_h",
                "table_names", Map.of("app/video", "videos")));
    assertThat(c.url()).isEqualTo("jdbc:duckdb:" + file.toAbsolutePath());
    assertThat(c.user()).isEqualTo("u");
    assertThat(c.password()).isEqualTo("p");
    assertThat(c.schema()).isEqualTo("s1");
    assertThat(c.tablePrefix()).isEqualTo("pre_");
    assertThat(c.fetchSize()).isEqualTo(250);
    assertThat(c.systemHistoryTable()).isEqualTo("sys_h");
    assertThat(c.featureHistoryTable()).isEqualTo("feat_h");
    assertThat(c.tableNames()).containsExactly(Map.entry(FeatureKey.of("app/video"), "videos"));
  }

  @Test
  void absentOrNullKeysKeepTheDefaults() {
    Map<String, Object> config = new HashMap<>();
    config.put("system_history_table", null);
    config.put("fetch_size", null);
    JooqStoreConfig c = create(config);
    assertThat(c.url()).isEqualTo("jdbc:duckdb:");
    assertThat(c.tablePrefix()).isEmpty();
    assertThat(c.fetchSize()).isEqualTo(1000);
    assertThat(c.systemHistoryTable()).isEqualTo(JooqStoreConfig.DEFAULT_SYSTEM_HISTORY_TABLE);
    assertThat(c.featureHistoryTable()).isEqualTo(JooqStoreConfig.DEFAULT_FEATURE_HISTORY_TABLE);
  }

  @Test
  void badValuesAndUnknownKeysAreNamed() {
    assertThatThrownBy(() -> create(Map.of("fetch_size", "many")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("fetch_size")
        .hasMessageContaining("many");
    assertThatThrownBy(() -> create(Map.of("colour", "blue")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> create(Map.of("url", "jdbc:duckdb:", "path", "x")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("either config key url or path");
  }
}
