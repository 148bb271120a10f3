package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import io.metaxy.ports.system.SnapshotSummary;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upgrade path of docs/ebean-adapter.md (*Upgrading a seed store*) on PostgreSQL: a store
 * written in the seed layout, upgraded with the documented SQL, opens in the python layout with the
 * same current rows, nothing to recompute, the same snapshots, and takes new writes.
 */
class EbeanSeedUpgradeTest {
  static final FeatureKey VIDEO = FeatureKey.of("video");
  static final FeatureKey CROP = FeatureKey.of("video/crop");
  static final FeatureGraph GRAPH =
      FeatureGraph.of(
          FeatureSpec.builder(VIDEO).idColumns("video_id").field("frames", "1").build(),
          FeatureSpec.builder(CROP)
              .idColumns("video_id")
              .dependsOn("video")
              .field("frames", "1")
              .build());

  /** The documented statements for one feature table {@code t}. */
  static List<String> tableUpgrade(String t) {
    return List.of(
        "ALTER TABLE "
            + t
            + " ALTER COLUMN metaxy_provenance_by_field TYPE jsonb USING"
            + " metaxy_provenance_by_field::jsonb",
        "ALTER TABLE "
            + t
            + " ALTER COLUMN metaxy_data_version_by_field TYPE jsonb USING"
            + " metaxy_data_version_by_field::jsonb",
        "ALTER TABLE " + t + " RENAME COLUMN metaxy_snapshot_version TO metaxy_project_version",
        "ALTER TABLE " + t + " DROP COLUMN metaxy_row_id");
  }

  /** The documented copy of the system tables. */
  static final List<String> SYSTEM_COPY =
      List.of(
          "INSERT INTO metaxy_system__feature_versions (project, feature_key,"
              + " metaxy_feature_version, metaxy_definition_version, recorded_at, feature_spec,"
              + " feature_schema, feature_class_path, metaxy_project_version, tags, deleted_at,"
              + " metaxy_snapshot_version) SELECT project, feature_key, feature_version, NULL,"
              + " recorded_at AT TIME ZONE 'UTC', feature_spec, '{}', 'java:' || feature_key,"
              + " snapshot_version, '{\"metaxy-java\": \"{\\\"migrated\\\": \\\"seed\\\"}\"}',"
              + " NULL, snapshot_version FROM \"metaxy-system__feature_versions\"",
          "INSERT INTO metaxy_system__migration_events SELECT * FROM"
              + " \"metaxy-system__migration_events\"");

  private TestDatabases.Storage storage;

  @BeforeAll
  static void server() {
    TestDatabases.requireServer(TestDatabases.Kind.POSTGRES);
  }

  @AfterEach
  void drop() {
    if (storage != null) {
      storage.drop().run();
    }
  }

  private EbeanMetadataStore open(EbeanLayout layout, String systemHistory) {
    EbeanMetadataStore s =
        new EbeanMetadataStore(
            storage.config().layout(layout).systemHistoryTable(systemHistory).build(),
            StoreSettings.builder(GRAPH).project("upgrade").build());
    s.open();
    return s;
  }

  private static List<Row> current(EbeanMetadataStore s, FeatureKey f) {
    try (Stream<Row> rows = s.read(f, ReadOptions.defaults())) {
      return rows.toList();
    }
  }

  private void exec(List<String> sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(storage.url(), storage.user(), "");
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  @Test
  void aSeedStoreUpgradedWithTheDocumentedSqlOpensInThePythonLayout() throws SQLException {
    storage = TestDatabases.create(TestDatabases.Kind.POSTGRES);
    List<Row> videos;
    List<Row> crops;
    List<SnapshotSummary> snapshots;
    try (EbeanMetadataStore seed = open(EbeanLayout.SEED, "metaxy_system_schema_history")) {
      seed.write(
          VIDEO,
          List.of(
              Row.of("video_id", "v1", "metaxy_provenance_by_field", Map.of("frames", "f1")),
              Row.of("video_id", "v2", "metaxy_provenance_by_field", Map.of("frames", "f2"))),
          WriteOptions.defaults());
      Increment.Materialized todo = seed.resolveUpdate(CROP).collect();
      seed.write(CROP, todo.toCompute(), WriteOptions.defaults());
      assertThat(seed.push().recorded()).isTrue();
      videos = current(seed, VIDEO);
      crops = current(seed, CROP);
      snapshots = seed.snapshots();
    }
    assertThat(crops).hasSize(2);

    exec(tableUpgrade("video"));
    exec(tableUpgrade("video__crop"));
    try (EbeanMetadataStore python = open(EbeanLayout.PYTHON, "metaxy_system__schema_history")) {
      exec(SYSTEM_COPY);
      assertThat(current(python, VIDEO)).containsExactlyElementsOf(videos);
      assertThat(current(python, CROP)).containsExactlyElementsOf(crops);
      assertThat(python.resolveUpdate(CROP).collect().isEmpty()).isTrue();
      assertThat(python.snapshots()).isEqualTo(snapshots);
      assertThat(python.push().recorded()).as("a new push under Python's rule").isTrue();

      python.write(
          VIDEO,
          List.of(Row.of("video_id", "v3", "metaxy_provenance_by_field", Map.of("frames", "f3"))),
          WriteOptions.defaults());
      assertThat(python.resolveUpdate(CROP).collect().newRows())
          .extracting(r -> r.getString("video_id"))
          .containsExactly("v3");
    }
  }
}
