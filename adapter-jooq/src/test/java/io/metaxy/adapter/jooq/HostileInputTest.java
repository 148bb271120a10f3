package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Acceptance 6: keys and columns with every legal odd character, column names that are SQL keywords
 * or contain quotes and comment markers, and filter strings with quotes and comment markers work as
 * data on every dialect: no breakage, no injection.
 */
class HostileInputTest {
  private static final FeatureKey ODD = FeatureKey.of("h-1/_x-y_/9-9_");
  private static final FeatureKey DOWN = FeatureKey.of("h-1/down");
  private static final String ID = "order";
  private static final String NOTE = "note \"q\" 'a'; -- /* c */";
  private static final String KEYWORD = "select";
  private static final String PAYLOAD = "x'); DROP TABLE \"h_1___x_y___9_9_\"; --";

  @ParameterizedTest
  @EnumSource(JooqDialect.class)
  void oddNamesAndHostileFiltersAreData(JooqDialect dialect) {
    FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder(ODD).idColumns(ID).field("f-1", "v'1\"--").build(),
            FeatureSpec.builder(DOWN)
                .idColumns(ID)
                .dependsOn(
                    FeatureDep.builder(ODD)
                        .filter("\"" + KEYWORD + "\" <> 'it''s -- not /* a */ comment; DROP'")
                        .build())
                .field("f-1", "1")
                .build());
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store = stores.open(dialect, StoreSettings.builder(graph).build());
      assertThat(store.tableName(ODD)).isEqualTo("h_1___x_y___9_9_");
      List<Row> rows =
          List.of(
              row("a", PAYLOAD, "it's -- not /* a */ comment; DROP"),
              row("b'; --", "plain", "kept"),
              row("c\"", "/* */", "kept too"));
      store.write(ODD, rows);

      List<Row> filtered;
      try (Stream<Row> s =
          store.read(
              ODD,
              ReadOptions.defaults()
                  .withFilters("`" + NOTE + "` = '" + PAYLOAD.replace("'", "''") + "'"))) {
        filtered = s.toList();
      }
      assertThat(filtered).extracting(r -> r.get(ID)).containsExactly("a");
      assertThat(filtered.get(0).get(NOTE)).isEqualTo(PAYLOAD);
      assertThat(filtered.get(0).get(KEYWORD)).isEqualTo("it's -- not /* a */ comment; DROP");

      try (Stream<Row> s =
          store.read(ODD, ReadOptions.defaults().withFilters("\"order\" IN ('b''; --', 'c\"')"))) {
        assertThat(s.map(r -> r.get(ID))).containsExactlyInAnyOrder("b'; --", "c\"");
      }

      Increment.Materialized inc = store.resolveUpdate(DOWN).collect();
      assertThat(inc.newRows())
          .extracting(r -> r.get(ID))
          .as("the dependency filter excluded sample a")
          .containsExactlyInAnyOrder("b'; --", "c\"");
      store.write(DOWN, inc.toCompute());
      assertThat(store.resolveUpdate(DOWN).collect().isEmpty()).isTrue();

      Increment.Materialized root =
          store
              .resolveUpdate(
                  ODD,
                  ResolveOptions.withSamples(
                          List.of(row("a", PAYLOAD, "x"), row("z' OR '1'='1", "n", "m")))
                      .staleWhen("\"" + KEYWORD + "\" = 'it''s -- not /* a */ comment; DROP'"))
              .collect();
      assertThat(root.newRows()).extracting(r -> r.get(ID)).containsExactly("z' OR '1'='1");
      assertThat(root.staleRows()).extracting(r -> r.get(ID)).containsExactly("a");
      assertThat(root.orphanedRows())
          .extracting(r -> r.get(ID))
          .containsExactlyInAnyOrder("b'; --", "c\"");
      try (Stream<Row> s = store.read(ODD)) {
        assertThat(s.count()).as("the table survived every payload").isEqualTo(3);
      }
    }
  }

  private static Row row(String id, String note, String keyword) {
    return Row.of(
        ID,
        id,
        NOTE,
        note,
        KEYWORD,
        keyword,
        SystemColumns.PROVENANCE_BY_FIELD,
        Map.of("f-1", "h-" + id));
  }
}
