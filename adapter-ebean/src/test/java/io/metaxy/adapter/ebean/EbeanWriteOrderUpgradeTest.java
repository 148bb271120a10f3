package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A feature table without write order column (written before Java had one, or created by Python):
 * its rows stay readable (ordered by time), and the first write, with or without {@code
 * auto_create_tables}, leaves the table's columns as they were (the python layout has no write
 * order column) and its row is the latest.
 */
class EbeanWriteOrderUpgradeTest {
  private static final FeatureKey ROWS = FeatureKey.of("old/rows");
  private static final FeatureGraph GRAPH =
      FeatureGraph.of(FeatureSpec.builder(ROWS).idColumns("sample_id").field("v", "1").build());

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

  private void oldTable(TestDatabases.Kind kind) throws Exception {
    TestDatabases.requireServer(kind);
    storage = TestDatabases.create(kind);
    String ts = kind == TestDatabases.Kind.MARIADB ? "datetime(6)" : "timestamp";
    String text = kind == TestDatabases.Kind.MARIADB ? "longtext" : "varchar(4000)";
    String fv = GRAPH.versions().featureVersion(ROWS);
    try (Connection c =
            DriverManager.getConnection(storage.url(), storage.user(), storage.password());
        Statement st = c.createStatement()) {
      st.execute(
          "create table old__rows (metaxy_row_id varchar(36) not null primary key, sample_id"
              + " varchar(255), metaxy_provenance_by_field "
              + text
              + ", metaxy_provenance varchar(128), metaxy_data_version_by_field "
              + text
              + ", metaxy_data_version varchar(128), metaxy_feature_version varchar(128),"
              + " metaxy_project_version varchar(128), metaxy_created_at "
              + ts
              + ", metaxy_updated_at "
              + ts
              + ", metaxy_deleted_at "
              + ts
              + ", metaxy_materialization_id varchar(255))");
      st.execute(
          "insert into old__rows values ('00000000-0000-0000-0000-000000000001', 's1',"
              + " '{\"v\":\"old\"}', 'p-old', '{\"v\":\"old\"}', 'p-old', '"
              + fv
              + "', 'snap', '2020-01-01 00:00:00', '2020-01-01 00:00:00', null, null)");
    }
  }

  private EbeanMetadataStore open(boolean autoCreate) {
    store =
        new EbeanMetadataStore(
            storage.config().build(),
            StoreSettings.builder(GRAPH).autoCreateTables(autoCreate).build());
    store.open();
    return store;
  }

  private List<Row> read(ReadOptions o) {
    try (Stream<Row> s = store.read(ROWS, o)) {
      return s.toList();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void theFirstWriteLeavesTheTableAsItIsAndItsRowWins(TestDatabases.Kind kind) throws Exception {
    firstWrite(kind, true);
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void withoutAutoCreateTheFirstWriteNeedsNoNewColumn(TestDatabases.Kind kind) throws Exception {
    firstWrite(kind, false);
  }

  private void firstWrite(TestDatabases.Kind kind, boolean autoCreate) throws Exception {
    oldTable(kind);
    open(autoCreate);
    assertThat(read(ReadOptions.defaults()))
        .extracting(r -> r.getMap(SystemColumns.PROVENANCE_BY_FIELD).get("v"))
        .containsExactly("old");

    store.write(
        ROWS,
        List.of(Row.of("sample_id", "s1", SystemColumns.PROVENANCE_BY_FIELD, Map.of("v", "new"))));
    assertThat(read(ReadOptions.defaults()))
        .extracting(r -> r.getMap(SystemColumns.PROVENANCE_BY_FIELD).get("v"))
        .containsExactly("new");
    assertThat(read(ReadOptions.defaults().withSampleHistory())).hasSize(2);
    try (Connection c =
            DriverManager.getConnection(storage.url(), storage.user(), storage.password());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select * from old__rows")) {
      List<String> cols = new java.util.ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        cols.add(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
      }
      assertThat(cols).hasSize(12).doesNotContain("metaxy_write_seq");
    }
  }
}
