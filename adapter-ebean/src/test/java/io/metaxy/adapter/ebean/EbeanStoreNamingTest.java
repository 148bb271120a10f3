package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.adapter.ebean.fixtures.video.VideoFeature;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.naming.TableNamingConvention;
import io.metaxy.ports.store.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Table names the store actually creates: prefix, inference off, both for entity and spec-only
 * features.
 */
class EbeanStoreNamingTest {
  private final TestDatabases.Storage storage = TestDatabases.create(TestDatabases.Kind.H2);

  @AfterEach
  void drop() {
    storage.drop().run();
  }

  private TreeSet<String> tables() throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (Connection c = DriverManager.getConnection(storage.url(), storage.user(), "");
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select table_name from information_schema.tables where table_schema = 'PUBLIC'")) {
      while (rs.next()) {
        out.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }

  private static Row video(String id) {
    return Row.of(
        "sample_id",
        id,
        "path",
        "/v",
        "duration",
        1.0,
        "metaxy_provenance_by_field",
        Map.of("frames", "f", "duration", "d"));
  }

  @Test
  void prefixAppliesToEntityAndSpecOnlyFeatures() throws SQLException {
    FeatureGraph graph =
        EbeanFeatures.graphOf(VideoFeature.class)
            .with(FeatureSpec.builder("audio/raw").idColumns("sample_id").build());
    try (EbeanMetadataStore store =
        new EbeanMetadataStore(
            storage.config().entityClasses(VideoFeature.class).build(),
            StoreSettings.builder(graph)
                .tableNaming(TableNamingConvention.prefixed("mx_"))
                .build())) {
      store.open();
      store.write(FeatureKey.of("video"), List.of(video("s1")));
      store.write(
          FeatureKey.of("audio/raw"),
          List.of(Row.of("sample_id", "s1", "metaxy_provenance_by_field", Map.of("default", "h"))));
      assertThat(tables()).contains("mx_video", "mx_audio__raw").doesNotContain("video");
      assertThat(store.database().find(VideoFeature.class).findCount()).isEqualTo(1);
    }
  }

  @Test
  void inferenceOffKeepsEbeanDefaultNames() throws SQLException {
    try (EbeanMetadataStore store =
        new EbeanMetadataStore(
            storage.config().entityClasses(VideoFeature.class).inferTableNames(false).build(),
            StoreSettings.builder(EbeanFeatures.graphOf(VideoFeature.class)).build())) {
      store.open();
      store.write(FeatureKey.of("video"), List.of(video("s1")));
      assertThat(tables()).contains("video_feature").doesNotContain("video");
      assertThat(store.read(FeatureKey.of("video")).toList()).hasSize(1);
    }
  }
}
