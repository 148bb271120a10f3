package io.metaxy.domain.column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.column.ColumnDescriptor.ValueGeneration;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.GeneratedIdColumnException;
import io.metaxy.domain.error.InvalidSpecException;
import io.metaxy.domain.error.Problem;
import io.metaxy.domain.key.FeatureKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ID-column rule (docs/semantics.md §6) and the reserved-name rule (§1) over column
 * descriptors.
 */
class ColumnRulesTest {
  private static final FeatureKey VIDEO = FeatureKey.of("example/video");

  @ParameterizedTest
  @EnumSource(value = ValueGeneration.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void generatedIdColumnIsRejectedNamingFeatureAndColumn(ValueGeneration generation) {
    List<ColumnDescriptor> columns =
        List.of(
            ColumnDescriptor.generated("video_id", "BIGINT", generation, "by the database"),
            ColumnDescriptor.of("path", "VARCHAR", true));
    assertThatThrownBy(() -> ColumnRules.check(VIDEO, List.of("video_id"), columns))
        .isInstanceOfSatisfying(
            GeneratedIdColumnException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(ErrorCode.GENERATED_ID_COLUMN);
              assertThat(e.feature()).isEqualTo("example/video");
              assertThat(e.column()).isEqualTo("video_id");
            })
        .hasMessageContaining("[MX010]")
        .hasMessageContaining("Feature example/video: ID column \"video_id\"")
        .hasMessageContaining(generation.name().toLowerCase().replace('_', ' '))
        .hasMessageContaining("by the database")
        .hasMessageContaining("provide the value in the client");
  }

  @Test
  void identityWithoutDetail() {
    assertThatThrownBy(
            () ->
                ColumnRules.check(
                    VIDEO,
                    List.of("id"),
                    List.of(
                        new ColumnDescriptor("id", "INT", false, ValueGeneration.IDENTITY, null))))
        .isInstanceOf(GeneratedIdColumnException.class)
        .hasMessageContaining("gets its value from the database (identity)");
  }

  @Test
  void serverDefaultOnNonIdColumnIsAccepted() {
    List<ColumnDescriptor> columns =
        List.of(
            ColumnDescriptor.of("video_id", "VARCHAR", false),
            ColumnDescriptor.generated(
                "ingested_at", "TIMESTAMP", ValueGeneration.SERVER_DEFAULT, "DEFAULT now()"),
            ColumnDescriptor.generated("row_no", "BIGINT", ValueGeneration.IDENTITY, null));
    assertThatCode(() -> ColumnRules.check(VIDEO, List.of("video_id"), columns))
        .doesNotThrowAnyException();
  }

  @Test
  void idColumnMatchedCaseInsensitively() {
    assertThatThrownBy(
            () ->
                ColumnRules.check(
                    VIDEO,
                    List.of("video_id"),
                    List.of(
                        ColumnDescriptor.generated(
                            "VIDEO_ID", "BIGINT", ValueGeneration.SEQUENCE, "seq_video"))))
        .isInstanceOf(GeneratedIdColumnException.class)
        .hasMessageContaining("sequence, seq_video");
  }

  @Test
  void missingIdColumnIsReported() {
    assertThatThrownBy(
            () ->
                ColumnRules.check(
                    VIDEO, List.of("video_id"), List.of(ColumnDescriptor.of("x", "INT", true))))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining(
            "Feature example/video declares ID column \"video_id\" but has no such column");
  }

  @Test
  void reservedSystemColumnNamesAreRejected() {
    assertThatThrownBy(
            () ->
                ColumnRules.check(
                    VIDEO,
                    List.of("video_id"),
                    List.of(
                        ColumnDescriptor.of("video_id", "VARCHAR", false),
                        ColumnDescriptor.of("metaxy_provenance", "VARCHAR", true))))
        .isInstanceOfSatisfying(
            InvalidSpecException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.code()).isEqualTo(ErrorCode.RESERVED_COLUMN);
                          assertThat(p.feature()).isEqualTo("example/video");
                          assertThat(p.field()).isEqualTo("metaxy_provenance");
                        }))
        .hasMessageContaining(
            "Feature example/video declares column \"metaxy_provenance\", a reserved system column"
                + " name: rename it");
  }

  @Test
  void severalColumnProblemsAreReportedTogether() {
    assertThatThrownBy(
            () ->
                ColumnRules.check(
                    VIDEO,
                    List.of("video_id", "frame"),
                    List.of(
                        ColumnDescriptor.generated(
                            "video_id", "BIGINT", ValueGeneration.IDENTITY, null),
                        ColumnDescriptor.generated(
                            "frame", "INT", ValueGeneration.GENERATED, "ALWAYS AS (x + 1)"),
                        ColumnDescriptor.of("metaxy_data_version", "VARCHAR", true))))
        .isInstanceOfSatisfying(
            InvalidSpecException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::code, Problem::field)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            ErrorCode.GENERATED_ID_COLUMN, "video_id"),
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.GENERATED_ID_COLUMN, "frame"),
                        org.assertj.core.groups.Tuple.tuple(
                            ErrorCode.RESERVED_COLUMN, "metaxy_data_version")))
        .hasMessageContaining("3 problem(s)");
  }
}
