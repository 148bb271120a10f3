package io.metaxy.adapter.spark.internal;

import io.metaxy.adapter.spark.SparkStoreConfig;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Gets the Spark session of a store: the one handed in, or the JVM's active/default session created
 * on first use with Delta's SQL extension and catalog, UTC, Java 8 time types and the UI off. One
 * session serves every store of the JVM; stores never stop it.
 */
public final class Sessions {
  private Sessions() {}

  public static SparkSession of(SparkStoreConfig config) {
    if (config.session() != null) {
      return config.session();
    }
    SparkSession.Builder b =
        SparkSession.builder()
            .appName(config.appName())
            .master(config.master())
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.databricks.delta.snapshotPartitions", "2")
            // scans of local files prefer hosts by name: without this each task waits 3 s
            .config("spark.locality.wait", "0");
    for (Map.Entry<String, String> e : config.sparkConf().entrySet()) {
      b = b.config(e.getKey(), e.getValue());
    }
    return b.getOrCreate();
  }
}
