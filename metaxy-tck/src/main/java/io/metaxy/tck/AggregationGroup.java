package io.metaxy.tck;

import static io.metaxy.tck.internal.KitGraphs.READINGS;
import static io.metaxy.tck.internal.KitGraphs.STATS;
import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.row.Row;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.tck.internal.KitGraphs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Acceptance 5: N:1 aggregation lineage. */
@DisplayName("Aggregation (N:1) lineage")
public abstract class AggregationGroup extends KitGroup {
  protected AggregationGroup(MetadataStoreCompatibilityKit kit) {
    super(kit);
  }

  private Row reading(String sensor, String reading, String temperature, String humidity) {
    return Row.of(
        "sensor_id",
        sensor,
        "reading_id",
        reading,
        PBF,
        Map.of("temperature", temperature, "humidity", humidity));
  }

  @Test
  void oneChangedReadingMakesItsSensorStaleOnce() {
    MetadataStore store = open(KitGraphs.aggregation());
    write(
        store,
        READINGS,
        List.of(
            reading("s1", "r1", "t11", "h11"),
            reading("s1", "r2", "t12", "h12"),
            reading("s1", "r3", "t13", "h13"),
            reading("s2", "r1", "t21", "h21"),
            reading("s2", "r2", "t22", "h22")));
    Increment.Materialized first = resolve(store, STATS);
    assertThat(ids(first.newRows(), "sensor_id")).containsExactly("s1", "s2");
    assertThat(first.newRows())
        .allSatisfy(r -> assertThat(r.getMap(PBF)).containsOnlyKeys("avg_temp", "avg_humidity"));
    compute(store, STATS, first);
    assertEmpty(resolve(store, STATS), "stats after computing");
    Map<String, Row> before = byId(read(store, STATS), "sensor_id");

    write(store, READINGS, List.of(reading("s1", "r2", "t12-recalibrated", "h12")));
    Increment.Materialized inc = resolve(store, STATS);
    assertThat(inc.newRows()).isEmpty();
    assertThat(inc.orphanedRows()).isEmpty();
    assertThat(inc.staleRows()).as("one stale row for sensor s1").hasSize(1);
    Row stale = inc.staleRows().get(0);
    assertThat(stale.getString("sensor_id")).isEqualTo("s1");
    Map<String, String> old = before.get("s1").getMap(PBF);
    assertThat(stale.getMap(PBF).get("avg_humidity")).isEqualTo(old.get("avg_humidity"));
    assertThat(stale.getMap(PBF).get("avg_temp")).isNotEqualTo(old.get("avg_temp"));
    compute(store, STATS, inc);
    assertEmpty(resolve(store, STATS), "stats after recomputing s1");
  }

  @Test
  void groupDataVersionsFollowIdOrderNotWriteOrder() {
    List<Row> readings =
        List.of(
            reading("s1", "r1", "t11", "h11"),
            reading("s1", "r2", "t12", "h12"),
            reading("s1", "r3", "t13", "h13"));
    MetadataStore inOrder = open(KitGraphs.aggregation());
    write(inOrder, READINGS, readings);
    MetadataStore shuffled = open(KitGraphs.aggregation());
    write(shuffled, READINGS, List.of(readings.get(2)));
    write(shuffled, READINGS, List.of(readings.get(0), readings.get(1)));
    Row a = resolve(inOrder, STATS).newRows().get(0);
    Row b = resolve(shuffled, STATS).newRows().get(0);
    assertThat(b.getMap(PBF)).isEqualTo(a.getMap(PBF));
    assertThat(b.getString(PROVENANCE)).isEqualTo(a.getString(PROVENANCE));

    MetadataStore swapped = open(KitGraphs.aggregation());
    write(
        swapped,
        READINGS,
        List.of(
            reading("s1", "r1", "t12", "h11"),
            reading("s1", "r2", "t11", "h12"),
            reading("s1", "r3", "t13", "h13")));
    Row c = resolve(swapped, STATS).newRows().get(0);
    assertThat(c.getMap(PBF).get("avg_temp"))
        .as("the same values under other readings are another group version")
        .isNotEqualTo(a.getMap(PBF).get("avg_temp"));
    assertThat(c.getMap(PBF).get("avg_humidity")).isEqualTo(a.getMap(PBF).get("avg_humidity"));
  }

  @Test
  void aReadingOfAnotherSensorOrANewReadingAffectsOnlyItsGroup() {
    MetadataStore store = open(KitGraphs.aggregation());
    write(
        store,
        READINGS,
        List.of(reading("s1", "r1", "t11", "h11"), reading("s2", "r1", "t21", "h21")));
    resolveAndCompute(store, STATS);
    write(store, READINGS, List.of(reading("s2", "r2", "t22", "h22")));
    write(store, READINGS, List.of(reading("s3", "r1", "t31", "h31")));
    Increment.Materialized inc = resolve(store, STATS);
    assertThat(ids(inc.newRows(), "sensor_id")).containsExactly("s3");
    assertThat(ids(inc.staleRows(), "sensor_id")).containsExactly("s2");
    assertThat(inc.orphanedRows()).isEmpty();
  }
}
