package io.metaxy.tck;

import io.metaxy.ports.migration.SchemaMigrator;
import io.metaxy.ports.store.MetadataStore;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The compatibility kit for stores that keep each feature in a table and own their schema through
 * migrations (the SQL stores). It runs every group of {@link MetadataStoreCompatibilityKit} plus
 * the groups for those two capabilities: table naming and schema migrations. Extend it instead of
 * the base kit in a class named {@code *CompatibilityTest}, implement {@link #createStore} and
 * {@link #featureTableNames}, and offer a {@link SchemaMigrator} through {@link
 * MetadataStore#findSchemaMigrator()}; a store that lacks either capability fails these groups with
 * a message saying what is missing.
 */
public abstract class TabularStoreCompatibilityKit extends MetadataStoreCompatibilityKit {
  /**
   * The feature table names physically present in the storage of {@code store} (system tables
   * excluded), as the database reports them. The table naming group checks key-derived names, the
   * prefix and explicit names against it.
   */
  protected abstract Set<String> featureTableNames(MetadataStore store);

  @Nested
  @DisplayName("Table naming: key-derived names, prefix, explicit names")
  class TableNaming extends TableNamingGroup {
    TableNaming() {
      super(TabularStoreCompatibilityKit.this);
    }
  }

  @Nested
  @DisplayName("Schema migrations: system first, two histories, failures leave both intact")
  class SchemaMigrations extends SchemaMigratorGroup {
    SchemaMigrations() {
      super(TabularStoreCompatibilityKit.this);
    }
  }
}
