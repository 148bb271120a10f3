package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.HYPHENATED;
import static io.metaxy.tck.internal.KitGraphs.OTHER;
import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.ports.naming.TableNamingConvention;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.tck.internal.KitGraphs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Table naming for stores with tables ({@code docs/semantics.md §6}): a feature's table is its
 * key's table name ({@code kit__samples}), after the store's prefix, unless an explicit name is
 * configured. Part of {@link TabularStoreCompatibilityKit}: the tables are listed through {@link
 * TabularStoreCompatibilityKit#featureTableNames}.
 */
@DisplayName("Table naming: key-derived names, prefix, explicit names")
public abstract class TableNamingGroup extends KitGroup {
  private final TabularStoreCompatibilityKit tabular;

  protected TableNamingGroup(TabularStoreCompatibilityKit kit) {
    super(kit);
    this.tabular = kit;
  }

  private MetadataStore openWith(TableNamingConvention naming) {
    return open(settings(KitGraphs.roots()).tableNaming(naming).build());
  }

  private java.util.Set<String> tables(MetadataStore store) {
    java.util.Set<String> names = tabular.featureTableNames(store);
    assertThat(names)
        .as(
            "%s.featureTableNames(store) must list the feature tables of the store's storage",
            kit.getClass().getSimpleName())
        .isNotNull();
    return names;
  }

  private void writeBoth(MetadataStore store) {
    write(store, SAMPLES, List.of(sample("s1", "h1")));
    write(store, HYPHENATED, List.of(sample("s2", "h2")));
  }

  @Test
  void tablesAreNamedAfterTheirKeys() {
    MetadataStore store = openWith(TableNamingConvention.defaults());
    writeBoth(store);
    assertThat(tables(store))
        .contains(SAMPLES.tableName(), HYPHENATED.tableName())
        .doesNotContain(OTHER.tableName());
    assertThat(ids(read(store, HYPHENATED), "sample_id")).containsExactly("s2");
  }

  @Test
  void thePrefixAppliesToEveryFeatureTable() {
    MetadataStore store = openWith(TableNamingConvention.prefixed("kitpre_"));
    writeBoth(store);
    assertThat(tables(store))
        .contains("kitpre_" + SAMPLES.tableName(), "kitpre_" + HYPHENATED.tableName())
        .doesNotContain(SAMPLES.tableName());
    assertThat(ids(read(store, SAMPLES), "sample_id")).containsExactly("s1");
  }

  @Test
  void explicitNamesWin() {
    MetadataStore store =
        openWith(
            TableNamingConvention.explicit(
                Map.of(SAMPLES, "kit_explicit_samples"), TableNamingConvention.defaults()));
    writeBoth(store);
    assertThat(tables(store))
        .contains("kit_explicit_samples", HYPHENATED.tableName())
        .doesNotContain(SAMPLES.tableName());
    assertThat(ids(read(store, SAMPLES), "sample_id")).containsExactly("s1");
  }
}
