package io.metaxy.adapter.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The Spark settings of the tests: one local[2] session per JVM, two shuffle partitions. */
final class TestSpark {
  private TestSpark() {}

  static SparkStoreConfig config(Path warehouse) {
    return SparkStoreConfig.warehouse(warehouse.toUri().toString())
        .withMaster("local[2]")
        .withSparkConf("spark.sql.shuffle.partitions", "2")
        .withSparkConf("spark.default.parallelism", "2")
        // tiny test tables: adaptive re-planning costs more than it saves
        .withSparkConf("spark.sql.adaptive.enabled", "false");
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
