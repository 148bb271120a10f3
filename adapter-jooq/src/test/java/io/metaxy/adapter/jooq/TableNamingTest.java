package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.naming.SystemTableNames;
import io.metaxy.ports.spi.MetadataStoreProviders;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.sql.Catalog;
import io.metaxy.tck.internal.Vectors;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 5 and the providers: feature tables named from keys ({@code example__video}), prefix
 * and explicit names, system tables with the columns of docs/semantics.md §5 under default or
 * configured names, identifier limits, the jOOQ table for users' own queries, and provider config
 * keys.
 */
class TableNamingTest {
  private static final FeatureKey VIDEO = FeatureKey.of("example/video");

  @TempDir Path dir;

  private static Row video(String id) {
    return Row.of(
        "video_id", id, SystemColumns.PROVENANCE_BY_FIELD, Map.of("audio", "a", "frames", "f"));
  }

  private static List<String> columns(JooqMetadataStore s, String table) {
    return s.withDsl(
        ctx -> {
          try {
            Connection c = ctx.configuration().connectionProvider().acquire();
            return List.copyOf(
                new Catalog(io.metaxy.sql.SqlDialect.DUCKDB, null).columns(c, table).keySet());
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void tablesAreNamedFromKeysAndHavePythonMetaxysColumnsByDefault() {
    try (JooqMetadataStore s =
        JooqMetadataStore.duckDbInMemory(StoreSettings.builder(Vectors.videoGraph()).build())) {
      s.open();
      s.write(VIDEO, List.of(video("v1")));
      s.push();
      assertThat(s.tableName(VIDEO)).isEqualTo("example__video");
      assertThat(columns(s, "example__video"))
          .containsExactly(
              "video_id",
              "metaxy_provenance_by_field",
              "metaxy_feature_version",
              "metaxy_project_version",
              "metaxy_provenance",
              "metaxy_created_at",
              "metaxy_updated_at",
              "metaxy_deleted_at",
              "metaxy_materialization_id",
              "metaxy_data_version_by_field",
              "metaxy_data_version");
      assertThat(columns(s, "metaxy_system__feature_versions"))
          .containsExactly(
              "project",
              "feature_key",
              "metaxy_feature_version",
              "metaxy_definition_version",
              "recorded_at",
              "feature_spec",
              "feature_schema",
              "feature_class_path",
              "metaxy_project_version",
              "tags",
              "deleted_at",
              "metaxy_snapshot_version");
      assertThat(columns(s, "metaxy_system__migration_events"))
          .containsExactly(
              "project",
              "migration_id",
              "event_type",
              "timestamp",
              "feature_key",
              "rows_affected",
              "error_message",
              "event_seq");
      assertThat(columns(s, "metaxy-system__feature_versions")).isEmpty();
      List<Record> viaJooq = s.withDsl(ctx -> ctx.selectFrom(s.table(VIDEO)).fetch());
      assertThat(viaJooq).hasSize(1);
      assertThat(viaJooq.get(0).get(DSL.field(DSL.name("video_id")))).isEqualTo("v1");
    }
  }

  @Test
  void theSeedLayoutKeepsPerFieldColumnsTheSnapshotColumnAndSection5SystemTables() {
    try (JooqMetadataStore s =
        new JooqMetadataStore(
            StoreSettings.builder(Vectors.videoGraph()).build(),
            JooqStoreConfig.builder(JooqDialect.DUCKDB)
                .url("jdbc:duckdb:")
                .layout(StoreLayout.SEED)
                .build())) {
      s.open();
      s.write(VIDEO, List.of(video("v1")));
      assertThat(columns(s, "example__video"))
          .contains(
              "video_id",
              "metaxy_provenance_by_field__audio",
              "metaxy_provenance",
              "metaxy_snapshot_version")
          .doesNotContain("metaxy_project_version", "metaxy_provenance_by_field");
      try (var rows = s.read(VIDEO)) {
        Row r = rows.findFirst().orElseThrow();
        assertThat(r.get(SystemColumns.PROJECT_VERSION))
            .isEqualTo(s.graph().versions(s.settings().truncation()).projectVersion());
      }
      assertThat(columns(s, "metaxy-system__feature_versions"))
          .containsExactly(
              "project",
              "feature_key",
              "metaxy_feature_version",
              "metaxy_feature_spec_version",
              "feature_spec",
              "metaxy_snapshot_version",
              "recorded_at");
      assertThat(columns(s, "metaxy-system__migration_events"))
          .containsExactly(
              "project",
              "migration_id",
              "event_type",
              "timestamp",
              "feature_key",
              "rows_affected",
              "error_message",
              "event_seq");
    }
  }

  @Test
  void anUnknownLayoutIsAnErrorNamingTheKeyAndTheValues() {
    StoreSettings settings = StoreSettings.builder(Vectors.videoGraph()).build();
    assertThatThrownBy(
            () ->
                MetadataStoreProviders.find("duckdb").create(settings, Map.of("layout", "columns")))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("layout")
        .hasMessageContaining("python")
        .hasMessageContaining("seed")
        .hasMessageContaining("columns");
    JooqMetadataStore seed =
        (JooqMetadataStore)
            MetadataStoreProviders.find("duckdb").create(settings, Map.of("layout", "seed"));
    assertThat(seed.config().layout()).isEqualTo(StoreLayout.SEED);
  }

  @Test
  void prefixExplicitNamesAndConfiguredSystemTables() {
    FeatureGraph g = Vectors.videoGraph();
    StoreSettings settings =
        StoreSettings.builder(g).systemTableNames(new SystemTableNames("my_fv", "my_ev")).build();
    JooqStoreConfig config =
        JooqStoreConfig.builder(JooqDialect.DUCKDB)
            .url("jdbc:duckdb:")
            .tablePrefix("p_")
            .tableName(FeatureKey.of("example/crop"), "crops")
            .build();
    try (JooqMetadataStore s = new JooqMetadataStore(settings, config)) {
      s.open();
      s.write(VIDEO, List.of(video("v1")));
      s.push();
      assertThat(s.tableName(VIDEO)).isEqualTo("p_example__video");
      assertThat(s.tableName(FeatureKey.of("example/crop"))).isEqualTo("crops");
      assertThat(columns(s, "p_example__video")).contains("video_id");
      assertThat(columns(s, "my_fv")).contains("feature_spec");
      assertThat(columns(s, "metaxy_system__feature_versions")).isEmpty();
    }
  }

  @Test
  void tooLongIdentifiersAreRefusedOnPostgresBeforeTheyAreTruncated() {
    FeatureKey longKey = FeatureKey.of("a".repeat(40) + "/" + "b".repeat(30));
    FeatureGraph g =
        FeatureGraph.of(FeatureSpec.builder(longKey).idColumns("id").field("x", "1").build());
    JooqMetadataStore s =
        new JooqMetadataStore(
            StoreSettings.builder(g).build(),
            JooqStoreConfig.builder(JooqDialect.POSTGRES).url(TestDatabases.PG_URL).build());
    assertThatThrownBy(() -> s.tableName(longKey))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("63")
        .hasMessageContaining(longKey.toString());
  }

  @Test
  void providersCreateStoresAndNameUnknownKeys() {
    StoreSettings settings = StoreSettings.builder(Vectors.videoGraph()).build();
    Path file = dir.resolve("metaxy.duckdb");
    try (MetadataStore s =
        MetadataStoreProviders.find("duckdb").create(settings, Map.of("path", file.toString()))) {
      s.open();
      s.write(VIDEO, List.of(video("v1")));
      assertThat(s.hasFeature(VIDEO)).isTrue();
    }
    assertThat(file).exists();
    for (String type : List.of("duckdb", "postgres", "h2", "mariadb")) {
      assertThatThrownBy(
              () ->
                  MetadataStoreProviders.find(type)
                      .create(settings, Map.of("url", "jdbc:x:", "colour", "blue")))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("colour");
    }
  }
}
