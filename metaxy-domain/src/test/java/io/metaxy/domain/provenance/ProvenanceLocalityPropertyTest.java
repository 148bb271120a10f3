package io.metaxy.domain.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.JdkRowHashers;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.SystemColumns;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/**
 * A field's provenance is a function of its own parents' data versions only: changing the data
 * version of a field that is not a parent never changes it, changing a parent always does.
 */
class ProvenanceLocalityPropertyTest {
  static final FeatureKey VIDEO = FeatureKey.of("p/video");
  static final FeatureKey STT = FeatureKey.of("p/stt");
  static final FeatureGraph GRAPH =
      FeatureGraph.of(
          FeatureSpec.builder(VIDEO)
              .idColumns("id")
              .field("audio", "1")
              .field("frames", "1")
              .build(),
          FeatureSpec.builder(STT)
              .idColumns("id")
              .dependsOn(FeatureDep.on(VIDEO))
              .field(
                  FieldSpec.builder("text").codeVersion("1").dependsOn("p/video", "audio").build())
              .field(FieldSpec.builder("both").codeVersion("1").dependsOnAll().build())
              .build());
  static final ProvenanceEngine ENGINE =
      new ProvenanceEngine(
          GRAPH, JdkRowHashers.forAlgorithm(HashAlgorithm.MD5).orElseThrow(), Truncation.NONE);

  static Map<String, String> provenance(String audio, String frames) {
    Row up =
        Row.of(
            "id", 1, SystemColumns.DATA_VERSION_BY_FIELD, Map.of("audio", audio, "frames", frames));
    List<Row> rows = ENGINE.expectedRows(STT, f -> Stream.of(up)).toList();
    assertThat(rows).hasSize(1);
    return rows.get(0).getMap(SystemColumns.PROVENANCE_BY_FIELD);
  }

  @Property(tries = 100)
  void onlyParentsMatter(
      @ForAll @AlphaChars @StringLength(max = 12) String audio,
      @ForAll @AlphaChars @StringLength(max = 12) String frames,
      @ForAll @AlphaChars @StringLength(max = 12) String otherFrames) {
    Map<String, String> a = provenance(audio, frames);
    Map<String, String> b = provenance(audio, otherFrames);
    assertThat(b.get("text")).isEqualTo(a.get("text"));
    assertThat(b.get("both").equals(a.get("both"))).isEqualTo(frames.equals(otherFrames));
    assertThat(provenance(audio + "x", frames).get("text")).isNotEqualTo(a.get("text"));
  }

  @Property(tries = 50)
  void publicPerFieldFormulaAgreesWithTheJoin(
      @ForAll @AlphaChars @StringLength(max = 12) String audio,
      @ForAll @AlphaChars @StringLength(max = 12) String frames) {
    Map<String, String> viaFunction =
        ENGINE.provenanceByField(
            STT, (FieldRef p) -> p.field().toString().equals("audio") ? audio : frames);
    assertThat(viaFunction).isEqualTo(provenance(audio, frames));
  }
}
