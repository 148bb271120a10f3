package io.metaxy.domain.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.InvalidFilterException;
import io.metaxy.domain.error.InvalidSpecException;
import io.metaxy.domain.error.Problem;
import io.metaxy.domain.key.FieldKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec-level rules of docs/semantics.md §1, each with its message; all problems reported together.
 */
class FeatureSpecValidationTest {

  private static InvalidSpecException invalid(FeatureSpec.Builder b) {
    try {
      b.build();
    } catch (InvalidSpecException e) {
      return e;
    }
    throw new AssertionError("expected InvalidSpecException");
  }

  @Test
  void defaultsOfSection1() {
    FeatureSpec s = FeatureSpec.builder("example/video").idColumns("video_id").build();
    assertThat(s.fields()).hasSize(1);
    FieldSpec f = s.fields().get(0);
    assertThat(f.key()).isEqualTo(FieldKey.DEFAULT);
    assertThat(f.codeVersion()).isEqualTo("__metaxy_initial__");
    assertThat(f.deps()).isEmpty();
    assertThat(f.dependsOnAll()).isFalse();
    assertThat(s.deps()).isEmpty();
    assertThat(s.isRoot()).isTrue();
    assertThat(s.metadata()).isEmpty();
    assertThat(s.description()).isNull();

    FeatureDep d = FeatureDep.on("example/video");
    assertThat(d.select()).isNull();
    assertThat(d.rename()).isEmpty();
    assertThat(d.filters()).isEmpty();
    assertThat(d.fieldsMapping()).isEqualTo(FieldsMapping.defaults());
    assertThat(d.lineage()).isEqualTo(Lineage.identity());
    assertThat(d.lineage().type()).isEqualTo("1:1");
    assertThat(d.optional()).isFalse();

    FieldDep all = FieldDep.on("example/video");
    assertThat(all.allFields()).isTrue();
    assertThat(all.fields()).isEmpty();
  }

  @Test
  void emptyIdColumns() {
    InvalidSpecException e = invalid(FeatureSpec.builder("example/video"));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.EMPTY_ID_COLUMNS);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ErrorCode.EMPTY_ID_COLUMNS);
              assertThat(p.feature()).isEqualTo("example/video");
            });
    assertThat(e)
        .hasMessageContaining("[MX009]")
        .hasMessageContaining(
            "Feature example/video has no ID columns: declare at least one, e.g."
                + " idColumns(\"sample_id\").");
  }

  @Test
  void blankIdColumn() {
    InvalidSpecException e = invalid(FeatureSpec.builder("example/video").idColumns("id", " "));
    assertThat(e.problems()).extracting(Problem::code).containsExactly(ErrorCode.EMPTY_ID_COLUMNS);
    assertThat(e).hasMessageContaining("Feature example/video has a blank ID column name");
  }

  @Test
  void duplicateIdColumn() {
    InvalidSpecException e = invalid(FeatureSpec.builder("example/video").idColumns("id", "id"));
    assertThat(e.problems()).extracting(Problem::field).containsExactly("id");
    assertThat(e).hasMessageContaining("Feature example/video lists ID column \"id\" twice");
  }

  @Test
  void reservedSystemColumnAsIdColumn() {
    InvalidSpecException e =
        invalid(FeatureSpec.builder("example/video").idColumns("metaxy_provenance"));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.RESERVED_COLUMN);
    assertThat(e.problems()).extracting(Problem::field).containsExactly("metaxy_provenance");
    assertThat(e)
        .hasMessageContaining(
            "Feature example/video uses the reserved system column name \"metaxy_provenance\" as"
                + " an ID column: rename it");
    // the prefix is reserved case-insensitively, not just the current system column list
    assertThat(invalid(FeatureSpec.builder("a").idColumns("METAXY_custom")).errorCode())
        .isEqualTo(ErrorCode.RESERVED_COLUMN);
  }

  @Test
  void renamingAnUpstreamColumnToAReservedName() {
    InvalidSpecException e =
        invalid(
            FeatureSpec.builder("example/crop")
                .idColumns("video_id")
                .dependsOn(
                    FeatureDep.builder("example/video")
                        .rename("version", "metaxy_data_version")
                        .rename("metaxy_provenance", "upstream_provenance") // reading one is fine
                        .build()));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.RESERVED_COLUMN);
    assertThat(e.problems()).extracting(Problem::field).containsExactly("metaxy_data_version");
    assertThat(e)
        .hasMessageContaining(
            "Feature example/crop renames column \"version\" of example/video to"
                + " \"metaxy_data_version\", a reserved system column name");
  }

  @Test
  void duplicateField() {
    InvalidSpecException e =
        invalid(
            FeatureSpec.builder("example/video")
                .idColumns("video_id")
                .field("audio", "1")
                .field("audio", "2"));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.DUPLICATE_FIELD);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.feature()).isEqualTo("example/video");
              assertThat(p.field()).isEqualTo("audio");
            });
    assertThat(e)
        .hasMessageContaining("[MX002]")
        .hasMessageContaining(
            "Feature example/video declares field \"audio\" more than once: field keys must be"
                + " unique.");
  }

  @Test
  void fieldsWhoseStructKeysCollide() {
    // "audio/left" and "audio_left" would share the struct key audio_left in *_by_field maps.
    InvalidSpecException e =
        invalid(
            FeatureSpec.builder("example/video")
                .idColumns("video_id")
                .field("audio/left", "1")
                .field("audio_left", "1"));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.DUPLICATE_FIELD);
    assertThat(e)
        .hasMessageContaining("Feature example/video")
        .hasMessageContaining("\"audio/left\"")
        .hasMessageContaining("\"audio_left\"")
        .hasMessageContaining("struct key \"audio_left\"");
  }

  @Test
  void duplicateDependency() {
    InvalidSpecException e =
        invalid(
            FeatureSpec.builder("example/crop")
                .idColumns("video_id")
                .dependsOn("example/video")
                .dependsOn(FeatureDep.builder("example/video").optional().build()));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.DUPLICATE_DEPENDENCY);
    assertThat(e)
        .hasMessageContaining("[MX003]")
        .hasMessageContaining(
            "Feature example/crop depends on example/video more than once: merge the two"
                + " dependencies into one.");
  }

  @Test
  void everyProblemOfASpecIsReportedTogether() {
    InvalidSpecException e =
        invalid(
            FeatureSpec.builder("example/crop")
                .dependsOn("example/video")
                .dependsOn("example/video")
                .field("frames", "1")
                .field("frames", "1"));
    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SPEC);
    assertThat(e.problems())
        .extracting(Problem::code)
        .containsExactly(
            ErrorCode.EMPTY_ID_COLUMNS, ErrorCode.DUPLICATE_FIELD, ErrorCode.DUPLICATE_DEPENDENCY);
    assertThat(e)
        .hasMessageStartingWith("[MX019] 3 problem(s) in feature definitions:")
        .hasMessageContaining("has no ID columns")
        .hasMessageContaining("declares field \"frames\" more than once")
        .hasMessageContaining("depends on example/video more than once");
    assertThat(FeatureSpec.builder("example/crop").field("a", "1").field("a", "1").validate())
        .extracting(Problem::code)
        .containsExactly(ErrorCode.EMPTY_ID_COLUMNS, ErrorCode.DUPLICATE_FIELD);
    assertThat(FeatureSpec.builder("example/crop").idColumns("id").field("a", "1").validate())
        .isEmpty();
  }

  @Test
  void badFilterIsRejectedWhenTheDepIsBuilt() {
    assertThatThrownBy(() -> FeatureDep.builder("example/video").filter("a = 1; drop").build())
        .isInstanceOf(InvalidFilterException.class)
        .hasMessageContaining("position 5");
  }

  @Test
  void builderRoundTripsAndEquality() {
    FeatureSpec s =
        FeatureSpec.builder("example/crop")
            .idColumns("video_id")
            .dependsOn(
                FeatureDep.builder("example/video")
                    .select("a", "b")
                    .rename("x", "a")
                    .filter("a > 1")
                    .fieldsMapping(
                        FieldsMapping.specific(
                            java.util.Map.of(FieldKey.of("frames"), List.of(FieldKey.of("raw")))))
                    .lineage(Lineage.aggregation("sensor_id"))
                    .optional()
                    .build())
            .field(FieldSpec.builder("frames").codeVersion("2").dependsOnAll().build())
            .metadata("owner", "team")
            .description("crops")
            .build();
    assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
    assertThat(s.deps().get(0).toBuilder().build()).isEqualTo(s.deps().get(0));
    assertThat(s.fields().get(0).toBuilder().build()).isEqualTo(s.fields().get(0));
    assertThat(s.toBuilder().description("other").build()).isNotEqualTo(s);
    assertThat(s.deps().get(0).parsedFilters()).hasSize(1);
    assertThat(s.deps().get(0).lineage().type()).isEqualTo("N:1");
    assertThat(Lineage.expansion("video_id").type()).isEqualTo("1:N");
  }
}
