package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.tck.internal.Vectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Flyway flow (system scripts, generated feature scripts) on the other dialects. */
class EmbeddedMigrationTest {
  @TempDir Path dir;

  private static String readString(Path p) {
    try {
      return java.nio.file.Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = JooqDialect.class,
      names = {"DUCKDB", "H2", "MARIADB"})
  void systemAndFeatureMigrationsApplyAndTheStoreWorksOnThem(JooqDialect dialect) {
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store =
          stores.open(
              dialect, StoreSettings.builder(Vectors.videoGraph()).autoCreateTables(false).build());
      JooqSchemaMigrator m = store.schemaMigrator();
      Path features = dir.resolve(dialect.type());
      assertThat(m.migrateSystem()).isEqualTo(1);
      List<Path> scripts = m.generateFeatureMigrations(features, "init");
      assertThat(scripts).hasSize(1);
      // the index auto_create_tables creates on the ID columns (merge-on-read probes by ID)
      assertThat(readString(scripts.get(0)).toLowerCase(java.util.Locale.ROOT))
          .contains("create index ", "mx_idx_");
      assertThat(m.migrateFeatures(features)).isEqualTo(1);
      assertThat(m.status(features).featuresApplied()).containsExactly("1");
      FeatureKey video = FeatureKey.of("example/video");
      store.write(
          video,
          List.of(
              Row.of(
                  "video_id",
                  "v1",
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("audio", "a1", "frames", "f1"))));
      assertThat(store.resolveUpdate(FeatureKey.of("example/crop")).collect().newRows()).hasSize(1);
      assertThat(store.push().recorded()).isTrue();

      // a field added to example/video: DuckDB's struct columns are widened by a generated
      // script (the other databases' JSON maps need none)
      io.metaxy.domain.spec.FeatureSpec v = store.graph().get(video);
      List<io.metaxy.domain.spec.FieldSpec> fields = new java.util.ArrayList<>(v.fields());
      fields.add(io.metaxy.domain.spec.FieldSpec.of("subtitles", "1"));
      JooqMetadataStore wider =
          store.withGraph(
              store
                  .graph()
                  .with(
                      io.metaxy.domain.spec.FeatureSpec.builder(video)
                          .idColumns(v.idColumns())
                          .fields(fields)
                          .build()));
      List<Path> second = wider.schemaMigrator().generateFeatureMigrations(features, "subtitles");
      if (dialect == JooqDialect.DUCKDB) {
        assertThat(second).hasSize(1);
        assertThat(readString(second.get(0)))
            .contains("ADD COLUMN \"metaxy_provenance_by_field\".\"subtitles\" VARCHAR");
        assertThat(wider.schemaMigrator().migrateFeatures(features)).isEqualTo(1);
      } else {
        assertThat(second).isEmpty();
      }
      wider.write(
          video,
          List.of(
              Row.of(
                  "video_id",
                  "v2",
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("audio", "a2", "frames", "f2", "subtitles", "s2"))));
      try (java.util.stream.Stream<Row> rows = wider.read(video)) {
        assertThat(rows.map(r -> r.getMap(SystemColumns.PROVENANCE_BY_FIELD)))
            .containsExactly(Map.of("audio", "a2", "frames", "f2", "subtitles", "s2"));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void featureMigrationsBeforeSystemOnesNameTheCliCommand() {
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store =
          stores.open(
              JooqDialect.DUCKDB,
              StoreSettings.builder(Vectors.videoGraph()).autoCreateTables(false).build());
      JooqSchemaMigrator m = store.schemaMigrator();
      Path features = dir.resolve("early");
      m.generateFeatureMigrations(features, "init");
      assertThatThrownBy(() -> m.migrateFeatures(features))
          .hasMessageContaining("metaxy migrate apply --system");
    }
  }
}
