package io.metaxy.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.ports.spi.MetadataStoreProviders;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code [stores.<name>.config]} table of store type {@code spark}; no Spark session needed.
 */
class SparkStoreConfigTest {
  @Test
  void readsEveryKeyWithDefaults() {
    SparkStoreConfig c =
        SparkStoreConfig.fromMap(
            Map.of(
                "warehouse", "/data/lake/",
                "spark_conf", Map.of("spark.sql.shuffle.partitions", 8),
                "layout", "nested"));
    assertThat(c.warehouse()).isEqualTo("/data/lake");
    assertThat(c.master()).isEqualTo("local[*]");
    assertThat(c.appName()).isEqualTo("metaxy");
    assertThat(c.sparkConf()).containsEntry("spark.sql.shuffle.partitions", "8");
    assertThat(c.layout()).isEqualTo(SparkStoreConfig.Layout.NESTED);
    assertThat(c.session()).isNull();
    assertThat(c.rowTracking()).isTrue();
    assertThat(
            SparkStoreConfig.fromMap(Map.of("warehouse", "w", "row_tracking", false))
                .withMaster("local[2]")
                .rowTracking())
        .isFalse();
    assertThat(SparkStoreConfig.fromMap(Map.of("warehouse", "w")).layout())
        .isEqualTo(SparkStoreConfig.Layout.FLAT);
  }

  @Test
  void badKeysAreNamed() {
    assertThatThrownBy(() -> SparkStoreConfig.fromMap(Map.of("warehouse", "w", "mastr", "x")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("mastr")
        .hasMessageContaining("master");
    assertThatThrownBy(() -> SparkStoreConfig.fromMap(Map.of("master", "local[2]")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("warehouse");
    assertThatThrownBy(() -> SparkStoreConfig.fromMap(Map.of("warehouse", "w", "layout", "deep")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("deep")
        .hasMessageContaining("nested");
  }

  @Test
  void theProviderIsFoundByType() {
    assertThat(MetadataStoreProviders.find("spark")).isInstanceOf(SparkStoreProvider.class);
  }
}
