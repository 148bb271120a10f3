package io.metaxy.adapter.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Spark settings of the tests. Every store of a test JVM runs on one {@code local[2]} session
 * (the first store creates it, the others get it back: {@code SparkSession.getOrCreate}), tuned for
 * many tiny tables: two shuffle partitions, default parallelism two, one partition for Delta's log
 * replay, no adaptive re-planning, no code generation, no UI.
 */
final class TestSpark {
  private TestSpark() {}

  static SparkStoreConfig config(Path warehouse) {
    return SparkStoreConfig.warehouse(warehouse.toUri().toString())
        .withMaster("local[2]")
        .withSparkConf("spark.sql.shuffle.partitions", "2")
        .withSparkConf("spark.default.parallelism", "2")
        // tiny test tables: adaptive re-planning costs more than it saves
        .withSparkConf("spark.sql.adaptive.enabled", "false")
        // Delta's log replay of a tiny table: one task, not one per core
        .withSparkConf("spark.databricks.delta.snapshotPartitions", "1")
        .withSparkConf("spark.ui.enabled", "false")
        // tiny tables: interpreting expressions is cheaper than compiling them (a quarter less CPU
        // over the kit's operations); the cluster test and the benchmarks keep code generation
        .withSparkConf("spark.sql.codegen.wholeStage", "false")
        .withSparkConf("spark.sql.codegen.factoryMode", "NO_CODEGEN");
  }

  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
