package io.metaxy.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.hash.JdkRowHashers;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.provenance.ProvenanceEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's Java reference agrees with the domain's provenance engine. */
class ReferenceTest {
  @Test
  void referenceMatchesProvenanceEngine() {
    for (Scenario sc : Scenario.values()) {
      Reference ref = new Reference(sc);
      ProvenanceEngine engine =
          new ProvenanceEngine(
              sc.graph(),
              JdkRowHashers.forAlgorithm(HashAlgorithm.MD5).orElseThrow(),
              Truncation.DEFAULT);
      for (long id : new long[] {0, 3, 12345, 9_999_999}) {
        for (boolean changed : new boolean[] {false, true}) {
          Map<String, String> expected =
              engine.provenanceByField(
                  sc.leafKey(),
                  (FieldRef p) ->
                      Scenario.value(
                          sc.rootIndex(p.feature()), p.field().structKey(), id, changed));
          Map<String, String> got = ref.provenanceByField(id, changed);
          assertThat(got).as("%s id %d", sc, id).isEqualTo(expected);
          assertThat(ref.provenance(got)).isEqualTo(engine.combine(expected));
        }
      }
    }
  }

  @Test
  void onlyTheAudioOfTheFirstRootChanges() {
    assertThat(Scenario.value(0, "audio", 3, true))
        .isNotEqualTo(Scenario.value(0, "audio", 3, false));
    assertThat(Scenario.value(0, "frames", 3, true))
        .isEqualTo(Scenario.value(0, "frames", 3, false));
    assertThat(Scenario.value(1, "audio", 3, true)).isEqualTo(Scenario.value(1, "audio", 3, false));
    assertThat(Scenario.changedCount(1000)).isEqualTo(100);
    assertThat(Scenario.changedCount(4)).isEqualTo(1);
  }
}
