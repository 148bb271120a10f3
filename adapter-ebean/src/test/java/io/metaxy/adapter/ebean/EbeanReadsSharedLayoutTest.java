package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A feature table written in the shared python layout by plain SQL, exactly as another store (the
 * jOOQ store, or Python on PostgreSQL) lays it out: the spec's column order, maps as {@code jsonb}
 * on PostgreSQL and compact sorted JSON text on MariaDB ({@code JSON}) and H2 ({@code varchar}), no
 * write order column. The Ebean store reads the latest row of each sample (by {@code
 * coalesce(deleted_at, updated_at)} alone, whatever the insertion order), drops the tombstoned
 * sample, reads a missing map key as absent, and resolves a downstream feature from these rows. Its
 * own write, with a clock behind the stored rows, leaves the table's columns as they were and is
 * stamped after every stored row, so it is the latest.
 */
class EbeanReadsSharedLayoutTest {
  static final FeatureKey VIDEO = FeatureKey.of("example/video");
  static final FeatureKey CROP = FeatureKey.of("example/crop");

  private TestDatabases.Storage storage;
  private EbeanMetadataStore store;

  @AfterEach
  void drop() {
    if (store != null) {
      store.close();
    }
    if (storage != null) {
      storage.drop().run();
    }
  }

  private static String map(TestDatabases.Kind kind, String json) {
    return kind == TestDatabases.Kind.POSTGRES ? "'" + json + "'::jsonb" : "'" + json + "'";
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void readsATableWrittenInTheSharedLayoutByPlainSql(TestDatabases.Kind kind) throws SQLException {
    TestDatabases.requireServer(kind);
    storage = TestDatabases.create(kind);
    FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder(VIDEO)
                .idColumns("video_id")
                .field("audio", "1")
                .field("frames", "1")
                .build(),
            FeatureSpec.builder(CROP)
                .idColumns("video_id")
                .dependsOn("example/video")
                .field("audio", "1")
                .field("frames", "1")
                .build());
    String fv = graph.versions().featureVersion(VIDEO);
    String pv = graph.versions().projectVersion();
    String mapType =
        switch (kind) {
          case POSTGRES -> "jsonb";
          case MARIADB -> "json";
          case H2 -> "character varying";
        };
    String ts =
        switch (kind) {
          case POSTGRES -> "timestamptz";
          case MARIADB -> "datetime(6)";
          case H2 -> "timestamp(6) with time zone";
        };
    String text = "varchar(255)";
    String tsLit = kind == TestDatabases.Kind.MARIADB ? "'%s'" : "timestamp with time zone '%s+00'";
    try (Connection c = DriverManager.getConnection(storage.url(), storage.user(), "");
        Statement st = c.createStatement()) {
      st.execute(
          "create table example__video (video_id "
              + text
              + ", metaxy_provenance_by_field "
              + mapType
              + ", metaxy_feature_version "
              + text
              + ", metaxy_project_version "
              + text
              + ", metaxy_provenance "
              + text
              + ", metaxy_created_at "
              + ts
              + ", metaxy_updated_at "
              + ts
              + ", metaxy_deleted_at "
              + ts
              + ", metaxy_materialization_id "
              + text
              + ", metaxy_data_version_by_field "
              + mapType
              + ", metaxy_data_version "
              + text
              + ")");
      String t1 = String.format(tsLit, "2026-01-01 00:00:00.000001");
      String t2 = String.format(tsLit, "2026-01-02 00:00:00");
      Object[][] rows = {
        // v1: an older row, then a newer one (time decides)
        {"v1", "{\"audio\":\"a1\",\"frames\":\"f1\"}", t1, "null"},
        {"v1", "{\"audio\":\"a1b\",\"frames\":\"f1\"}", t2, "null"},
        // v2: the newer row inserted first still wins (time alone decides)
        {"v2", "{\"audio\":\"a2\",\"frames\":\"f2\"}", t2, "null"},
        {"v2", "{\"audio\":\"old\",\"frames\":\"old\"}", t1, "null"},
        // v3: a newer row without the audio key (a field added later reads as absent)
        {"v3", "{\"audio\":\"a3\",\"frames\":\"f3\"}", t1, "null"},
        {"v3", "{\"frames\":\"f3b\"}", t2, "null"},
        // v4: tombstoned
        {"v4", "{\"audio\":\"a4\",\"frames\":\"f4\"}", t1, "null"},
        {"v4", "{\"audio\":\"a4\",\"frames\":\"f4\"}", t1, t2},
      };
      for (Object[] r : rows) {
        st.execute(
            "insert into example__video values ('"
                + r[0]
                + "', "
                + map(kind, (String) r[1])
                + ", '"
                + fv
                + "', '"
                + pv
                + "', 'p-"
                + r[0]
                + "', "
                + r[2]
                + ", "
                + r[2]
                + ", "
                + r[3]
                + ", null, "
                + map(kind, (String) r[1])
                + ", 'd-"
                + r[0]
                + "')");
      }
    }
    store =
        new EbeanMetadataStore(
            storage.config().build(),
            StoreSettings.builder(graph)
                .clock(
                    java.time.Clock.fixed(
                        java.time.Instant.parse("2020-01-01T00:00:00Z"), java.time.ZoneOffset.UTC))
                .build());
    store.open();
    List<String> columnsBefore = columns(kind);
    Map<String, Map<String, String>> latest = new java.util.TreeMap<>();
    try (Stream<Row> s = store.read(VIDEO, ReadOptions.defaults())) {
      s.forEach(
          r -> {
            Map<String, String> m = new java.util.TreeMap<>();
            r.getMap("metaxy_provenance_by_field").forEach((k, v) -> m.put(k, (String) v));
            latest.put(r.getString("video_id"), m);
          });
    }
    assertThat(latest)
        .isEqualTo(
            Map.of(
                "v1", Map.of("audio", "a1b", "frames", "f1"),
                "v2", Map.of("audio", "a2", "frames", "f2"),
                "v3", Map.of("frames", "f3b")));
    Increment.Materialized crop = store.resolveUpdate(CROP).collect();
    assertThat(crop.newRows())
        .extracting(r -> r.getString("video_id"))
        .containsExactlyInAnyOrder("v1", "v2", "v3");

    // a Java write with a clock six years behind the stored rows: stamped after every stored row
    // (the tombstone's deleted_at included), the table is not altered
    store.write(
        VIDEO,
        List.of(
            Row.of(
                "video_id",
                "v2",
                "metaxy_provenance_by_field",
                Map.of("audio", "java", "frames", "java"))));
    assertThat(columns(kind)).isEqualTo(columnsBefore).doesNotContain("metaxy_write_seq");
    try (Stream<Row> s = store.read(VIDEO, ReadOptions.defaults().withFilters("video_id = 'v2'"))) {
      Row r = s.findFirst().orElseThrow();
      assertThat(r.getMap("metaxy_provenance_by_field")).containsEntry("audio", "java");
      assertThat(r.get("metaxy_updated_at"))
          .isEqualTo(java.time.Instant.parse("2026-01-02T00:00:00.000001Z"));
    }
  }

  private List<String> columns(TestDatabases.Kind kind) throws SQLException {
    List<String> out = new java.util.ArrayList<>();
    try (Connection c = DriverManager.getConnection(storage.url(), storage.user(), "");
        java.sql.ResultSet rs = c.createStatement().executeQuery("select * from example__video")) {
      java.sql.ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        out.add(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }

  /**
   * What the Ebean store writes is what another store expects to read: compact JSON with sorted
   * keys in the map columns of MariaDB and H2, a {@code jsonb} object on PostgreSQL.
   */
  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void writesMapsAsCompactSortedJson(TestDatabases.Kind kind) throws SQLException {
    TestDatabases.requireServer(kind);
    storage = TestDatabases.create(kind);
    FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder(VIDEO)
                .idColumns("video_id")
                .field("frames", "1")
                .field("audio", "1")
                .build());
    store = new EbeanMetadataStore(storage.config().build(), StoreSettings.builder(graph).build());
    store.open();
    store.write(
        VIDEO,
        List.of(
            Row.of(
                "video_id",
                "v1",
                "metaxy_provenance_by_field",
                Map.of("frames", "f1", "audio", "a1"))),
        io.metaxy.ports.store.WriteOptions.defaults());
    String select =
        kind == TestDatabases.Kind.POSTGRES
            ? "select jsonb_typeof(metaxy_provenance_by_field) || ' ' ||"
                + " (metaxy_provenance_by_field ->> 'audio') from example__video"
            : "select metaxy_provenance_by_field from example__video";
    try (Connection c = DriverManager.getConnection(storage.url(), storage.user(), "");
        Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(select)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1))
          .isEqualTo(
              kind == TestDatabases.Kind.POSTGRES
                  ? "object a1"
                  : "{\"audio\":\"a1\",\"frames\":\"f1\"}");
    }
  }
}
