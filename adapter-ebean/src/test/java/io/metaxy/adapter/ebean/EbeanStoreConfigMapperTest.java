package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider configuration ({@code stores.<name>.config}) onto {@link EbeanStoreConfig}. */
class EbeanStoreConfigMapperTest {
  private static EbeanStoreConfig map(Map<String, Object> config) {
    EbeanStoreConfig.Builder b = EbeanStoreConfig.builder();
    EbeanStoreConfigMapper.INSTANCE.apply(config, b);
    return b.build();
  }

  @Test
  void everyScalarKeyReachesTheStoreConfig() {
    EbeanStoreConfig c =
        map(
            Map.of(
                "url", "jdbc:h2:mem:mapper",
                "username", "sa",
                "password", "pw",
                "infer_table_names", "false",
                "system_history_table", "sys_h",
                "feature_history_table", "feat_h",
                "default_database", true));
    assertThat(c.url()).isEqualTo("jdbc:h2:mem:mapper");
    assertThat(c.username()).isEqualTo("sa");
    assertThat(c.password()).isEqualTo("pw");
    assertThat(c.inferTableNames()).isFalse();
    assertThat(c.systemHistoryTable()).isEqualTo("sys_h");
    assertThat(c.featureHistoryTable()).isEqualTo("feat_h");
    assertThat(c.defaultDatabase()).isTrue();
  }

  @Test
  void absentKeysKeepTheDefaults() {
    EbeanStoreConfig c = map(Map.of("url", "jdbc:h2:mem:mapper"));
    assertThat(c.username()).isNull();
    assertThat(c.inferTableNames()).isTrue();
    assertThat(c.systemHistoryTable()).isEqualTo(EbeanStoreConfig.DEFAULT_SYSTEM_HISTORY_TABLE);
    assertThat(c.featureHistoryTable()).isEqualTo(EbeanStoreConfig.DEFAULT_FEATURE_HISTORY_TABLE);
    assertThat(c.defaultDatabase()).isFalse();
  }
}
