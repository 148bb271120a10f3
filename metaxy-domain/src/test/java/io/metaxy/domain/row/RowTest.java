package io.metaxy.domain.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The compact row behaves as the ordered, immutable map it documents. */
class RowTest {
  @Test
  void keepsColumnOrderAndOverwritesInPlace() {
    Row r = Row.builder().set("b", 1).set("a", 2).set("b", 3).build();
    assertThat(r.columns()).containsExactly("b", "a");
    assertThat(r.get("b")).isEqualTo(3);
    assertThat(r.get("missing")).isNull();
    assertThat(r.has("missing")).isFalse();
    assertThat(r.toString()).isEqualTo("Row{b=3, a=2}");
  }

  @Test
  void withAndWithoutCopy() {
    Row r = Row.of("id", 1, "x", "a");
    Row r2 = r.with("x", "b").with("y", 2);
    Row r3 = r2.without("id");
    assertThat(r.asMap()).containsExactly(Map.entry("id", 1), Map.entry("x", "a"));
    assertThat(r2.columns()).containsExactly("id", "x", "y");
    assertThat(r2.get("x")).isEqualTo("b");
    assertThat(r3.columns()).containsExactly("x", "y");
    assertThat(r3.without("absent")).isSameAs(r3);
  }

  @Test
  void perFieldMapsAreImmutableOrderedCopiesSharedBetweenRows() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("z", "1");
    source.put("a", 2);
    source.put("n", null);
    Row r = Row.of("m", source);
    source.put("z", "changed");
    Map<String, String> m = r.getMap("m");
    assertThat(m.keySet()).containsExactly("z", "a", "n");
    assertThat(m.values()).containsExactly("1", "2", null);
    assertThat(m).containsKey("n");
    assertThatThrownBy(() -> m.put("q", "1")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(Row.of("other", m).getMap("other")).isSameAs(m);
    assertThat(r.getMap("absent")).isEmpty();
  }

  @Test
  void largePerFieldMapsAreIndexed() {
    Map<String, String> big = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      big.put("f" + i, "v" + i);
    }
    Map<String, String> m = Row.of("m", big).getMap("m");
    assertThat(m).isEqualTo(big);
    assertThat(m.get("f33")).isEqualTo("v33");
    assertThat(m.containsKey("f40")).isFalse();
    assertThat(List.copyOf(m.keySet())).isEqualTo(List.copyOf(big.keySet()));
  }

  /** Rows equal (and hash) as maps: column order does not matter, values do. */
  @Property(tries = 200)
  void equalityIsMapEquality(
      @ForAll @IntRange(min = 0, max = 20) int columns, @ForAll long seed, @ForAll boolean change) {
    Random random = new Random(seed);
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < columns; i++) {
      values.put("c" + random.nextInt(30), random.nextBoolean() ? null : random.nextInt(5));
    }
    List<String> shuffled = new ArrayList<>(values.keySet());
    Collections.shuffle(shuffled, random);
    Row.Builder b = Row.builder();
    for (String c : shuffled) {
      b.set(new String(c), values.get(c)); // equal names, other instances
    }
    if (change && !values.isEmpty()) {
      b.set(shuffled.get(0), "different");
    }
    Row a = Row.of(values);
    Row other = b.build();
    assertThat(a.asMap()).isEqualTo(values);
    assertThat(a.hashCode()).isEqualTo(values.hashCode());
    boolean equal = !(change && !values.isEmpty());
    assertThat(a.equals(other)).isEqualTo(equal);
    assertThat(other.asMap().equals(values)).isEqualTo(equal);
    if (equal) {
      assertThat(other.hashCode()).isEqualTo(a.hashCode());
      for (String c : values.keySet()) {
        assertThat(other.has(c)).isTrue();
        assertThat(other.get(c)).isEqualTo(values.get(c));
      }
    }
  }
}
