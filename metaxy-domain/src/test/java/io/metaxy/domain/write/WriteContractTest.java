package io.metaxy.domain.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.InvalidRowException;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.increment.IdKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WriteContractTest {
  private static final String PBF = SystemColumns.PROVENANCE_BY_FIELD;
  private static final String DVBF = SystemColumns.DATA_VERSION_BY_FIELD;
  private static final FeatureSpec SPEC =
      FeatureSpec.builder("kit/video")
          .idColumns("video_id")
          .field("audio", "1")
          .field("frames", "1")
          .build();
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  /** A visible, deterministic combiner: the values joined. */
  private static String combine(Map<String, String> m) {
    return "h(" + String.join("|", new TreeMap<>(m).values()) + ")";
  }

  private static final WriteContract CONTRACT =
      WriteContract.forFeature(SPEC, "fv", "sv", WriteContractTest::combine);

  private static Row video(String id) {
    return Row.of("video_id", id, PBF, Map.of("audio", "a-" + id, "frames", "f-" + id));
  }

  @Test
  void fillsEverySystemColumn() {
    Row r = CONTRACT.complete(List.of(video("v1").with("path", "/x")), NOW, "run").get(0);
    assertThat(r.columns()).startsWith("video_id", "path");
    assertThat(r.getString(SystemColumns.PROVENANCE)).isEqualTo("h(a-v1|f-v1)");
    assertThat(r.getMap(DVBF)).isEqualTo(Map.of("audio", "a-v1", "frames", "f-v1"));
    assertThat(r.getString(SystemColumns.DATA_VERSION)).isEqualTo("h(a-v1|f-v1)");
    assertThat(r.getString(SystemColumns.FEATURE_VERSION)).isEqualTo("fv");
    assertThat(r.getString(SystemColumns.PROJECT_VERSION)).isEqualTo("sv");
    assertThat(r.get(SystemColumns.UPDATED_AT)).isEqualTo(NOW);
    assertThat(r.get(SystemColumns.CREATED_AT)).isNull();
    assertThat(r.get(SystemColumns.DELETED_AT)).isNull();
    assertThat(r.getString(SystemColumns.MATERIALIZATION_ID)).isEqualTo("run");
  }

  @Test
  void keepsAGivenDeletedAtAndDataVersionWithItsMap() {
    Instant del = Instant.parse("2025-01-01T00:00:00Z");
    Row r =
        CONTRACT
            .complete(
                List.of(
                    video("v1")
                        .with(SystemColumns.DELETED_AT, del)
                        .with(DVBF, Map.of("audio", "user"))
                        .with(SystemColumns.DATA_VERSION, "given")),
                NOW,
                null)
            .get(0);
    assertThat(r.get(SystemColumns.DELETED_AT)).isEqualTo(del);
    assertThat(r.getMap(DVBF)).isEqualTo(Map.of("audio", "user", "frames", "f-v1"));
    assertThat(r.getString(SystemColumns.DATA_VERSION)).isEqualTo("given");
  }

  @Test
  void dataVersionIsTheHashOfTheDataVersionsWhateverTheProvenance() {
    // data versions given without metaxy_data_version: hashed from the merged map
    Row own =
        CONTRACT
            .complete(List.of(video("v1").with(DVBF, Map.of("audio", "user"))), NOW, null)
            .get(0);
    assertThat(own.getString(SystemColumns.DATA_VERSION)).isEqualTo("h(user|f-v1)");
    assertThat(own.getString(SystemColumns.PROVENANCE)).isEqualTo("h(a-v1|f-v1)");
    // data versions equal to the provenance, provenance given: the data version is still the hash
    Row given =
        CONTRACT
            .complete(
                List.of(
                    video("v1")
                        .with(SystemColumns.PROVENANCE, "given")
                        .with(DVBF, Map.of("audio", "a-v1"))),
                NOW,
                null)
            .get(0);
    assertThat(given.getString(SystemColumns.PROVENANCE)).isEqualTo("given");
    assertThat(given.getMap(DVBF)).isEqualTo(given.getMap(PBF));
    assertThat(given.getString(SystemColumns.DATA_VERSION)).isEqualTo("h(a-v1|f-v1)");
  }

  @Test
  void refusesEachViolationNamingFeatureColumnAndRow() {
    Map<String, Object> nullId = new HashMap<>();
    nullId.put("video_id", null);
    nullId.put(PBF, Map.of("audio", "a", "frames", "f"));
    assertRefused(Row.of(nullId), "video_id", ErrorCode.INVALID_ROW);
    assertRefused(
        Row.of(PBF, Map.of("audio", "a", "frames", "f")), "video_id", ErrorCode.INVALID_ROW);
    assertRefused(Row.of("video_id", "v", PBF, Map.of()), PBF, ErrorCode.INVALID_ROW);
    assertRefused(Row.of("video_id", "v", PBF, Map.of("audio", "a")), PBF, ErrorCode.INVALID_ROW);
    assertRefused(
        Row.of("video_id", "v", PBF, Map.of("audio", "a", "frames", "f", "x", "y")),
        PBF,
        ErrorCode.INVALID_ROW);
    assertRefused(
        video("v").with(SystemColumns.DATA_VERSION, "dv"),
        SystemColumns.DATA_VERSION,
        ErrorCode.INVALID_ROW);
    assertRefused(video("v").with(DVBF, Map.of("nope", "x")), DVBF, ErrorCode.INVALID_ROW);
    assertRefused(
        video("v").with(SystemColumns.UPDATED_AT, "yesterday"),
        SystemColumns.UPDATED_AT,
        ErrorCode.INVALID_ROW);
    assertRefused(video("v").with("metaxy_other", "x"), "metaxy_other", ErrorCode.RESERVED_COLUMN);
  }

  private static void assertRefused(Row bad, String column, ErrorCode code) {
    assertThatThrownBy(() -> CONTRACT.complete(List.of(video("ok"), bad), NOW, null))
        .isInstanceOf(InvalidRowException.class)
        .hasMessageContaining("kit/video")
        .hasMessageContaining(column)
        .satisfies(
            e -> {
              InvalidRowException ire = (InvalidRowException) e;
              assertThat(ire.column()).isEqualTo(column);
              assertThat(ire.rowIndex()).isEqualTo(1);
              assertThat(ire.errorCode()).isEqualTo(code);
            });
  }

  /** Any batch with one bad row anywhere is refused whole; a valid batch completes row for row. */
  @Property(tries = 200)
  void aBatchIsAllOrNothing(
      @ForAll @IntRange(min = 1, max = 30) int size,
      @ForAll @IntRange(min = -1, max = 29) int badAt) {
    List<Row> batch = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      batch.add(i == badAt ? Row.of("video_id", "v" + i, PBF, Map.of()) : video("v" + i));
    }
    if (badAt >= 0 && badAt < size) {
      assertThatThrownBy(() -> CONTRACT.complete(batch, NOW, null))
          .isInstanceOf(MetaxyException.class);
    } else {
      List<Row> out = CONTRACT.complete(batch, NOW, null);
      assertThat(out).hasSize(size);
      for (int i = 0; i < size; i++) {
        assertThat(out.get(i).get("video_id")).isEqualTo("v" + i);
      }
    }
  }

  @Test
  void createdAtIsGivenElseStoredElseFirstInBatchElseNow() {
    Instant stored = Instant.parse("2020-01-01T00:00:00Z");
    Instant given = Instant.parse("2021-01-01T00:00:00Z");
    List<Row> completed =
        CONTRACT.complete(
            List.of(
                video("old"),
                video("new").with(SystemColumns.CREATED_AT, given),
                video("new"),
                video("fresh")),
            NOW,
            null);
    Map<IdKey, Instant> db = Map.of(new IdKey(List.of("old")), stored);
    List<Row> out = CreatedAtRule.fill(completed, List.of("video_id"), db::get, NOW);
    assertThat(out)
        .extracting(r -> r.get(SystemColumns.CREATED_AT))
        .containsExactly(stored, given, given, NOW);
  }

  @Test
  void tombstonesKeepUpdatedAtAndCreatedAt() {
    Row full =
        CreatedAtRule.fill(
                CONTRACT.complete(List.of(video("v")), NOW, null),
                List.of("video_id"),
                k -> null,
                NOW)
            .get(0);
    Instant later = NOW.plusSeconds(60);
    Row tomb = Tombstones.of(full, later);
    assertThat(tomb.get(SystemColumns.DELETED_AT)).isEqualTo(later);
    assertThat(tomb.get(SystemColumns.UPDATED_AT)).isEqualTo(NOW);
    assertThat(tomb.get(SystemColumns.CREATED_AT)).isEqualTo(NOW);
  }

  @Test
  void rebaseRefusesRootsAndForeignTargetsAndKeepsOverrides() {
    FeatureGraph g =
        FeatureGraph.of(
            SPEC,
            FeatureSpec.builder("kit/crop")
                .idColumns("video_id")
                .dependsOn(FeatureDep.on(SPEC.key()))
                .field("c", "1")
                .build());
    assertThatThrownBy(() -> RebaseRules.check(SPEC, "old", null, "cur"))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("root feature kit/video");
    FeatureSpec crop = g.get(io.metaxy.domain.key.FeatureKey.of("kit/crop"));
    assertThat(RebaseRules.check(crop, "old", null, "cur")).isEqualTo("cur");
    assertThat(RebaseRules.check(crop, "old", "cur", "cur")).isEqualTo("cur");
    assertThatThrownBy(() -> RebaseRules.check(crop, "old", "other", "cur"))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining("other")
        .hasMessageContaining("cur");
    Row old =
        Row.of(
            "video_id",
            "v",
            PBF,
            Map.of("c", "p-old"),
            DVBF,
            Map.of("c", "user"),
            SystemColumns.CREATED_AT,
            NOW);
    Row r =
        RebaseRules.rebased(
            old,
            Map.of("c", "p-new"),
            "cur",
            "snap",
            NOW.plusSeconds(5),
            WriteContractTest::combine);
    assertThat(r.getMap(PBF)).isEqualTo(Map.of("c", "p-new"));
    assertThat(r.getMap(DVBF)).as("override kept").isEqualTo(Map.of("c", "user"));
    assertThat(r.get(SystemColumns.CREATED_AT)).isEqualTo(NOW);
    assertThat(r.getString(SystemColumns.FEATURE_VERSION)).isEqualTo("cur");
  }
}
