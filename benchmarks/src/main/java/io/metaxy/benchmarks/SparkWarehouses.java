package io.metaxy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Configurations of the {@code spark} target: a fresh Delta warehouse directory per store, in
 * {@code local[N]} mode on this JVM ({@code -Dbench.spark.master}, default {@code local[*]}; {@code
 * -Dbench.spark.partitions} shuffle partitions, default 8). The benchmark uses one store at a time,
 * so creating the next warehouse deletes the previous one, and the last one is deleted when the JVM
 * exits.
 */
final class SparkWarehouses {
  private static Path base;
  private static Path current;

  private SparkWarehouses() {}

  static synchronized Map<String, Object> next() {
    try {
      if (base == null) {
        base = Files.createTempDirectory("metaxy-bench-spark");
        Path b = base;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(b)));
      }
      if (current != null) {
        delete(current);
      }
      current = Files.createTempDirectory(base, "warehouse");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String partitions = System.getProperty("bench.spark.partitions", "8");
    return Map.of(
        "warehouse",
        current.toUri().toString(),
        "master",
        System.getProperty("bench.spark.master", "local[*]"),
        "spark_conf",
        Map.of(
            "spark.sql.shuffle.partitions", partitions,
            "spark.default.parallelism", partitions,
            "spark.databricks.delta.snapshotPartitions", "2"));
  }

  /** The warehouse of the last store created. */
  static synchronized Path current() {
    if (current == null) {
      throw new IllegalStateException("no Spark warehouse created yet");
    }
    return current;
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
