package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.adapter.ebean.fixtures.video.VideoFeature;
import io.metaxy.adapter.ebean.fixtures.video.VideoProcessing;
import io.metaxy.adapter.ebean.fixtures.videov2.VideoFeatureV2;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.ports.migration.MigrationStatus;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration workflow on PostgreSQL: system migrations first (enforced), a generated user
 * migration for the video features, a second one adding a field's column, two separate histories,
 * and a failing user migration that leaves the system tables intact.
 */
class EbeanMigrationWorkflowTest {
  private static final FeatureKey VIDEO = FeatureKey.of("video");

  @TempDir Path tmp;
  private final List<EbeanMetadataStore> stores = new ArrayList<>();
  private TestDatabases.Storage storage;

  @BeforeAll
  static void server() {
    TestDatabases.requireServer(TestDatabases.Kind.POSTGRES);
  }

  @AfterEach
  void drop() {
    stores.forEach(EbeanMetadataStore::close);
    if (storage != null) {
      storage.drop().run();
    }
  }

  private EbeanMetadataStore store(Class<?>... entities) {
    return store(EbeanLayout.PYTHON, entities);
  }

  private EbeanMetadataStore store(EbeanLayout layout, Class<?>... entities) {
    FeatureGraph graph = EbeanFeatures.graphOf(entities);
    EbeanMetadataStore s =
        new EbeanMetadataStore(
            storage.config().entityClasses(entities).layout(layout).build(),
            StoreSettings.builder(graph).autoCreateTables(false).build());
    stores.add(s);
    s.open();
    return s;
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(storage.url(), storage.user(), "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private boolean columnExists(String table, String column) throws SQLException {
    String schema = storage.url().substring(storage.url().indexOf("currentSchema=") + 14);
    return count(
            "select count(*) from information_schema.columns where table_schema = '"
                + schema
                + "' and table_name = '"
                + table
                + "' and column_name = '"
                + column
                + "'")
        == 1;
  }

  /**
   * A seed-layout store's generated feature migration gives every entity table it creates the seed
   * layout's write order column and its unique index ({@code EbeanFeature} does not map it), so the
   * store writes without {@code auto_create_tables}.
   */
  @Test
  void seedLayoutMigrationsAddTheWriteOrderToEntityTables() throws Exception {
    storage = TestDatabases.create(TestDatabases.Kind.POSTGRES);
    Path dir = tmp.resolve("seed-migrations");
    EbeanMetadataStore seed = store(EbeanLayout.SEED, VideoFeature.class);
    EbeanSchemaMigrator migrator = seed.schemaMigrator();
    List<Path> generated = migrator.generateFeatureMigrations(dir, "seed tables");
    String ddl = Files.readString(dir.resolve("V1__seed_tables.sql"));
    assertThat(generated).contains(dir.resolve("V1__seed_tables.sql"));
    assertThat(ddl)
        .containsPattern("alter table video add column metaxy_write_seq bigint")
        .containsPattern("create unique index ux_video_\\w+ on video \\(metaxy_write_seq\\)");
    assertThat(migrator.migrateSystem()).isEqualTo(1);
    assertThat(migrator.migrateFeatures(dir)).isEqualTo(1);
    assertThat(columnExists("video", "metaxy_write_seq")).isTrue();
    seed.write(
        VIDEO,
        List.of(
            Row.of(
                "sample_id",
                "s1",
                "path",
                "/v/s1.mp4",
                "duration",
                1.5,
                "metaxy_provenance_by_field",
                Map.of("duration", "d1", "frames", "f1"))),
        WriteOptions.defaults());
    assertThat(count("select max(metaxy_write_seq) from video")).isEqualTo(1);
  }

  @Test
  void systemFirstThenGeneratedFeatureMigrationsWithSeparateHistories() throws Exception {
    storage = TestDatabases.create(TestDatabases.Kind.POSTGRES);
    Path dir = tmp.resolve("dbmigration");
    EbeanMetadataStore v1 = store(VideoFeature.class, VideoProcessing.class);
    EbeanSchemaMigrator migrator = v1.schemaMigrator();

    // Generate the user migration for the video features: only feature tables, Flyway layout.
    List<Path> first = migrator.generateFeatureMigrations(dir, "add video feature tables");
    Path v1Sql = dir.resolve("V1__add_video_feature_tables.sql");
    assertThat(first).contains(v1Sql);
    String ddl = Files.readString(v1Sql);
    assertThat(ddl).contains("create table video ").contains("create table video__processing ");
    assertThat(ddl).contains("metaxy_provenance_by_field").contains("sample_id");
    // python layout: no write order column (Python refuses two upstreams that both carry it)
    assertThat(ddl).doesNotContain("metaxy_write_seq");
    assertThat(ddl).doesNotContain("metaxy-system").doesNotContain("metaxy_system");
    // python layout: maps as jsonb, no row id (Ebean's DbMigration orders an entity's columns
    // itself; Python reads by name)
    String video = ddl.substring(ddl.indexOf("create table video "));
    video = video.substring(0, video.indexOf(");"));
    assertThat(video)
        .containsPattern("metaxy_provenance_by_field\\s+jsonb")
        .containsPattern("metaxy_data_version_by_field\\s+jsonb")
        .containsPattern("metaxy_project_version\\s+varchar")
        .containsPattern("metaxy_data_version\\s+varchar")
        .doesNotContain("metaxy_row_id")
        .doesNotContain("primary key");

    // System first, enforced.
    assertThatThrownBy(() -> migrator.migrateFeatures(dir))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("migrateSystem()")
        .satisfies(
            e ->
                assertThat(((MetaxyException) e).errorCode())
                    .isEqualTo(ErrorCode.MIGRATION_FAILED));
    assertThat(migrator.migrateSystem()).isEqualTo(1);
    assertThat(migrator.migrateFeatures(dir)).isEqualTo(1);

    // The tables work: write video rows and record a snapshot in the system tables.
    v1.write(
        VIDEO,
        List.of(
            Row.of(
                "sample_id",
                "s1",
                "path",
                "/v/s1.mp4",
                "duration",
                3.5,
                "metaxy_provenance_by_field",
                Map.of("frames", "f1", "duration", "d1"))),
        WriteOptions.defaults());
    assertThat(v1.push().recorded()).isTrue();

    // Add a field's column: generate and apply the second migration.
    EbeanMetadataStore v2 = store(VideoFeatureV2.class, VideoProcessing.class);
    EbeanSchemaMigrator migrator2 = v2.schemaMigrator();
    List<Path> second = migrator2.generateFeatureMigrations(dir, "add resolution");
    Path v2Sql = dir.resolve("V2__add_resolution.sql");
    assertThat(second).contains(v2Sql);
    assertThat(Files.readString(v2Sql))
        .containsPattern("alter table video add column (if not exists )?resolution");
    assertThat(migrator2.generateFeatureMigrations(dir, "nothing changed")).isEmpty();
    assertThat(migrator2.migrateFeatures(dir)).isEqualTo(1);
    assertThat(columnExists("video", "resolution")).isTrue();
    v2.write(
        VIDEO,
        List.of(
            Row.of(
                "sample_id",
                "s2",
                "path",
                "/v/s2.mp4",
                "duration",
                1.0,
                "resolution",
                "4k",
                "metaxy_provenance_by_field",
                Map.of("frames", "f2", "duration", "d2", "resolution", "r2"))),
        WriteOptions.defaults());
    try (Stream<Row> rows = v2.read(VIDEO, ReadOptions.defaults())) {
      assertThat(rows.toList()).extracting(r -> r.get("resolution")).containsExactly("4k");
    }

    // Separate histories.
    assertThat(
            count(
                "select count(*) from metaxy_system_schema_history where success and type = 'SQL'"))
        .isEqualTo(1);
    assertThat(count("select count(*) from flyway_schema_history where success and type = 'SQL'"))
        .isEqualTo(2);
    MigrationStatus status = migrator2.status(dir);
    assertThat(status.systemApplied()).containsExactly("1__metaxy_system_tables");
    assertThat(status.systemPending()).isEmpty();
    assertThat(status.featuresApplied())
        .containsExactly("1__add_video_feature_tables", "2__add_resolution");
    assertThat(status.featuresPending()).isEmpty();

    // A failing user migration leaves the system tables and their history intact.
    long snapshots = count("select count(*) from metaxy_system__feature_versions");
    Files.writeString(
        dir.resolve("V3__broken.sql"),
        "alter table video add column broken_one varchar(10);\n"
            + "alter table video add column broken_two no_such_type;\n");
    assertThatThrownBy(() -> migrator2.migrateFeatures(dir))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("V3__broken.sql")
        .satisfies(
            e ->
                assertThat(((MetaxyException) e).errorCode())
                    .isEqualTo(ErrorCode.MIGRATION_FAILED));
    assertThat(columnExists("video", "broken_one")).as("rolled back").isFalse();
    assertThat(count("select count(*) from metaxy_system__feature_versions")).isEqualTo(snapshots);
    assertThat(
            count(
                "select count(*) from metaxy_system_schema_history where success and type = 'SQL'"))
        .isEqualTo(1);
    assertThat(v2.snapshots()).hasSize(1);
    assertThat(migrator2.status(dir).systemPending()).isEmpty();
    assertThat(migrator2.status(dir).featuresPending()).containsExactly("3__broken");
  }
}
