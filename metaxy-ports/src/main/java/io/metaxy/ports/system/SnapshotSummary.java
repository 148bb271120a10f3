package io.metaxy.ports.system;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One recorded snapshot: its version, when it was recorded and how many features it has. */
public record SnapshotSummary(String snapshotVersion, Instant recordedAt, int features) {

  /**
   * The snapshots of {@code records} (one project's feature versions, in recording order): one
   * summary per snapshot version, in order of first appearance, with its first record's time.
   */
  public static List<SnapshotSummary> of(Iterable<FeatureVersionRecord> records) {
    Map<String, SnapshotSummary> out = new LinkedHashMap<>();
    for (FeatureVersionRecord r : records) {
      out.merge(
          r.snapshotVersion(),
          new SnapshotSummary(r.snapshotVersion(), r.recordedAt(), 1),
          (prev, one) ->
              new SnapshotSummary(prev.snapshotVersion(), prev.recordedAt(), prev.features() + 1));
    }
    return List.copyOf(out.values());
  }
}
