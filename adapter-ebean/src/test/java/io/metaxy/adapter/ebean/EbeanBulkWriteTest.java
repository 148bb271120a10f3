package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.domain.write.WriteContract;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.StoreSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every write goes through the shared row sinks (PostgreSQL {@code COPY}, MariaDB {@code LOAD
 * DATA}, multi-row inserts on H2), in both layouts: text the bulk formats must escape (quotes,
 * commas, tabs, line breaks, backslashes, {@code \N}, non-ASCII, empty strings), nulls, numbers,
 * booleans, decimals, dates, instants, UUIDs and enums read back as written and equal in both
 * layouts; a value the database rejects in the middle of a load leaves the table as it was; and
 * samples written again (more of them than one lookup takes) keep their first created_at.
 */
class EbeanBulkWriteTest {
  static final FeatureKey ROOT = FeatureKey.of("bulk/root");

  enum Colour {
    RED,
    GREEN
  }

  private final List<TestDatabases.Storage> storages = new ArrayList<>();
  private final List<EbeanMetadataStore> stores = new ArrayList<>();

  @AfterEach
  void drop() {
    stores.forEach(EbeanMetadataStore::close);
    storages.forEach(s -> s.drop().run());
  }

  private EbeanMetadataStore open(TestDatabases.Kind kind, EbeanLayout layout, FeatureGraph g) {
    TestDatabases.Storage storage = TestDatabases.create(kind);
    storages.add(storage);
    EbeanMetadataStore store =
        new EbeanMetadataStore(
            storage.config().layout(layout).build(),
            StoreSettings.builder(g).project("bulk").build());
    store.open();
    stores.add(store);
    return store;
  }

  private static List<Row> rows(int n) {
    String[] texts = {
      "plain",
      "a,b",
      "say \"hi\"",
      "two\nlines",
      "é ✓ 日本 😀",
      "",
      "back\\slash \\N \\.",
      "tab\there"
    };
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sample_uid", (long) i);
      m.put(
          SystemColumns.PROVENANCE_BY_FIELD,
          Map.of("audio", "a\"" + i, "frames", texts[i % texts.length]));
      m.put("label", i % 5 == 4 ? null : texts[i % texts.length]);
      m.put("score", i * 0.5);
      m.put("count", (long) i * 1_000_000_007L);
      m.put("ok", i % 2 == 0);
      m.put("amount", new BigDecimal("12345.6789").add(BigDecimal.valueOf(i)));
      m.put("day", LocalDate.of(2024, 1, 1).plusDays(i));
      m.put("seen", Instant.parse("2024-05-06T07:08:09.123456Z").plusSeconds(i));
      m.put("ref", new UUID(i, 42L));
      m.put("colour", i % 2 == 0 ? Colour.RED : Colour.GREEN);
      out.add(Row.of(m));
    }
    return out;
  }

  private static Map<Object, Map<String, Object>> stored(EbeanMetadataStore store) {
    Map<Object, Map<String, Object>> out = new TreeMap<>();
    try (Stream<Row> s = store.read(ROOT, ReadOptions.defaults())) {
      s.forEach(
          r -> {
            Map<String, Object> m = new HashMap<>();
            for (String c : r.columns()) {
              boolean stamped =
                  c.equals(SystemColumns.CREATED_AT)
                      || c.equals(SystemColumns.UPDATED_AT)
                      || c.equals(SystemColumns.PROJECT_VERSION);
              if (!stamped) {
                m.put(c, r.get(c));
              }
            }
            out.put(r.get("sample_uid"), m);
          });
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void bothLayoutsStoreTheWrittenValues(TestDatabases.Kind kind) {
    TestDatabases.requireServer(kind);
    FeatureGraph g =
        FeatureGraph.of(
            FeatureSpec.builder(ROOT)
                .idColumns("sample_uid")
                .field("audio", "1")
                .field("frames", "1")
                .build());
    List<Row> rows = rows(50);
    EbeanMetadataStore python = open(kind, EbeanLayout.PYTHON, g);
    EbeanMetadataStore seed = open(kind, EbeanLayout.SEED, g);
    assertThat(python.write(ROOT, rows)).isEqualTo(50);
    assertThat(seed.write(ROOT, rows)).isEqualTo(50);
    Map<Object, Map<String, Object>> a = stored(python);
    Map<Object, Map<String, Object>> b = stored(seed);
    assertThat(a).hasSize(50);
    assertThat(a).isEqualTo(b);
    for (Row w : rows) {
      Map<String, Object> r = a.get(w.get("sample_uid"));
      assertThat(r.get("label")).as("label of %s", w.get("sample_uid")).isEqualTo(w.get("label"));
      assertThat(((Number) r.get("count")).longValue()).isEqualTo(w.get("count"));
      assertThat(((Number) r.get("score")).doubleValue()).isEqualTo(w.get("score"));
      assertThat(r.get("ok")).isEqualTo(w.get("ok"));
      assertThat(new BigDecimal(r.get("amount").toString()))
          .isEqualByComparingTo((BigDecimal) w.get("amount"));
      assertThat(r.get("ref")).isEqualTo(w.get("ref").toString());
      assertThat(r.get("colour")).isEqualTo(((Colour) w.get("colour")).name());
      assertThat(WriteContract.toInstant(r.get("seen"))).isEqualTo(w.get("seen"));
      assertThat(r.get(SystemColumns.PROVENANCE_BY_FIELD))
          .isEqualTo(w.get(SystemColumns.PROVENANCE_BY_FIELD));
    }
    Map<String, Object> third = a.get(3L);
    assertThat(third.get("label")).isEqualTo("two\nlines");
    assertThat(third.get(SystemColumns.PROVENANCE_BY_FIELD))
        .isEqualTo(Map.of("audio", "a\"3", "frames", "two\nlines"));
    assertThat(a.get(5L).get("label")).isEqualTo("");
    assertThat(a.get(4L).get("label")).isNull();
  }

  private static FeatureGraph odd() {
    return FeatureGraph.of(
        FeatureSpec.builder(ROOT).idColumns("sample_uid").field("a", "1").field("b", "1").build());
  }

  private static Row row(long id, String note, Object n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sample_uid", id);
    m.put("note", note);
    m.put("n", n);
    m.put(SystemColumns.PROVENANCE_BY_FIELD, Map.of("a", "pa" + id, "b", "pb" + id));
    return Row.of(m);
  }

  private static Map<Long, Row> latest(EbeanMetadataStore store) {
    Map<Long, Row> out = new HashMap<>();
    try (Stream<Row> s = store.read(ROOT, ReadOptions.defaults())) {
      s.forEach(r -> out.put(((Number) r.get("sample_uid")).longValue(), r));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aValueTheDatabaseRejectsMidLoadLeavesTheTableAsItWas(
      TestDatabases.Kind kind, EbeanLayout layout) {
    TestDatabases.requireServer(kind);
    EbeanMetadataStore store = open(kind, layout, odd());
    List<Row> first = new ArrayList<>();
    for (long i = 0; i < 10; i++) {
      first.add(row(i, "first", i));
    }
    store.write(ROOT, first); // column n is a whole number from here on
    Map<Long, Row> before = latest(store);

    List<Row> bad = new ArrayList<>();
    for (long i = 0; i < 3000; i++) {
      bad.add(row(i + 5, "second", i == 2500 ? (Object) "not a number" : (Object) i));
    }
    assertThatThrownBy(() -> store.write(ROOT, bad))
        .isInstanceOf(MetaxyException.class)
        .hasMessageContaining(ROOT.toString());

    assertThat(latest(store)).as("nothing of the failed write is stored").isEqualTo(before);
    store.write(ROOT, List.of(row(99, "after", 1L))); // the store still writes afterwards
    assertThat(latest(store)).hasSize(11);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void samplesWrittenAgainKeepTheirFirstCreatedAt(TestDatabases.Kind kind, EbeanLayout layout) {
    TestDatabases.requireServer(kind);
    int n = 1200; // more samples than one lookup by ID list takes
    EbeanMetadataStore store = open(kind, layout, odd());
    List<Row> first = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      first.add(row(i, "first", i));
    }
    store.write(ROOT, first);
    Map<Long, Instant> created = new HashMap<>();
    latest(store)
        .forEach(
            (id, r) -> created.put(id, WriteContract.toInstant(r.get(SystemColumns.CREATED_AT))));

    List<Row> again = new ArrayList<>();
    for (long i = n / 2; i < n + n / 2; i++) {
      again.add(row(i, "second", i));
    }
    store.write(ROOT, again);
    Map<Long, Row> now = latest(store);
    assertThat(now).hasSize(n + n / 2);
    Instant secondWrite = null;
    for (long i = 0; i < n + n / 2; i++) {
      Row r = now.get(i);
      Instant at = WriteContract.toInstant(r.get(SystemColumns.CREATED_AT));
      if (i < n) {
        assertThat(at).as("created_at of stored sample %s", i).isEqualTo(created.get(i));
        assertThat(r.get("note")).isEqualTo(i < n / 2 ? "first" : "second");
      } else {
        assertThat(at)
            .as("a new sample's created_at is the write time")
            .isEqualTo(WriteContract.toInstant(r.get(SystemColumns.UPDATED_AT)));
        secondWrite = at;
      }
    }
    assertThat(secondWrite).isAfter(created.get(0L));
  }

  static Stream<Arguments> stores() {
    List<Arguments> out = new ArrayList<>();
    for (TestDatabases.Kind k : TestDatabases.Kind.values()) {
      for (EbeanLayout l : EbeanLayout.values()) {
        out.add(Arguments.of(k, l));
      }
    }
    return out.stream();
  }
}
