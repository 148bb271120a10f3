package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.migration.MigrationStatus;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.internal.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 4: the Flyway flow on PostgreSQL. Empty schema → system migrations → generated feature
 * migrations for the video pipeline → apply → write and resolve; a new field → a second generated
 * script that applies; two separate history tables; a failing user migration leaves the system
 * tables and their history intact.
 */
class PostgresMigrationFlowTest {
  private static final FeatureKey VIDEO = FeatureKey.of("example/video");
  private static final FeatureKey CROP = FeatureKey.of("example/crop");

  @TempDir Path dir;

  @BeforeAll
  static void server() {
    TestDatabases.require("PostgreSQL", TestDatabases.PG_URL, TestDatabases.PG_USER);
  }

  @Test
  void systemThenFeatureMigrationsWithSeparateHistories() throws Exception {
    String schema = TestDatabases.randomName("mx_mig");
    FeatureGraph graph = Vectors.videoGraph();
    JooqStoreConfig config =
        JooqStoreConfig.builder(JooqDialect.POSTGRES)
            .url(TestDatabases.PG_URL)
            .user(TestDatabases.PG_USER)
            .schema(schema)
            .layout(StoreLayout.SEED)
            .build();
    try (JooqMetadataStore store =
        new JooqMetadataStore(
            StoreSettings.builder(graph).autoCreateTables(false).build(), config)) {
      store.open();
      JooqSchemaMigrator migrator = store.schemaMigrator();
      Path features = dir.resolve("db/features");

      MigrationStatus before = migrator.status(features);
      assertThat(before.systemPending()).containsExactly("1");
      assertThat(before.systemApplied()).isEmpty();

      List<Path> first = migrator.generateFeatureMigrations(features, "video pipeline");
      assertThat(first).hasSize(1);
      String script = Files.readString(first.get(0));
      assertThat(first.get(0).getFileName().toString()).isEqualTo("V1__video_pipeline.sql");
      assertThat(script)
          .contains("create table \"example__video\"")
          .contains("\"metaxy_provenance_by_field__audio\"");

      assertThatThrownBy(() -> migrator.migrateFeatures(features))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("pending")
          .hasMessageContaining("migrateSystem");

      assertThat(migrator.migrateSystem()).isEqualTo(1);
      assertThat(migrator.migrateFeatures(features)).isEqualTo(1);
      assertThat(migrator.generateFeatureMigrations(features, "again")).isEmpty();

      store.write(
          VIDEO,
          List.of(
              Row.of(
                  "video_id",
                  "v1",
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("audio", "a1", "frames", "f1"))));
      Increment.Materialized crop = store.resolveUpdate(CROP).collect();
      assertThat(crop.newRows()).extracting(r -> r.get("video_id")).containsExactly("v1");
      store.write(CROP, crop.toCompute());
      assertThat(store.push().recorded()).isTrue();

      // a new field of example/video → a second script adding its columns
      FeatureSpec video = graph.get(VIDEO);
      List<FieldSpec> fields = new ArrayList<>(video.fields());
      fields.add(FieldSpec.of("subtitles", "1"));
      FeatureGraph graph2 =
          graph.with(
              FeatureSpec.builder(VIDEO).idColumns(video.idColumns()).fields(fields).build());
      JooqMetadataStore next = store.withGraph(graph2);
      List<Path> second = next.schemaMigrator().generateFeatureMigrations(features, "subtitles");
      assertThat(second).hasSize(1);
      assertThat(second.get(0).getFileName().toString()).isEqualTo("V2__subtitles.sql");
      assertThat(Files.readString(second.get(0)))
          .contains("alter table \"example__video\"")
          .contains("metaxy_provenance_by_field__subtitles");
      assertThat(next.schemaMigrator().migrateFeatures(features)).isEqualTo(1);
      next.write(
          VIDEO,
          List.of(
              Row.of(
                  "video_id",
                  "v2",
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("audio", "a2", "frames", "f2", "subtitles", "s2"))));
      try (Stream<Row> rows = next.read(VIDEO)) {
        assertThat(rows.map(r -> r.get("video_id"))).containsExactly("v2");
      }

      MigrationStatus after = next.schemaMigrator().status(features);
      assertThat(after.systemApplied()).containsExactly("1");
      assertThat(after.featuresApplied()).containsExactly("1", "2");
      assertThat(after.systemPending()).isEmpty();
      assertThat(after.featuresPending()).isEmpty();

      // a failing user migration: system tables and their history stay intact
      Files.writeString(
          features.resolve("V3__broken.sql"),
          "ALTER TABLE \"example__video\" ADD COLUMN \"ok\" text;\nTHIS IS NOT SQL;\n");
      assertThatThrownBy(() -> next.schemaMigrator().migrateFeatures(features))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining("V3__broken.sql".substring(0, 2));
      try (Connection c =
              DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "");
          Statement s = c.createStatement()) {
        assertThat(count(s, schema, "metaxy_system_schema_history", "success")).isEqualTo(1);
        assertThat(count(s, schema, "flyway_schema_history", "success")).isEqualTo(2);
        assertThat(count(s, schema, "metaxy-system__feature_versions", null))
            .isEqualTo(graph.size());
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = '"
                    + schema
                    + "' AND table_name = 'example__video' AND column_name = 'ok'")) {
          rs.next();
          assertThat(rs.getInt(1)).as("the failed migration was rolled back").isZero();
        }
      }
      assertThat(next.featureVersions(next.push().snapshotVersion())).isNotEmpty();
    } finally {
      TestDatabases.dropPgSchema(schema);
    }
  }

  @Test
  void pythonLayoutSystemVersionTwoAndJsonbMapsNeedNoScriptForANewField() throws Exception {
    String schema = TestDatabases.randomName("mx_mig");
    FeatureGraph graph = Vectors.videoGraph();
    JooqStoreConfig config =
        JooqStoreConfig.builder(JooqDialect.POSTGRES)
            .url(TestDatabases.PG_URL)
            .user(TestDatabases.PG_USER)
            .schema(schema)
            .build();
    try (JooqMetadataStore store =
        new JooqMetadataStore(
            StoreSettings.builder(graph).autoCreateTables(false).build(), config)) {
      store.open();
      JooqSchemaMigrator migrator = store.schemaMigrator();
      Path features = dir.resolve("db/python");
      assertThat(migrator.status(features).systemPending()).containsExactly("2");
      List<Path> first = migrator.generateFeatureMigrations(features, "video pipeline");
      assertThat(Files.readString(first.get(0)))
          .contains("\"metaxy_provenance_by_field\" jsonb")
          .doesNotContain("metaxy_write_seq")
          .doesNotContain("metaxy_provenance_by_field__");
      assertThat(migrator.migrateSystem()).isEqualTo(1);
      assertThat(migrator.migrateFeatures(features)).isEqualTo(1);
      assertThat(migrator.status(features).systemApplied()).containsExactly("2");

      FeatureSpec video = graph.get(VIDEO);
      List<FieldSpec> fields = new ArrayList<>(video.fields());
      fields.add(FieldSpec.of("subtitles", "1"));
      JooqMetadataStore next =
          store.withGraph(
              graph.with(
                  FeatureSpec.builder(VIDEO).idColumns(video.idColumns()).fields(fields).build()));
      assertThat(next.schemaMigrator().generateFeatureMigrations(features, "subtitles"))
          .as("a jsonb map holds a new field's key without DDL")
          .isEmpty();
      next.write(
          VIDEO,
          List.of(
              Row.of(
                  "video_id",
                  "v2",
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("audio", "a2", "frames", "f2", "subtitles", "s2"))));
      try (Stream<Row> rows = next.read(VIDEO)) {
        assertThat(rows.map(r -> r.getMap(SystemColumns.PROVENANCE_BY_FIELD)))
            .containsExactly(Map.of("audio", "a2", "frames", "f2", "subtitles", "s2"));
      }
      assertThat(next.push().recorded()).isTrue();
      try (Connection c =
              DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "");
          Statement s = c.createStatement()) {
        assertThat(count(s, schema, "metaxy_system__feature_versions", null))
            .isEqualTo(graph.size());
      }
    } finally {
      TestDatabases.dropPgSchema(schema);
    }
  }

  private static int count(Statement s, String schema, String table, String where)
      throws Exception {
    String sql =
        "SELECT count(*) FROM \""
            + schema
            + "\".\""
            + table
            + "\""
            + (where == null
                ? ""
                : " WHERE \"" + where + "\" AND version IS NOT NULL AND version <> '0'");
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
