package io.metaxy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Per-field maps written by the bulk path ({@link MapValues#toJson}) read back unchanged ({@link
 * MapValues#parse}) whatever their keys and values hold, with keys sorted and no insignificant
 * whitespace (the compact form H2's map reads rely on).
 */
class MapValuesPropertyTest {
  @Property(tries = 300)
  void jsonTextRoundTrips(@ForAll @Size(max = 6) Map<String, String> map) {
    String json = MapValues.toJson(map);
    assertThat(MapValues.parse(json)).isEqualTo(map);
    assertThat(json).startsWith("{").endsWith("}");
    assertThat(new TreeMap<>(map).keySet())
        .containsExactlyElementsOf(MapValues.parse(json).keySet());
  }

  @Property(tries = 100)
  void nullValuesAreLeftOut(@ForAll @Size(max = 4) Map<String, String> map, @ForAll String key) {
    Map<String, String> withNull = new java.util.HashMap<>(map);
    withNull.put(key, null);
    Map<String, String> expected = new java.util.HashMap<>(map);
    expected.remove(key);
    assertThat(MapValues.parse(MapValues.toJson(withNull))).isEqualTo(expected);
  }
}
