package io.metaxy.adapter.ebean;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.store.UpstreamVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link EbeanMetadataStore#emptyCurrentUpstreams}: an upstream whose samples sit only under an
 * older feature version is reported, with the counts the read-port check gives; an upstream with
 * rows of its current version (even soft-deleted ones) or with no table at all is not.
 */
class EbeanEmptyCurrentUpstreamsTest {
  private static final FeatureKey ROOT = FeatureKey.of("uv/root");
  private static final FeatureKey LEAF = FeatureKey.of("uv/leaf");

  private final List<EbeanMetadataStore> stores = new ArrayList<>();
  private TestDatabases.Storage storage;

  @AfterEach
  void drop() {
    stores.forEach(EbeanMetadataStore::close);
    if (storage != null) {
      storage.drop().run();
    }
  }

  private static FeatureGraph graph(String rootCodeVersion) {
    return FeatureGraph.of(
        List.of(
            FeatureSpec.builder(ROOT)
                .idColumns("sample_uid")
                .field("audio", rootCodeVersion)
                .build(),
            FeatureSpec.builder(LEAF)
                .idColumns("sample_uid")
                .dependsOn(ROOT.toString())
                .field("text", "1")
                .build()));
  }

  private EbeanMetadataStore open(FeatureGraph g) {
    EbeanMetadataStore store =
        new EbeanMetadataStore(
            storage.config().build(), StoreSettings.builder(g).project("uv").build());
    store.open();
    stores.add(store);
    return store;
  }

  private static List<Row> roots(int n) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          Row.of(
              Map.of(
                  "sample_uid",
                  (long) i,
                  SystemColumns.PROVENANCE_BY_FIELD,
                  Map.of("audio", "a" + i))));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void onlyUpstreamsWithoutCurrentRowsAreReported(TestDatabases.Kind kind) {
    TestDatabases.requireServer(kind);
    storage = TestDatabases.create(kind);
    EbeanMetadataStore v1 = open(graph("1"));
    assertThat(v1.emptyCurrentUpstreams(LEAF)).as("no table yet").isEmpty();

    v1.write(ROOT, roots(5));
    assertThat(v1.emptyCurrentUpstreams(LEAF)).isEmpty();

    // the root's code version bumped: its 5 samples sit under the older version only
    EbeanMetadataStore v2 = open(graph("2"));
    List<UpstreamVersions.Outdated> outdated = v2.emptyCurrentUpstreams(LEAF);
    assertThat(outdated).containsExactly(new UpstreamVersions.Outdated(ROOT, true, 5, 0));
    assertThat(outdated).isEqualTo(UpstreamVersions.checkEmptyCurrent(v2, LEAF));

    // a row of the current version, even soft-deleted, ends the warning
    v2.write(ROOT, roots(1));
    v2.delete(ROOT, DeleteOptions.soft("sample_uid = 0"));
    assertThat(v2.emptyCurrentUpstreams(LEAF)).isEmpty();
    assertThat(UpstreamVersions.checkEmptyCurrent(v2, LEAF)).isEmpty();
  }
}
