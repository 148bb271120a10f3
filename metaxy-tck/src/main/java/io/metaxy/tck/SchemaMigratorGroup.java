package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.ports.migration.MigrationStatus;
import io.metaxy.ports.migration.SchemaMigrator;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.tck.internal.KitGraphs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Schema migrations with two histories ({@code docs/semantics.md §6}), for stores that offer a
 * {@link SchemaMigrator} through {@link MetadataStore#findSchemaMigrator()}: part of {@link
 * TabularStoreCompatibilityKit}, so a store there without one fails with that message. The store is
 * opened with {@code auto_create_tables = false}: the migrations own the schema. System migrations
 * go first; a failed feature migration leaves the system tables and both histories as they were, is
 * reported as failed (never as applied), and the fixed script then applies.
 */
@DisplayName("Schema migrations: system first, two histories, failures leave both intact")
public abstract class SchemaMigratorGroup extends KitGroup {
  protected SchemaMigratorGroup(TabularStoreCompatibilityKit kit) {
    super(kit);
  }

  private MetadataStore store;
  private SchemaMigrator migrator;
  private Path dir;

  private void openMigrated() throws IOException {
    store = open(settings(KitGraphs.roots()).autoCreateTables(false).build());
    Optional<SchemaMigrator> m = store.findSchemaMigrator();
    assertThat(m)
        .as(
            "%s runs the tabular kit (%s), so findSchemaMigrator() must return the store's"
                + " schema migrator; a store without schema migrations extends"
                + " MetadataStoreCompatibilityKit instead",
            store.getClass().getSimpleName(), kit.getClass().getSimpleName())
        .isPresent();
    migrator = m.get();
    dir = Files.createTempDirectory("metaxy-kit-migrations");
  }

  @org.junit.jupiter.api.AfterEach
  void deleteScripts() throws IOException {
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void writeScript(Path file, String sql) {
    try {
      Files.writeString(file, sql);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int highestVersion(Path dir) throws IOException {
    int max = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("V(\\d+)__.*\\.sql")
                .matcher(p.getFileName().toString());
        if (m.matches()) {
          max = Math.max(max, Integer.parseInt(m.group(1)));
        }
      }
    }
    return max;
  }

  @Test
  void systemMigrationsGoFirstAndTheHistoriesAreSeparate() throws IOException {
    openMigrated();
    MigrationStatus fresh = migrator.status(dir);
    assertThat(fresh.systemPending())
        .as("system migrations pending on a fresh schema")
        .isNotEmpty();
    assertThat(fresh.systemApplied()).isEmpty();
    List<Path> scripts = migrator.generateFeatureMigrations(dir, "kit init");
    assertThat(scripts).as("scripts for the feature tables").isNotEmpty();
    assertThatThrownBy(() -> migrator.migrateFeatures(dir))
        .as("feature migrations are refused while system migrations are pending")
        .isInstanceOf(MetaxyException.class);
    assertThat(migrator.status(dir).featuresApplied()).isEmpty();

    assertThat(migrator.migrateSystem()).isPositive();
    MigrationStatus system = migrator.status(dir);
    assertThat(system.systemPending()).isEmpty();
    assertThat(system.featuresPending()).isNotEmpty();
    assertThat(migrator.migrateFeatures(dir)).isPositive();
    MigrationStatus both = migrator.status(dir);
    assertThat(both.systemApplied()).isEqualTo(system.systemApplied());
    assertThat(both.featuresPending()).isEmpty();
    assertThat(both.featuresApplied()).isNotEmpty();
    assertThat(migrator.migrateSystem()).as("nothing left to apply").isZero();
    assertThat(migrator.migrateFeatures(dir)).isZero();

    write(store, SAMPLES, List.of(sample("s1", "h1")));
    assertThat(ids(read(store, SAMPLES), "sample_id")).containsExactly("s1");
    assertThat(store.push().recorded()).isTrue();
  }

  @Test
  void aFailedFeatureMigrationLeavesSystemTablesAndBothHistoriesAndTheFixAppliesLater()
      throws IOException {
    openMigrated();
    migrator.migrateSystem();
    migrator.generateFeatureMigrations(dir, "kit init");
    migrator.migrateFeatures(dir);
    write(store, SAMPLES, List.of(sample("s1", "h1")));
    assertThat(store.push().recorded()).isTrue();
    MigrationStatus before = migrator.status(dir);

    Path broken = dir.resolve("V" + (highestVersion(dir) + 1) + "__kit_broken.sql");
    writeScript(broken, "CREATE TABLE kit_broken_migration (x INT);\nTHIS IS NOT SQL;\n");
    assertThatThrownBy(() -> migrator.migrateFeatures(dir))
        .as("a broken feature migration fails")
        .isInstanceOf(MetaxyException.class);
    MigrationStatus after = migrator.status(dir);
    assertThat(after.systemApplied()).as("system history intact").isEqualTo(before.systemApplied());
    assertThat(after.systemPending()).isEmpty();
    assertThat(after.featuresApplied())
        .as("feature history: the failed version is not applied")
        .isEqualTo(before.featuresApplied());
    assertThat(store.snapshots()).as("system tables still readable").hasSize(1);
    assertThat(ids(read(store, SAMPLES), "sample_id")).containsExactly("s1");

    writeScript(broken, "CREATE TABLE kit_fixed_migration (x INT);\n");
    assertThat(migrator.migrateFeatures(dir)).as("the fixed script applies").isEqualTo(1);
    MigrationStatus fixed = migrator.status(dir);
    assertThat(fixed.featuresApplied()).hasSize(before.featuresApplied().size() + 1);
    assertThat(fixed.featuresFailed()).isEmpty();
    assertThat(fixed.featuresPending()).isEmpty();
    assertThat(fixed.systemApplied()).isEqualTo(before.systemApplied());
    write(store, SAMPLES, List.of(sample("s2", "h2")));
    assertThat(ids(read(store, SAMPLES), "sample_id")).containsExactly("s1", "s2");
  }
}
