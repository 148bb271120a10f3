package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import io.metaxy.ports.store.ResolveOptions;
import io.metaxy.tck.internal.KitGraphs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random (seeded) sequences of writes, soft and hard deletes on a root feature, compared after
 * every step with a plain model of merge-on-read (latest row per sample, tombstones hide).
 */
@DisplayName("Merge-on-read model (random histories)")
public abstract class MergeOnReadModelGroup extends KitGroup {
  protected MergeOnReadModelGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 42, 2026})
  void readsAndIncrementsFollowTheModel(long seed) {
    Random random = new Random(seed);
    MetadataStore store = open(KitGraphs.roots());
    Map<String, String> alive = new TreeMap<>();
    Set<String> deleted = new TreeSet<>();
    for (int step = 0; step < 30; step++) {
      String id = "s" + random.nextInt(6);
      int op = random.nextInt(10);
      String what;
      if (op < 6) {
        List<Row> rows = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        Map<String, String> batch = new TreeMap<>();
        for (int i = 0; i < n; i++) {
          String sid = "s" + random.nextInt(6);
          if (batch.putIfAbsent(sid, "v" + step + "-" + i) == null) {
            rows.add(sample(sid, batch.get(sid)));
          }
        }
        write(store, SAMPLES, rows);
        alive.putAll(batch);
        deleted.removeAll(batch.keySet());
        what = "write " + batch;
      } else if (op < 9) {
        if (!alive.containsKey(id)) {
          continue;
        }
        clock.tick();
        assertThat(store.delete(SAMPLES, DeleteOptions.soft("sample_id = '" + id + "'")))
            .as("step %d: soft delete of live sample %s", step, id)
            .isEqualTo(1);
        alive.remove(id);
        deleted.add(id);
        what = "soft delete " + id;
      } else {
        clock.tick();
        store.delete(SAMPLES, DeleteOptions.hard("sample_id = '" + id + "'"));
        alive.remove(id);
        deleted.remove(id);
        what = "hard delete " + id;
      }
      Map<String, String> seen = new TreeMap<>();
      for (Row r : read(store, SAMPLES)) {
        seen.put(r.getString("sample_id"), r.getMap(PBF).get("value"));
      }
      assertThat(seen).as("step %d (%s): read", step, what).isEqualTo(alive);
      Set<String> withDeleted = new TreeSet<>(alive.keySet());
      withDeleted.addAll(deleted);
      assertThat(
              new TreeSet<>(
                  ids(read(store, SAMPLES, ReadOptions.defaults().withDeleted()), "sample_id")))
          .as("step %d (%s): read with deleted", step, what)
          .isEqualTo(withDeleted);
    }
    List<Row> samples = new ArrayList<>();
    Set<String> expectNew = new TreeSet<>();
    Set<String> expectStale = new TreeSet<>();
    Set<String> expectOrphaned = new TreeSet<>(alive.keySet());
    for (int i = 0; i < 6; i++) {
      String id = "s" + i;
      if (random.nextBoolean()) {
        String value = random.nextBoolean() && alive.containsKey(id) ? alive.get(id) : "fresh";
        samples.add(sample(id, value));
        expectOrphaned.remove(id);
        if (!alive.containsKey(id)) {
          expectNew.add(id);
        } else if (!alive.get(id).equals(value)) {
          expectStale.add(id);
        }
      }
    }
    Increment.Materialized inc = resolve(store, SAMPLES, ResolveOptions.withSamples(samples));
    assertThat(new TreeSet<>(ids(inc.newRows(), "sample_id"))).isEqualTo(expectNew);
    assertThat(new TreeSet<>(ids(inc.staleRows(), "sample_id"))).isEqualTo(expectStale);
    assertThat(new TreeSet<>(ids(inc.orphanedRows(), "sample_id"))).isEqualTo(expectOrphaned);
    assertThat(inc.newRows().size() + inc.staleRows().size() + inc.orphanedRows().size())
        .as("no sample twice")
        .isEqualTo(expectNew.size() + expectStale.size() + expectOrphaned.size());
  }
}
