package io.metaxy.domain.key;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link FieldRef} orders exactly like the string {@code "feature.field"} (docs/semantics.md §1,
 * §2).
 */
class FieldRefOrderTest {

  @Provide
  Arbitrary<FieldRef> refs() {
    Arbitrary<String> part = Arbitraries.of("a", "a-b", "a_b", "ab", "b", "a0", "x-", "_");
    Arbitrary<String> key = part.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
    return key.flatMap(f -> key.map(x -> FieldRef.of(f, x)));
  }

  @Property(tries = 300)
  void ordersLikeTheJoinedString(@ForAll("refs") FieldRef a, @ForAll("refs") FieldRef b) {
    assertThat(Integer.signum(a.compareTo(b)))
        .as("%s vs %s", a, b)
        .isEqualTo(Integer.signum(a.toString().compareTo(b.toString())));
  }
}
