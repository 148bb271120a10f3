package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
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
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Python-layout writes on PostgreSQL and MariaDB go through the shared bulk path (COPY, rewritten
 * batches); seed-layout writes bind row by row. Both must store the same values: the same rows,
 * with text that CSV must escape (quotes, commas, line breaks, non-ASCII, empty strings), nulls,
 * numbers, booleans, decimals, dates, instants, UUIDs and enums, read back equal from both layouts.
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
            EbeanStoreConfig.builder()
                .url(storage.url())
                .user(storage.user())
                .password(storage.password())
                .layout(layout)
                .build(),
            StoreSettings.builder(g).project("bulk").build());
    store.open();
    stores.add(store);
    return store;
  }

  private static List<Row> rows(int n) {
    String[] texts = {"plain", "a,b", "say \"hi\"", "two\nlines", "é ✓ 日本", "", "back\\slash"};
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
  @EnumSource(
      value = TestDatabases.Kind.class,
      names = {"POSTGRES", "MARIADB"})
  void bulkAndRowByRowWritesStoreTheSameValues(TestDatabases.Kind kind) {
    TestDatabases.requireServer(kind);
    FeatureGraph g =
        FeatureGraph.of(
            FeatureSpec.builder(ROOT)
                .idColumns("sample_uid")
                .field("audio", "1")
                .field("frames", "1")
                .build());
    List<Row> rows = rows(50);
    EbeanMetadataStore bulk = open(kind, EbeanLayout.PYTHON, g);
    EbeanMetadataStore byRow = open(kind, EbeanLayout.SEED, g);
    assertThat(bulk.write(ROOT, rows)).isEqualTo(50);
    assertThat(byRow.write(ROOT, rows)).isEqualTo(50);
    Map<Object, Map<String, Object>> a = stored(bulk);
    Map<Object, Map<String, Object>> b = stored(byRow);
    assertThat(a).hasSize(50);
    assertThat(a).isEqualTo(b);
    Map<String, Object> third = a.get(3L);
    assertThat(third.get("label")).isEqualTo("two\nlines");
    assertThat(third.get(SystemColumns.PROVENANCE_BY_FIELD))
        .isEqualTo(Map.of("audio", "a\"3", "frames", "two\nlines"));
    assertThat(a.get(5L).get("label")).isEqualTo("");
    assertThat(a.get(4L).get("label")).isNull();
  }
}
