package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.tck.internal.KitGraphs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The increment is consumed through its streams. */
@DisplayName("Streaming increments")
public abstract class StreamingIncrementGroup extends KitGroup {
  protected StreamingIncrementGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  @Test
  void streamsYieldTheIncrement() {
    MetadataStore store = open(KitGraphs.roots());
    List<Row> stored = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      stored.add(sample(String.format("s%03d", i), "h" + i));
    }
    write(store, SAMPLES, stored);
    List<Row> samples = new ArrayList<>();
    for (int i = 100; i < 400; i++) {
      samples.add(sample(String.format("s%03d", i), i < 150 ? "changed" + i : "h" + i));
    }
    try (Increment inc = store.resolveUpdate(SAMPLES, ResolveOptions.withSamples(samples))) {
      List<String> added;
      try (Stream<Row> s = inc.newRows()) {
        added = s.map(r -> r.getString("sample_id")).sorted().toList();
      }
      List<String> stale;
      try (Stream<Row> s = inc.staleRows()) {
        stale = s.map(r -> r.getString("sample_id")).sorted().toList();
      }
      long orphaned;
      try (Stream<Row> s = inc.orphanedRows()) {
        orphaned = s.mapToLong(r -> r.has("sample_id") ? 1 : 0).sum();
      }
      assertThat(added).hasSize(100).startsWith("s300").endsWith("s399");
      assertThat(stale).hasSize(50).startsWith("s100").endsWith("s149");
      assertThat(orphaned).isEqualTo(100);
    }
  }
}
