package io.metaxy.domain.increment;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.row.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link KeyIndex} behaves like an insertion-ordered {@code Map<IdKey, entry>}. */
class KeyIndexPropertyTest {

  @Provide
  Arbitrary<List<Object>> keyValues() {
    Arbitrary<Object> longs = Arbitraries.longs().between(-50, 50).map(l -> (Object) l);
    Arbitrary<Object> ints = Arbitraries.integers().between(-50, 50).map(i -> (Object) i);
    Arbitrary<Object> sparse = Arbitraries.longs().map(l -> (Object) l);
    Arbitrary<Object> dense = Arbitraries.longs().between(0, 5000).map(l -> (Object) l);
    Arbitrary<Object> strings = Arbitraries.strings().alpha().ofMaxLength(2).map(s -> (Object) s);
    Arbitrary<Object> one =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, longs),
            net.jqwik.api.Tuple.of(1, sparse),
            net.jqwik.api.Tuple.of(2, dense),
            net.jqwik.api.Tuple.of(2, ints),
            net.jqwik.api.Tuple.of(1, strings),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    return one.list().ofMaxSize(300);
  }

  @Property(tries = 300)
  void behavesLikeAnOrderedHashMap(
      @ForAll("keyValues") List<Object> adds,
      @ForAll("keyValues") List<Object> probes,
      @ForAll boolean viaRows) {
    KeyIndex index = new KeyIndex(4);
    Map<IdKey, Integer> model = new LinkedHashMap<>();
    List<String> cols = List.of("id");
    for (Object v : adds) {
      IdKey k = new IdKey(java.util.Collections.singletonList(v));
      Integer prev = model.get(k);
      int got = viaRows ? index.addRow(Row.of("id", v, "x", 1), cols) : index.add(k);
      if (prev == null) {
        model.put(k, model.size());
        assertThat(got).isEqualTo(model.size() - 1);
      } else {
        assertThat(got).isEqualTo(-prev - 1);
      }
    }
    assertThat(index.size()).isEqualTo(model.size());
    List<IdKey> order = new ArrayList<>();
    for (int e = 0; e < index.size(); e++) {
      order.add(index.key(e));
    }
    assertThat(order).containsExactlyElementsOf(model.keySet());
    List<Object> all = new ArrayList<>(adds);
    all.addAll(probes);
    for (Object v : all) {
      IdKey k = new IdKey(java.util.Collections.singletonList(v));
      int expected = model.getOrDefault(k, -1);
      assertThat(index.find(k)).isEqualTo(expected);
      assertThat(index.findRow(Row.of("x", 2, "id", v), cols)).isEqualTo(expected);
    }
  }

  @Property(tries = 200)
  void primitiveKeysDenseOrSparse(
      @ForAll @net.jqwik.api.constraints.Size(max = 400)
          List<@net.jqwik.api.constraints.LongRange(min = -3000, max = 3000) Long> dense,
      @ForAll @net.jqwik.api.constraints.Size(max = 20) List<Long> sparse,
      @ForAll boolean sparseFirst) {
    List<Long> all = new ArrayList<>();
    if (sparseFirst) {
      all.addAll(sparse);
    }
    all.addAll(dense);
    if (!sparseFirst) {
      all.addAll(sparse);
    }
    KeyIndex index = new KeyIndex();
    Map<Long, Integer> model = new LinkedHashMap<>();
    List<String> cols = List.of("id");
    for (Long v : all) {
      Integer prev = model.putIfAbsent(v, model.size());
      int got = index.addRow(Row.of("id", v), cols);
      assertThat(got).isEqualTo(prev == null ? model.size() - 1 : -prev - 1);
      assertThat(index.findRow(Row.of("id", v), cols)).isEqualTo(model.get(v));
    }
    for (long probe = -3100; probe <= 3100; probe += 7) {
      assertThat(index.find(new IdKey(List.of(probe)))).isEqualTo(model.getOrDefault(probe, -1));
    }
    for (Long v : sparse) {
      assertThat(index.find(new IdKey(List.of(v)))).isEqualTo(model.get(v));
      assertThat(index.find(new IdKey(List.of(v ^ 1L)))).isEqualTo(model.getOrDefault(v ^ 1L, -1));
    }
    KeyIndex other = new KeyIndex();
    for (Long v : model.keySet()) {
      other.add(new IdKey(List.of(v)));
    }
    for (int e = 0; e < other.size(); e++) {
      assertThat(index.findEntryOf(other, e)).isEqualTo(e);
    }
  }

  @Property(tries = 100)
  void compositeKeys(@ForAll("keyValues") List<Object> a, @ForAll("keyValues") List<Object> b) {
    KeyIndex index = new KeyIndex();
    Map<IdKey, Integer> model = new LinkedHashMap<>();
    List<String> cols = List.of("a", "b");
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Row r = Row.of("a", a.get(i), "b", b.get(i));
      IdKey k = IdKey.of(r, cols);
      int got = index.addRow(r, cols);
      Integer prev = model.putIfAbsent(k, model.size());
      assertThat(got).isEqualTo(prev == null ? model.size() - 1 : -prev - 1);
    }
    for (Map.Entry<IdKey, Integer> e : model.entrySet()) {
      assertThat(index.find(e.getKey())).isEqualTo(e.getValue());
      assertThat(index.key(e.getValue())).isEqualTo(e.getKey());
    }
  }
}
