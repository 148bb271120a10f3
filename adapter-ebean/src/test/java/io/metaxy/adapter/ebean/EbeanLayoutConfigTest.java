package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.adapter.ebean.fixtures.video.VideoFeature;
import io.metaxy.adapter.ebean.fixtures.video.VideoProcessing;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code layout} config key: python by default, seed on request, anything else refused naming
 * the key and the allowed values; an entity feature in the seed layout keeps the seed table's
 * columns ({@code metaxy_row_id}, JSON text maps, the project version in {@code
 * metaxy_snapshot_version}) and round-trips through Ebean queries.
 */
class EbeanLayoutConfigTest {
  private static final FeatureGraph GRAPH =
      FeatureGraph.of(FeatureSpec.builder("samples").idColumns("sample_id").build());

  @Test
  void theDefaultIsPythonSeedOnRequestAndAnUnknownValueIsRefused() {
    EbeanMetadataStoreProvider p = new EbeanMetadataStoreProvider();
    assertThat(EbeanStoreConfig.builder().url("jdbc:h2:mem:x").build().layout())
        .isEqualTo(EbeanLayout.PYTHON);
    assertThat(p.configKeys()).hasValueSatisfying(k -> assertThat(k).contains("layout", "url"));
    assertThatThrownBy(
            () ->
                p.create(
                    StoreSettings.builder(GRAPH).build(),
                    Map.of("url", "jdbc:h2:mem:x", "layout", "columns")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("\"layout\"")
        .hasMessageContaining("\"columns\"")
        .hasMessageContaining("[\"python\", \"seed\"]")
        .satisfies(
            e -> assertThat(((MetaxyException) e).errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG));
    TestDatabases.Storage s = TestDatabases.create(TestDatabases.Kind.H2);
    try (MetadataStore store =
        p.create(
            StoreSettings.builder(GRAPH).autoCreateTables(true).build(),
            Map.of("url", s.url(), "user", s.user(), "layout", "SEED"))) {
      store.open();
      assertThat(((EbeanMetadataStore) store).database()).isNotNull();
      store.push();
      assertThat(tables(s)).contains("metaxy-system__feature_versions");
    } finally {
      s.drop().run();
    }
  }

  private static List<String> tables(TestDatabases.Storage s) {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(s.url(), s.user(), "");
        ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME"));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static List<String> columns(TestDatabases.Storage s, String table) {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(s.url(), s.user(), "");
        ResultSet rs =
            c.getMetaData().getColumns(null, null, table.toUpperCase(Locale.ROOT), "%")) {
      while (rs.next()) {
        out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Test
  void anEntityFeatureInTheSeedLayoutKeepsTheSeedColumns() {
    TestDatabases.Storage s = TestDatabases.create(TestDatabases.Kind.H2);
    FeatureGraph graph = EbeanFeatures.graphOf(VideoFeature.class, VideoProcessing.class);
    try (EbeanMetadataStore store =
        new EbeanMetadataStore(
            EbeanStoreConfig.builder()
                .url(s.url())
                .user(s.user())
                .entityClasses(VideoFeature.class, VideoProcessing.class)
                .layout(EbeanLayout.SEED)
                .build(),
            StoreSettings.builder(graph).build())) {
      store.open();
      VideoFeature v = new VideoFeature();
      v.sampleId = "s1";
      v.path = "/v/s1.mp4";
      v.duration = 2.0;
      v.setMetaxyProvenanceByField(Map.of("frames", "f1", "duration", "d1"));
      store.writeEntities(List.of(v), WriteOptions.defaults());
      assertThat(columns(s, "video"))
          .startsWith("metaxy_row_id")
          .contains("metaxy_snapshot_version")
          .doesNotContain("metaxy_project_version");
      VideoFeature read =
          store.database().find(VideoFeature.class).where().eq("sampleId", "s1").findOne();
      assertThat(read.getMetaxyProjectVersion()).isEqualTo(graph.versions().projectVersion());
      assertThat(read.getMetaxyProvenanceByField())
          .isEqualTo(Map.of("duration", "d1", "frames", "f1"));
      assertThat(store.currentRows(VideoFeature.class).findList()).hasSize(1);
      String pv = graph.versions().projectVersion();
      try (var rows =
          store.read(
              FeatureKey.of("video"),
              ReadOptions.defaults().withFilters("metaxy_project_version = '" + pv + "'"))) {
        assertThat(rows.toList()).as("a filter on the row column reads the seed column").hasSize(1);
      }
      try (var rows =
          store.read(
              FeatureKey.of("video"),
              ReadOptions.defaults().withFilters("metaxy_project_version = 'other'"))) {
        assertThat(rows.toList()).isEmpty();
      }
    } finally {
      s.drop().run();
    }
  }
}
