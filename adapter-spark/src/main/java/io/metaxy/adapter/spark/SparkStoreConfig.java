package io.metaxy.adapter.spark;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;

/**
 * Where a {@link SparkMetadataStore} keeps its Delta tables and which Spark session runs its plans:
 * either an existing {@link SparkSession} handed in, or one the store gets or creates from {@code
 * master} (default {@code local[*]}) and extra Spark configuration.
 *
 * <p>Configuration keys ({@code [stores.<name>.config]}): {@code warehouse} (required: a path or
 * URI of a directory; each table is the sub-directory named after it), {@code master}, {@code
 * app_name}, {@code spark_conf} (a table of Spark settings, e.g. {@code
 * "spark.sql.shuffle.partitions" = "8"}), {@code layout} ({@code flat}, the default, or {@code
 * nested}: see {@link Layout}), {@code row_tracking} (default {@code true}: see {@link
 * #withRowTracking}).
 */
public final class SparkStoreConfig {
  /** Keys accepted under {@code stores.<name>.config}. */
  public static final Set<String> KEYS =
      Set.of("warehouse", "master", "app_name", "spark_conf", "layout", "row_tracking");

  /** Where feature tables sit under the warehouse. */
  public enum Layout {
    /** {@code <warehouse>/<table name>.delta}, e.g. {@code video__processing.delta}. */
    FLAT,
    /**
     * {@code <warehouse>/<key part>/.../<last part>.delta}, e.g. {@code video/processing.delta}.
     */
    NESTED
  }

  private final String warehouse;
  private final String master;
  private final String appName;
  private final Map<String, String> sparkConf;
  private final SparkSession session;
  private final Layout layout;
  private boolean rowTracking = true;

  private SparkStoreConfig(
      String warehouse,
      String master,
      String appName,
      Map<String, String> sparkConf,
      SparkSession session,
      Layout layout) {
    this.warehouse = stripSlash(Objects.requireNonNull(warehouse, "warehouse"));
    this.master = master;
    this.appName = appName;
    this.sparkConf = Map.copyOf(sparkConf);
    this.session = session;
    this.layout = layout;
  }

  /** Tables under {@code warehouse}, run by a session on {@code local[*]}. */
  public static SparkStoreConfig warehouse(String warehouse) {
    return new SparkStoreConfig(warehouse, "local[*]", "metaxy", Map.of(), null, Layout.FLAT);
  }

  /** Tables under {@code warehouse}, run by {@code session} (never stopped by the store). */
  public static SparkStoreConfig session(SparkSession session, String warehouse) {
    return new SparkStoreConfig(
        warehouse, null, null, Map.of(), Objects.requireNonNull(session, "session"), Layout.FLAT);
  }

  /** The same warehouse on another master. */
  public SparkStoreConfig withMaster(String m) {
    return new SparkStoreConfig(warehouse, m, appName, sparkConf, session, layout)
        .withRowTracking(rowTracking);
  }

  /** The same with one more Spark setting for the session the store creates. */
  public SparkStoreConfig withSparkConf(String key, String value) {
    Map<String, String> c = new LinkedHashMap<>(sparkConf);
    c.put(key, value);
    return new SparkStoreConfig(warehouse, master, appName, c, session, layout)
        .withRowTracking(rowTracking);
  }

  /**
   * The same, creating tables with ({@code true}, the default) or without Delta row tracking.
   * Without it, merge-on-read orders a sample's rows by {@code coalesce(deleted_at, updated_at)},
   * then write order, instead of commit order; writers that cannot write row-tracked tables (Python
   * Metaxy's delta-rs) can then append to the tables this store creates.
   */
  public SparkStoreConfig withRowTracking(boolean on) {
    SparkStoreConfig c =
        new SparkStoreConfig(warehouse, master, appName, sparkConf, session, layout);
    c.rowTracking = on;
    return c;
  }

  public boolean rowTracking() {
    return rowTracking;
  }

  /** The same with another table layout. */
  public SparkStoreConfig withLayout(Layout l) {
    return new SparkStoreConfig(
            warehouse, master, appName, sparkConf, session, Objects.requireNonNull(l, "layout"))
        .withRowTracking(rowTracking);
  }

  /**
   * Reads the adapter table of {@code metaxy.toml}; an unknown key or a missing {@code warehouse}
   * is an error naming it.
   */
  public static SparkStoreConfig fromMap(Map<String, Object> config) {
    Map<String, Object> c = config == null ? Map.of() : config;
    Set<String> unknown = new TreeSet<>(c.keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "Store type \"spark\" does not know the config keys "
              + unknown
              + ": use "
              + new TreeSet<>(KEYS)
              + ".");
    }
    Object w = c.get("warehouse");
    if (!(w instanceof String ws) || ws.isBlank()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "Store type \"spark\" needs stores.<name>.config.warehouse: the directory (path or URI)"
              + " holding its Delta tables.");
    }
    String master = string(c, "master", "local[*]");
    String app = string(c, "app_name", "metaxy");
    Map<String, String> conf = new LinkedHashMap<>();
    Object sc = c.get("spark_conf");
    if (sc != null) {
      if (!(sc instanceof Map<?, ?> m)) {
        throw new MetaxyException(
            ErrorCode.INVALID_CONFIG,
            "stores.<name>.config.spark_conf must be a table of Spark settings, got " + sc + ".");
      }
      m.forEach((k, v) -> conf.put(String.valueOf(k), String.valueOf(v)));
    }
    String layout = string(c, "layout", "flat");
    Layout l =
        switch (layout) {
          case "flat" -> Layout.FLAT;
          case "nested" -> Layout.NESTED;
          default ->
              throw new MetaxyException(
                  ErrorCode.INVALID_CONFIG,
                  "stores.<name>.config.layout is \""
                      + layout
                      + "\": use \"flat\" (<warehouse>/<table name>.delta) or \"nested\""
                      + " (<warehouse>/<key parts as directories>.delta).");
        };
    Object rt = c.getOrDefault("row_tracking", Boolean.TRUE);
    if (!(rt instanceof Boolean b)) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "stores.<name>.config.row_tracking must be true or false, got " + rt + ".");
    }
    return new SparkStoreConfig(ws, master, app, conf, null, l).withRowTracking(b);
  }

  private static String string(Map<String, Object> c, String key, String dflt) {
    Object v = c.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new MetaxyException(
          ErrorCode.INVALID_CONFIG,
          "stores.<name>.config." + key + " must be a non-empty string, got " + v + ".");
    }
    return s;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }

  public String warehouse() {
    return warehouse;
  }

  public String master() {
    return master;
  }

  public String appName() {
    return appName;
  }

  public Map<String, String> sparkConf() {
    return sparkConf;
  }

  public Layout layout() {
    return layout;
  }

  /** The session handed in, or {@code null} when the store gets or creates one. */
  public SparkSession session() {
    return session;
  }

  @Override
  public String toString() {
    return "SparkStoreConfig[warehouse=" + warehouse + ", master=" + master + "]";
  }
}
