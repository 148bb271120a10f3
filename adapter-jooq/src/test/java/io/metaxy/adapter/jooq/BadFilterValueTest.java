package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.InvalidFilterException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.ports.store.StoreSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A filter literal that cannot be a value of its column (text against a BIGINT or a timestamp, a
 * NUL character) is a bad filter on every dialect: {@link InvalidFilterException} with one short
 * line naming the column, not a store failure carrying the SQL.
 */
class BadFilterValueTest {
  private static final FeatureKey ROOT = FeatureKey.of("bf/root");
  private static final FeatureKey DOWN = FeatureKey.of("bf/down");

  @ParameterizedTest
  @EnumSource(JooqDialect.class)
  void literalsThatDoNotFitTheColumnAreBadFilters(JooqDialect dialect) {
    FeatureGraph graph =
        FeatureGraph.of(
            FeatureSpec.builder(ROOT).idColumns("sample_uid").field("v", "1").build(),
            FeatureSpec.builder(DOWN)
                .idColumns("sample_uid")
                .dependsOn("bf/root")
                .field("v", "1")
                .build());
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store = stores.open(dialect, StoreSettings.builder(graph).build());
      store.write(
          ROOT,
          List.of(
              Row.builder()
                  .set("sample_uid", "s1")
                  .set("x", 7L)
                  .set(SystemColumns.PROVENANCE_BY_FIELD, Map.of("v", "p"))
                  .build()));
      for (String filter :
          List.of(
              "x = 'abc'",
              "x IN (1, 'abc')",
              "sample_uid = 'a\u0000b'",
              SystemColumns.CREATED_AT + " < 'yesterday'")) {
        assertThatThrownBy(
                () -> {
                  try (Stream<Row> s =
                      store.read(ROOT, ReadOptions.defaults().withFilters(filter))) {
                    s.count();
                  }
                })
            .as(filter)
            .isInstanceOf(InvalidFilterException.class)
            .satisfies(
                e -> {
                  assertThat(((InvalidFilterException) e).errorCode())
                      .isEqualTo(ErrorCode.INVALID_FILTER);
                  assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("SELECT");
                  assertThat(e.getMessage().length()).isLessThan(300);
                });
      }
      assertThatThrownBy(
              () ->
                  store
                      .resolveUpdate(DOWN, ResolveOptions.defaults().globalFilter("x = 'abc'"))
                      .close())
          .isInstanceOf(InvalidFilterException.class)
          .hasMessageContaining("\"x\"");
      // a number written as text still compares as a number
      try (Stream<Row> s = store.read(ROOT, ReadOptions.defaults().withFilters("x = '7'"))) {
        assertThat(s.count()).isEqualTo(1);
      }
    }
  }
}
