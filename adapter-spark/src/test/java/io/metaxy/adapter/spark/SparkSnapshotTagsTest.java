package io.metaxy.adapter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.ports.store.StoreSettings;
import io.metaxy.ports.system.PushResult;
import io.metaxy.ports.system.SnapshotTags;
import io.metaxy.tck.internal.KitGraphs;
import io.metaxy.tck.internal.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A {@code feature_versions} Delta table written before the {@code tags} column: its snapshots read
 * as untagged, and the next push adds the column (schema evolution) and reads its tags back.
 */
class SparkSnapshotTagsTest {
  @Test
  void aTableWithoutTheTagsColumnGainsItOnTheNextPush() throws Exception {
    Path dir = Files.createTempDirectory("metaxy-spark-tags");
    try {
      FeatureGraph graph = Vectors.videoGraph();
      StoreSettings settings = StoreSettings.builder(graph).project("legacy").build();
      try (SparkMetadataStore store =
          new SparkMetadataStore(settings, TestSpark.config(dir)).open()) {
        StructType legacy =
            new StructType()
                .add("project", DataTypes.StringType)
                .add("feature_key", DataTypes.StringType)
                .add("metaxy_feature_version", DataTypes.StringType)
                .add("metaxy_feature_spec_version", DataTypes.StringType)
                .add("feature_spec", DataTypes.StringType)
                .add("metaxy_snapshot_version", DataTypes.StringType)
                .add("recorded_at", DataTypes.TimestampType)
                .add("metaxy_write_seq", DataTypes.LongType);
        store
            .spark()
            .createDataFrame(
                List.of(
                    RowFactory.create(
                        "legacy",
                        "video",
                        "fv0",
                        "sv0",
                        "{}",
                        "old-snapshot",
                        Timestamp.valueOf("2024-01-01 00:00:00"),
                        1L)),
                legacy)
            .write()
            .format("delta")
            .save(
                dir.toUri().toString()
                    + "/"
                    + settings.systemTableNames().featureVersions()
                    + ".delta");

        assertThat(store.snapshots()).hasSize(1);
        assertThat(store.snapshotTags()).as("rows recorded without tags").isEmpty();

        PushResult pushed = store.push(SnapshotTags.of(Map.of("git_commit", "abc123")));
        assertThat(pushed.recorded()).isTrue();
        assertThat(store.snapshotTags()).containsOnlyKeys(pushed.snapshotVersion());
        assertThat(store.snapshotTags(pushed.snapshotVersion()).user())
            .containsExactly(Map.entry("git_commit", "abc123"));
        assertThat(store.snapshotTags("old-snapshot").isEmpty()).isTrue();
        assertThat(store.snapshots()).hasSize(2);

        FeatureGraph bumped = KitGraphs.withCodeVersion(graph, KitGraphs.VIDEO, "audio", "2");
        assertThat(store.withGraph(bumped).push().recorded()).isTrue();
        assertThat(store.snapshotTags()).hasSize(2);
      }
    } finally {
      TestSpark.deleteRecursively(dir);
    }
  }
}
