package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.StoreSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** Features declared for jOOQ users: typed columns from a list or an annotated record. */
class JooqFeatureTest {
  private static final FeatureKey CLIPS = FeatureKey.of("media/clips");

  /** A feature row as a Java record. */
  record Clip(String clipId, long frames, @MetaxyColumn(name = "file_path") String path) {}

  private static final FeatureSpec SPEC =
      FeatureSpec.builder(CLIPS).idColumns("clipId").field("frames", "1").build();

  @Test
  void aRecordDeclaresTheTableAndItsTypes() {
    JooqStoreConfig config =
        JooqStoreConfig.builder(JooqDialect.DUCKDB)
            .url("jdbc:duckdb:")
            .feature(JooqFeature.fromRecord(SPEC, Clip.class))
            .build();
    try (JooqMetadataStore s =
        new JooqMetadataStore(StoreSettings.builder(FeatureGraph.of(SPEC)).build(), config)) {
      s.open();
      org.jooq.Result<Record> empty =
          s.withDsl(ctx -> ctx.selectFrom(s.table(CLIPS)).limit(0).fetch());
      assertThat(empty.field("frames").getDataType().isInteger()).isTrue();
      assertThat(empty.field("file_path")).isNotNull();
      s.write(
          CLIPS,
          List.of(
              Row.of(
                  "clipId",
                  "c1",
                  "frames",
                  24L,
                  "file_path",
                  "/a.mp4",
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("frames", "h1"))));
      try (Stream<Row> rows = s.read(CLIPS)) {
        Row r = rows.findFirst().orElseThrow();
        assertThat(r.get("frames")).isEqualTo(24L);
        assertThat(r.get("file_path")).isEqualTo("/a.mp4");
      }
      Long frames =
          s.withDsl(
              ctx ->
                  ctx.select(DSL.sum(DSL.field(DSL.name("frames"), Long.class)))
                      .from(s.table(CLIPS))
                      .fetchOne(0, Long.class));
      assertThat(frames).isEqualTo(24L);
    }
  }

  @Test
  void aGeneratedIdColumnIsRejectedAtDeclaration() {
    assertThatThrownBy(
            () ->
                JooqFeature.of(
                    SPEC,
                    JooqColumn.notNull("clipId", SQLDataType.BIGINT.identity(true)),
                    JooqColumn.of("frames", SQLDataType.BIGINT)))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("clipId");
  }
}
