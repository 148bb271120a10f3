package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The python layout as the databases hold it (docs/adr/ADR-0005-python-store-layout.md): exact
 * column names, types and order of a feature table and of the feature versions table on DuckDB and
 * PostgreSQL, a field added later (DuckDB widens the struct; a missing key reads as null), a table
 * without Java's write order column (as Python creates it), and merge-on-read by {@code
 * coalesce(deleted_at, updated_at)} then write order with rows of no write order losing ties.
 */
class PythonLayoutTest {
  private static final FeatureKey F = FeatureKey.of("lay/out");

  private static FeatureGraph graph(String... fields) {
    FeatureSpec.Builder b = FeatureSpec.builder(F).idColumns("sample_uid");
    for (String f : fields) {
      b.field(f, "1");
    }
    return FeatureGraph.of(b.build());
  }

  private static Row row(String id, Map<String, String> pbf) {
    return Row.of("sample_uid", id, SystemColumns.PROVENANCE_BY_FIELD, pbf);
  }

  /** Column name → the database's type name, in table order. */
  private static Map<String, String> types(JooqMetadataStore s, String table) {
    String schema = s.config().schema();
    return s.withDsl(
        ctx -> {
          Map<String, String> out = new LinkedHashMap<>();
          for (var r :
              ctx.resultQuery(
                      "SELECT column_name, data_type FROM information_schema.columns WHERE"
                          + " table_name = ? AND table_schema = ? ORDER BY ordinal_position",
                      table,
                      schema == null ? "main" : schema)
                  .fetch()) {
            out.put(r.get(0, String.class), r.get(1, String.class));
          }
          return out;
        });
  }

  @ParameterizedTest
  @EnumSource(
      value = JooqDialect.class,
      names = {"DUCKDB", "POSTGRES"})
  void featureAndSystemTablesHavePythonsColumnsTypesAndOrder(JooqDialect d) {
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore s = stores.open(d, StoreSettings.builder(graph("audio", "frames")).build());
      s.write(F, List.of(row("a", Map.of("audio", "1", "frames", "2"))));
      s.push();
      String text = d == JooqDialect.DUCKDB ? "VARCHAR" : "character varying";
      String tz = d == JooqDialect.DUCKDB ? "TIMESTAMP WITH TIME ZONE" : "timestamp with time zone";
      String ts = d == JooqDialect.DUCKDB ? "TIMESTAMP" : "timestamp without time zone";
      String map = d == JooqDialect.DUCKDB ? "STRUCT(audio VARCHAR, frames VARCHAR)" : "jsonb";
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("sample_uid", text);
      expected.put("metaxy_provenance_by_field", map);
      expected.put("metaxy_feature_version", text);
      expected.put("metaxy_project_version", text);
      expected.put("metaxy_provenance", text);
      expected.put("metaxy_created_at", tz);
      expected.put("metaxy_updated_at", tz);
      expected.put("metaxy_deleted_at", tz);
      expected.put("metaxy_materialization_id", text);
      expected.put("metaxy_data_version_by_field", map);
      expected.put("metaxy_data_version", text);
      assertThat(types(s, "lay__out")).containsExactlyEntriesOf(expected);
      Map<String, String> fv = new LinkedHashMap<>();
      for (String c :
          List.of(
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
              "metaxy_snapshot_version")) {
        fv.put(c, c.equals("recorded_at") || c.equals("deleted_at") ? ts : text);
      }
      assertThat(types(s, "metaxy_system__feature_versions")).containsExactlyEntriesOf(fv);
    }
  }

  @ParameterizedTest
  @EnumSource(JooqDialect.class)
  void aFieldAddedLaterIsKeptAndOlderRowsReadItsKeyAsMissing(JooqDialect d) {
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore s = stores.open(d, StoreSettings.builder(graph("audio")).build());
      s.write(F, List.of(row("a", Map.of("audio", "1"))));
      JooqMetadataStore wider = s.withGraph(graph("audio", "frames"));
      wider.write(F, List.of(row("b", Map.of("audio", "2", "frames", "3"))));
      List<Map<String, String>> maps = new ArrayList<>();
      try (Stream<Row> rows = wider.read(F, ReadOptions.defaults().withAllFeatureVersions())) {
        rows.sorted(
                (x, y) -> x.get("sample_uid").toString().compareTo(y.get("sample_uid").toString()))
            .forEach(r -> maps.add(r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
      }
      assertThat(maps).containsExactly(Map.of("audio", "1"), Map.of("audio", "2", "frames", "3"));
      // resolving with the wider graph reads the old row's missing key as null: it is stale
      assertThat(
              wider
                  .resolveUpdate(
                      F,
                      io.metaxy.ports.store.ResolveOptions.defaults()
                          .withSamples(List.of(row("b", Map.of("audio", "2", "frames", "3")))))
                  .collect()
                  .newRows())
          .isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(JooqDialect.class)
  void rowsAreOrderedByTheirTimeAndJavasWritesAreStampedAfterEveryStoredRow(JooqDialect d) {
    try (TestStores stores = new TestStores()) {
      // a clock that stands still: Java's writes still follow each other
      java.time.Clock still =
          java.time.Clock.fixed(
              java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
      JooqMetadataStore s =
          stores.open(d, StoreSettings.builder(graph("audio")).clock(still).build());
      s.write(F, List.of(row("a", Map.of("audio", "1")), row("b", Map.of("audio", "1"))));
      s.write(F, List.of(row("a", Map.of("audio", "2"))));
      s.write(F, List.of(row("a", Map.of("audio", "3")), row("a", Map.of("audio", "4"))));
      assertThat(audio(s)).containsEntry("a", "4").containsEntry("b", "1");
      // a row as Python writes it, one hour ahead of Java's clock, wins over Java's rows ...
      s.withDsl(
          ctx -> {
            String t = ctx.render(s.table(F));
            java.util.function.Function<String, String> q =
                c -> ctx.render(org.jooq.impl.DSL.name(c));
            return ctx.execute(
                "INSERT INTO "
                    + t
                    + " SELECT "
                    + String.join(
                        ", ",
                        q.apply("sample_uid"),
                        q.apply("metaxy_provenance_by_field"),
                        q.apply("metaxy_feature_version"),
                        q.apply("metaxy_project_version"),
                        "'python'",
                        q.apply("metaxy_created_at"),
                        q.apply("metaxy_updated_at") + " + INTERVAL '1' HOUR",
                        q.apply("metaxy_deleted_at"),
                        q.apply("metaxy_materialization_id"),
                        q.apply("metaxy_data_version_by_field"),
                        q.apply("metaxy_data_version"))
                    + " FROM "
                    + t
                    + " WHERE "
                    + q.apply("sample_uid")
                    + " = 'b'");
          });
      try (Stream<Row> rows = s.read(F)) {
        assertThat(
                rows.filter(r -> r.get("sample_uid").equals("b"))
                    .map(r -> r.get(SystemColumns.PROVENANCE)))
            .containsExactly("python");
      }
      // ... and Java's next write, with its clock still behind, is stamped after it
      s.write(F, List.of(row("b", Map.of("audio", "java"))));
      assertThat(audio(s)).containsEntry("b", "java");
      s.delete(F, io.metaxy.ports.store.DeleteOptions.soft("sample_uid = 'b'"));
      assertThat(audio(s)).doesNotContainKey("b");
    }
  }

  /**
   * Merge-on-read over rows another writer appended (ADR-0009 on DuckDB ranks only samples with
   * more than one row): a sample stored once is read as it is, a sample with history by its latest
   * row, a sample stored once as a tombstone is hidden, and rows with a null ID (refused by Java's
   * writes) merge with each other as one sample.
   */
  @ParameterizedTest
  @EnumSource(JooqDialect.class)
  void samplesStoredOnceAndSamplesWithHistoryMergeAlike(JooqDialect d) {
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore s = stores.open(d, StoreSettings.builder(graph("audio")).build());
      s.write(
          F,
          List.of(
              row("a", Map.of("audio", "1")),
              row("b", Map.of("audio", "1")),
              row("c", Map.of("audio", "1"))));
      s.write(F, List.of(row("b", Map.of("audio", "2"))));
      s.write(F, List.of(row("b", Map.of("audio", "3"))));
      appendCopyOf(s, "c", "NULL", "'n1'", "1", false);
      appendCopyOf(s, "c", "NULL", "'n2'", "2", false);
      appendCopyOf(s, "c", "'d'", "'gone'", "1", true);
      Map<Object, Object> provenance = new LinkedHashMap<>();
      List<Object> ids = new ArrayList<>();
      try (Stream<Row> rows = s.read(F)) {
        rows.forEach(
            r -> {
              ids.add(r.get("sample_uid"));
              provenance.put(r.get("sample_uid"), r.get(SystemColumns.PROVENANCE));
            });
      }
      assertThat(ids).hasSize(4).containsExactlyInAnyOrder("a", "b", "c", null);
      assertThat(provenance).containsEntry(null, "n2");
      assertThat(audio(s))
          .containsEntry("a", "1")
          .containsEntry("b", "3")
          .containsEntry("c", "1")
          .doesNotContainKey("d");
    }
  }

  /**
   * Appends, as another writer would, a copy of sample {@code from}'s row with ID {@code id},
   * provenance {@code provenance}, {@code hours} later, soft-deleted then when {@code deleted}.
   */
  private static void appendCopyOf(
      JooqMetadataStore s,
      String from,
      String id,
      String provenance,
      String hours,
      boolean deleted) {
    s.withDsl(
        ctx -> {
          String t = ctx.render(s.table(F));
          java.util.function.Function<String, String> q =
              c -> ctx.render(org.jooq.impl.DSL.name(c));
          String later = q.apply("metaxy_updated_at") + " + INTERVAL '" + hours + "' HOUR";
          return ctx.execute(
              "INSERT INTO "
                  + t
                  + " SELECT "
                  + String.join(
                      ", ",
                      id,
                      q.apply("metaxy_provenance_by_field"),
                      q.apply("metaxy_feature_version"),
                      q.apply("metaxy_project_version"),
                      provenance,
                      q.apply("metaxy_created_at"),
                      later,
                      deleted ? later : q.apply("metaxy_deleted_at"),
                      q.apply("metaxy_materialization_id"),
                      q.apply("metaxy_data_version_by_field"),
                      q.apply("metaxy_data_version"))
                  + " FROM "
                  + t
                  + " WHERE "
                  + q.apply("sample_uid")
                  + " = '"
                  + from
                  + "'");
        });
  }

  private static Map<Object, Object> audio(JooqMetadataStore s) {
    Map<Object, Object> out = new LinkedHashMap<>();
    try (Stream<Row> rows = s.read(F)) {
      rows.forEach(
          r ->
              out.put(
                  r.get("sample_uid"), r.getMap(SystemColumns.PROVENANCE_BY_FIELD).get("audio")));
    }
    return out;
  }
}
