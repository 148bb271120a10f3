package io.metaxy.domain.graph;

import static io.metaxy.domain.graph.FeatureGraphValidationTest.child;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The docs/semantics.md §2 formulas, recomputed here with the JDK digest directly. */
class GraphVersionsTest {

  private static String sha256(String... chunks) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (String c : chunks) {
      d.update(c.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static final FeatureSpec A =
      FeatureSpec.builder("x/a").idColumns("id").field("p", "1").field("o", "2").build();
  private static final FeatureSpec B =
      child("b", List.of("x/a"), FieldSpec.builder("p").codeVersion("5").build());

  @Test
  void formulasWithTruncationTwelve() throws Exception {
    FeatureGraph g = FeatureGraph.of(B, A);
    GraphVersions v = g.versions(Truncation.of(12));
    String ap = sha256("x/a.p", "1").substring(0, 12);
    String ao = sha256("x/a.o", "2").substring(0, 12);
    String bp = sha256("b.p", "5", ap).substring(0, 12); // default mapping: x/a.p only
    assertThat(v.fieldVersion(FieldRef.of("x/a", "p"))).isEqualTo(ap);
    assertThat(v.fieldVersion(FeatureKey.of("x/a"), io.metaxy.domain.key.FieldKey.of("o")))
        .isEqualTo(ao);
    assertThat(v.fieldVersion(FieldRef.of("b", "p"))).isEqualTo(bp);
    assertThat(v.fieldVersions(FeatureKey.of("x/a"))).isEqualTo(Map.of("o", ao, "p", ap));
    String fa = sha256("o", ao, "p", ap).substring(0, 12); // sorted field keys
    String fb = sha256("p", bp).substring(0, 12);
    assertThat(v.featureVersion(FeatureKey.of("x/a"))).isEqualTo(fa);
    assertThat(v.featureVersion(FeatureKey.of("b"))).isEqualTo(fb);
    // snapshot: features sorted by key parts (b < x/a)
    assertThat(v.snapshotVersion()).isEqualTo(sha256("b", fb, "x/a", fa).substring(0, 12));
    assertThat(v.featureCodeVersion(FeatureKey.of("x/a")))
        .isEqualTo(sha256("o", "2", "p", "1").substring(0, 12));
    assertThat(v.specVersion(FeatureKey.of("b")))
        .isEqualTo(sha256(SpecJson.canonical(B)).substring(0, 12));
    assertThat(v.featureVersions().keySet())
        .containsExactly(FeatureKey.of("x/a"), FeatureKey.of("b"));
    assertThat(v.truncation()).isEqualTo(Truncation.of(12));
  }

  @Test
  void childVersionsAreFedTruncated() throws Exception {
    FeatureGraph g = FeatureGraph.of(A, B);
    String apFull = sha256("x/a.p", "1");
    assertThat(g.versions(Truncation.NONE).fieldVersion(FieldRef.of("b", "p")))
        .isEqualTo(sha256("b.p", "5", apFull));
    assertThat(g.versions().fieldVersion(FieldRef.of("b", "p")))
        .isEqualTo(sha256("b.p", "5", apFull.substring(0, 8)).substring(0, 8));
    assertThat(g.versions()).isSameAs(g.versions(Truncation.of(8))); // memoised per truncation
  }

  @Test
  void featureCodeVersionIgnoresDeps() {
    FeatureGraph g = FeatureGraph.of(A, B);
    FeatureGraph bumped = g.with(A.toBuilder().idColumns("id").build());
    assertThat(bumped.versions().featureCodeVersion(FeatureKey.of("b")))
        .isEqualTo(g.versions().featureCodeVersion(FeatureKey.of("b")));
    FeatureSpec a2 =
        FeatureSpec.builder("x/a").idColumns("id").field("p", "9").field("o", "2").build();
    FeatureGraph g2 = g.with(a2);
    assertThat(g2.versions().featureCodeVersion(FeatureKey.of("b")))
        .isEqualTo(g.versions().featureCodeVersion(FeatureKey.of("b")));
    assertThat(g2.versions().featureVersion(FeatureKey.of("b")))
        .isNotEqualTo(g.versions().featureVersion(FeatureKey.of("b")));
  }

  @Test
  void truncationRules() {
    assertThat(Truncation.of(8)).isSameAs(Truncation.DEFAULT);
    assertThat(Truncation.of(10).apply("abc")).isEqualTo("abc"); // never padded
    assertThat(Truncation.of(10).apply("0123456789abcdef")).isEqualTo("0123456789");
    assertThat(Truncation.NONE.apply("0123456789abcdef")).isEqualTo("0123456789abcdef");
    assertThat(Truncation.ofNullable(null)).isEqualTo(Truncation.NONE);
    assertThat(Truncation.NONE.length()).isEmpty();
    assertThatThrownBy(() -> Truncation.of(7))
        .isInstanceOfSatisfying(
            MetaxyException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG))
        .hasMessageContaining("hash_truncation_length is 7: it must be at least 8");
  }
}
