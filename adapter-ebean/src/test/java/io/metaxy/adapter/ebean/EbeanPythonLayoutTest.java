package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.adapter.ebean.fixtures.video.VideoFeature;
import io.metaxy.adapter.ebean.fixtures.video.VideoProcessing;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.WriteOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The python layout on PostgreSQL, column by column: a feature table without entity class, an
 * entity's table, and the feature versions system table have Python Metaxy 0.1.11's column names,
 * types and order (docs/adr/ADR-0005) and no write order column (the system table ends with Java's
 * {@code metaxy_snapshot_version}); maps are stored as {@code jsonb}; timestamps read back as
 * written (microseconds); with a clock standing still, each later write and tombstone is stamped
 * one microsecond after the table's latest row, so it is the latest.
 */
class EbeanPythonLayoutTest {
  static final FeatureKey VIDEO = FeatureKey.of("example/video");
  static final List<String> SYSTEM =
      List.of(
          "metaxy_provenance_by_field:jsonb",
          "metaxy_feature_version:character varying",
          "metaxy_project_version:character varying",
          "metaxy_provenance:character varying",
          "metaxy_created_at:timestamp with time zone",
          "metaxy_updated_at:timestamp with time zone",
          "metaxy_deleted_at:timestamp with time zone",
          "metaxy_materialization_id:character varying",
          "metaxy_data_version_by_field:jsonb",
          "metaxy_data_version:character varying");

  private TestDatabases.Storage storage;
  private EbeanMetadataStore store;

  @BeforeAll
  static void server() {
    TestDatabases.requireServer(TestDatabases.Kind.POSTGRES);
  }

  @AfterEach
  void drop() {
    if (store != null) {
      store.close();
    }
    if (storage != null) {
      storage.drop().run();
    }
  }

  private EbeanMetadataStore open(FeatureGraph graph, Clock clock, Class<?>... entities) {
    storage = TestDatabases.create(TestDatabases.Kind.POSTGRES);
    store =
        new EbeanMetadataStore(
            storage.config().entityClasses(entities).build(),
            StoreSettings.builder(graph).project("layout").clock(clock).build());
    store.open();
    return store;
  }

  private List<String> columns(String table) throws SQLException {
    String schema = storage.url().substring(storage.url().indexOf("currentSchema=") + 14);
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(storage.url(), storage.user(), "");
        PreparedStatement ps =
            c.prepareStatement(
                "select column_name, data_type, is_nullable from information_schema.columns"
                    + " where table_schema = ? and table_name = ? order by ordinal_position")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + ":" + rs.getString(2));
        }
      }
    }
    return out;
  }

  private String text(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(storage.url(), storage.user(), "");
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void aFeatureTableAndTheFeatureVersionsTableHavePythonsColumns() throws SQLException {
    FeatureGraph graph =
        FeatureGraph.of(
            List.of(
                FeatureSpec.builder(VIDEO)
                    .idColumns("video_id")
                    .field("audio", "1")
                    .field("frames", "1")
                    .build()));
    Instant at = Instant.parse("2026-03-01T10:15:30.123456789Z");
    open(graph, Clock.fixed(at, ZoneOffset.UTC));
    store.write(
        VIDEO,
        List.of(
            Row.of(
                "video_id",
                "v1",
                "metaxy_provenance_by_field",
                Map.of("frames", "f1", "audio", "a1"))),
        WriteOptions.defaults());

    List<String> expected = new ArrayList<>(List.of("video_id:character varying"));
    expected.addAll(SYSTEM);
    assertThat(columns("example__video")).containsExactlyElementsOf(expected);
    assertThat(text("select metaxy_provenance_by_field::text from example__video"))
        .isEqualTo("{\"audio\": \"a1\", \"frames\": \"f1\"}");
    assertThat(text("select jsonb_typeof(metaxy_data_version_by_field) from example__video"))
        .isEqualTo("object");
    try (Stream<Row> rows = store.read(VIDEO, ReadOptions.defaults())) {
      Row r = rows.findFirst().orElseThrow();
      assertThat(r.get("metaxy_updated_at"))
          .isEqualTo(Instant.parse("2026-03-01T10:15:30.123456Z"));
      assertThat(r.getMap("metaxy_provenance_by_field"))
          .isEqualTo(Map.of("audio", "a1", "frames", "f1"));
    }
    // the clock stands still: the next write is stamped one microsecond after the latest row
    store.write(
        VIDEO,
        List.of(
            Row.of(
                "video_id",
                "v1",
                "metaxy_provenance_by_field",
                Map.of("frames", "f2", "audio", "a2"))),
        WriteOptions.defaults());
    try (Stream<Row> rows = store.read(VIDEO, ReadOptions.defaults())) {
      Row r = rows.findFirst().orElseThrow();
      assertThat(r.get("metaxy_updated_at"))
          .isEqualTo(Instant.parse("2026-03-01T10:15:30.123457Z"));
      assertThat(r.get("metaxy_created_at"))
          .isEqualTo(Instant.parse("2026-03-01T10:15:30.123456Z"));
      assertThat(r.getMap("metaxy_provenance_by_field")).containsEntry("audio", "a2");
    }
    // and a tombstone one microsecond after that
    assertThat(store.delete(VIDEO, io.metaxy.ports.store.DeleteOptions.soft())).isEqualTo(1);
    assertThat(text("select max(metaxy_deleted_at) at time zone 'UTC' from example__video"))
        .startsWith("2026-03-01 10:15:30.123458");
    try (Stream<Row> rows = store.read(VIDEO, ReadOptions.defaults())) {
      assertThat(rows).isEmpty();
    }

    assertThat(store.push().recorded()).isTrue();
    assertThat(columns("metaxy_system__feature_versions"))
        .containsExactly(
            "project:character varying",
            "feature_key:character varying",
            "metaxy_feature_version:character varying",
            "metaxy_definition_version:character varying",
            "recorded_at:timestamp without time zone",
            "feature_spec:character varying",
            "feature_schema:character varying",
            "feature_class_path:character varying",
            "metaxy_project_version:character varying",
            "tags:character varying",
            "deleted_at:timestamp without time zone",
            "metaxy_snapshot_version:character varying");
    assertThat(text("select feature_class_path from metaxy_system__feature_versions"))
        .isEqualTo("java:example/video");
    assertThat(text("select metaxy_project_version from metaxy_system__feature_versions"))
        .isEqualTo(graph.versions().projectVersion());
    assertThat(text("select metaxy_definition_version from metaxy_system__feature_versions"))
        .isEqualTo(graph.versions().definitionVersion(VIDEO, Map.of()));
    assertThat(columns("metaxy_system__migration_events")).hasSize(8);
    assertThat(store.snapshots()).hasSize(1);
    assertThat(store.snapshots().get(0).snapshotVersion())
        .isEqualTo(graph.versions().snapshotVersion());
  }

  @Test
  void anEntityTableHasTheEntityColumnsThenPythonsSystemColumns() throws SQLException {
    FeatureGraph graph = EbeanFeatures.graphOf(VideoFeature.class, VideoProcessing.class);
    open(graph, Clock.systemUTC(), VideoFeature.class, VideoProcessing.class);
    List<String> cols = columns("video");
    assertThat(cols.subList(cols.size() - SYSTEM.size(), cols.size()))
        .containsExactlyElementsOf(SYSTEM);
    assertThat(cols.subList(0, cols.size() - SYSTEM.size()))
        .containsExactly(
            "sample_id:character varying", "path:character varying", "duration:double precision");
  }
}
