package io.metaxy.adapter.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bulk write path on every dialect and both layouts: values with the characters the text
 * formats of {@code COPY} and {@code LOAD DATA} treat specially round-trip exactly, a write the
 * database rejects in the middle of the bulk load leaves the table as it was, and created_at of
 * samples written again (more of them than one indexed lookup takes) is their first row's.
 */
class BulkWriteTest {
  private static final FeatureKey KEY = FeatureKey.of("bulk/odd");
  private static final FeatureGraph GRAPH =
      FeatureGraph.of(
          FeatureSpec.builder(KEY).idColumns("sample_uid").field("a", "1").field("b", "1").build());
  static final List<String> ODD =
      List.of(
          "comma, \"quoted\", 'single'",
          "tab\there",
          "new\nline and\r\ncrlf",
          "back\\slash \\N \\. \\t",
          "\\",
          "\\N",
          "\\.",
          "",
          "ünïcödé ✓ 日本語 😀 \u00a0",
          "semi;colon -- /* c */",
          "{\"json\": [1, 2]}");

  static Stream<Arguments> stores() {
    List<Arguments> out = new ArrayList<>();
    for (JooqDialect d : JooqDialect.values()) {
      for (StoreLayout l : StoreLayout.values()) {
        out.add(Arguments.of(d, l));
      }
    }
    return out.stream();
  }

  private static JooqMetadataStore open(TestStores stores, JooqDialect d, StoreLayout layout) {
    return stores.open(d, StoreSettings.builder(GRAPH).build(), b -> b.layout(layout));
  }

  private static Row row(long id, String note, Object n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sample_uid", id);
    m.put("note", note);
    m.put("n", n);
    m.put(
        SystemColumns.PROVENANCE_BY_FIELD,
        Map.of("a", "pa" + (note == null ? "" : note), "b", "pb" + id));
    return Row.of(m);
  }

  private static Map<Long, Row> read(JooqMetadataStore store) {
    Map<Long, Row> out = new HashMap<>();
    try (Stream<Row> s = store.read(KEY, ReadOptions.defaults())) {
      s.forEach(r -> out.put(((Number) r.get("sample_uid")).longValue(), r));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("stores")
  void oddValuesRoundTripThroughTheBulkPath(JooqDialect d, StoreLayout layout) {
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store = open(stores, d, layout);
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < ODD.size(); i++) {
        rows.add(row(i, ODD.get(i), (long) i * 1_000_000_007L));
      }
      rows.add(row(ODD.size(), null, null));
      assertThat(store.write(KEY, rows)).isEqualTo(rows.size());

      Map<Long, Row> back = read(store);
      assertThat(back).hasSize(rows.size());
      for (Row w : rows) {
        long id = (Long) w.get("sample_uid");
        Row r = back.get(id);
        assertThat(r.get("note")).as("note of sample %s", id).isEqualTo(w.get("note"));
        assertThat(r.get("n") == null ? null : ((Number) r.get("n")).longValue())
            .isEqualTo(w.get("n"));
        assertThat(r.getMap(SystemColumns.PROVENANCE_BY_FIELD))
            .as("provenance by field of sample %s", id)
            .isEqualTo(w.getMap(SystemColumns.PROVENANCE_BY_FIELD));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aValueTheDatabaseRejectsMidLoadLeavesTheTableAsItWas(JooqDialect d, StoreLayout layout) {
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store = open(stores, d, layout);
      List<Row> first = new ArrayList<>();
      for (long i = 0; i < 10; i++) {
        first.add(row(i, "first", i));
      }
      store.write(KEY, first); // column n is a whole number from here on
      Map<Long, Row> before = read(store);

      List<Row> bad = new ArrayList<>();
      for (long i = 0; i < 3000; i++) {
        bad.add(row(i + 5, "second", i == 2500 ? (Object) "not a number" : (Object) i));
      }
      assertThatThrownBy(() -> store.write(KEY, bad))
          .isInstanceOf(MetaxyException.class)
          .hasMessageContaining(KEY.toString());

      assertThat(read(store)).as("nothing of the failed write is stored").isEqualTo(before);
      // the store still writes afterwards
      store.write(KEY, List.of(row(99, "after", 1L)));
      assertThat(read(store)).hasSize(11);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void samplesWrittenAgainKeepTheirFirstCreatedAt(JooqDialect d, StoreLayout layout) {
    int n = CreatedAt.CHUNK + 100; // more samples than one indexed lookup takes
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore store = open(stores, d, layout);
      List<Row> first = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        first.add(row(i, "first", i));
      }
      store.write(KEY, first);
      Map<Long, Instant> created = new HashMap<>();
      read(store).forEach((id, r) -> created.put(id, instant(r.get(SystemColumns.CREATED_AT))));

      List<Row> again = new ArrayList<>();
      for (long i = n / 2; i < n + n / 2; i++) {
        again.add(row(i, "second", i));
      }
      store.write(KEY, again);
      Map<Long, Row> latest = read(store);
      assertThat(latest).hasSize(n + n / 2);
      Instant secondWrite = null;
      for (long i = 0; i < n + n / 2; i++) {
        Row r = latest.get(i);
        Instant at = instant(r.get(SystemColumns.CREATED_AT));
        if (i < n) {
          assertThat(at).as("created_at of stored sample %s", i).isEqualTo(created.get(i));
        } else {
          assertThat(at)
              .as("a new sample's created_at is the write time")
              .isEqualTo(instant(r.get(SystemColumns.UPDATED_AT)));
          secondWrite = at;
        }
      }
      assertThat(secondWrite).isAfter(created.get(0L));
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void oneLargeWriteStoresTheSameHashesAsSmallWrites(JooqDialect d, StoreLayout layout) {
    // more rows than one chunk of the hashes derived ahead (DuckDB), with a partial last chunk
    int n = 3 * DeriveAhead.CHUNK + 17;
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      rows.add(row(i, "n" + (i % 97), i));
    }
    try (TestStores stores = new TestStores()) {
      JooqMetadataStore big = open(stores, d, layout);
      assertThat(big.write(KEY, rows)).isEqualTo(n);
      Map<Long, Row> one = read(big);
      try (TestStores others = new TestStores()) {
        JooqMetadataStore small = open(others, d, layout);
        for (int from = 0; from < n; from += 1000) {
          small.write(KEY, rows.subList(from, Math.min(n, from + 1000)));
        }
        Map<Long, Row> many = read(small);
        assertThat(one).hasSize(n);
        assertThat(many).hasSize(n);
        for (long i = 0; i < n; i++) {
          Row a = one.get(i);
          Row b = many.get(i);
          assertThat(a.get(SystemColumns.PROVENANCE))
              .as("provenance of sample %s", i)
              .isNotNull()
              .isEqualTo(b.get(SystemColumns.PROVENANCE));
          assertThat(a.get(SystemColumns.DATA_VERSION))
              .as("data version of sample %s", i)
              .isEqualTo(b.get(SystemColumns.DATA_VERSION));
          assertThat(a.get("note")).isEqualTo("n" + (i % 97));
        }
      }
    }
  }

  private static Instant instant(Object v) {
    return io.metaxy.domain.write.WriteContract.toInstant(v);
  }
}
