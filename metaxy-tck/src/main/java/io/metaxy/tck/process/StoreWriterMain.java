package io.metaxy.tck.process;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.spi.MetadataStoreProviders;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.StoreSettings;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code main} of a writer process in multi-process tests: opens a store of {@code --type} with
 * {@code --config key=value} entries (repeatable) on {@link #graph()}, then makes {@code --batches}
 * write calls of {@code --batch-rows} rows each to {@link #FEATURE}. Every batch holds the shared
 * samples {@code shared-0 .. shared-(S-1)} ({@code --shared S}) and unique samples {@code
 * <prefix>-<batch>-<i>} for the rest; each row carries {@code writer} (the {@code --prefix}) and
 * {@code batch}, and a provenance unique to the write call. {@code --hold-ms} keeps the store open
 * that long after the writes. {@code --start-file PATH} makes the process create its (unopened)
 * store, print {@code READY} and wait until that file exists before opening: the parent starts
 * every process's open at the same moment, whatever their JVM start-up took.
 *
 * <p>Reports on stdout, one line each: {@code OPENED <pid>}; per batch {@code WRITING <batch>} just
 * before the call and {@code WROTE <batch> <startNanos> <endNanos>} after it returned ({@link
 * System#nanoTime()}, which on Linux is CLOCK_MONOTONIC, shared by every process of the machine);
 * {@code DONE}. A failure prints {@code ERROR <one-line message>} and exits 3 (2 when opening
 * failed).
 */
public final class StoreWriterMain {
  /** The feature every writer writes: a root feature keyed by {@code sample_uid}. */
  public static final FeatureKey FEATURE = FeatureKey.of("process/rows");

  /** The project name of writer stores. */
  public static final String PROJECT = "metaxy-process";

  private StoreWriterMain() {}

  /** The graph writer processes open their store with. */
  public static FeatureGraph graph() {
    return FeatureGraph.of(
        FeatureSpec.builder(FEATURE).idColumns("sample_uid").field("value", "1").build());
  }

  /** Settings of writer stores on {@link #graph()} (system clock, md5). */
  public static StoreSettings settings() {
    return StoreSettings.builder(graph()).project(PROJECT).build();
  }

  /** The provenance a row of {@code writer}'s batch {@code batch} carries for field value. */
  public static String provenance(String writer, long batch) {
    return "p-" + writer + "-" + batch;
  }

  /** The rows of one batch. */
  public static List<Row> batch(String writer, int batch, int rows, int shared) {
    List<Row> out = new ArrayList<>(rows);
    Map<String, String> pbf = Map.of("value", provenance(writer, batch));
    for (int i = 0; i < rows; i++) {
      String uid = i < shared ? "shared-" + i : writer + "-" + batch + "-" + i;
      out.add(
          Row.builder()
              .set("sample_uid", uid)
              .set("writer", writer)
              .set("batch", (long) batch)
              .set(SystemColumns.PROVENANCE_BY_FIELD, pbf)
              .build());
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    // stdout is this process's report channel to the parent test (a protocol, not logging)
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    String type = null;
    String prefix = "w";
    Map<String, Object> config = new LinkedHashMap<>();
    int batches = 0;
    int batchRows = 0;
    int shared = 0;
    long holdMs = 0;
    java.nio.file.Path startFile = null;
    for (int i = 0; i < args.length; i++) {
      String v = args[++i];
      switch (args[i - 1]) {
        case "--type" -> type = v;
        case "--prefix" -> prefix = v;
        case "--config" -> {
          int eq = v.indexOf('=');
          config.put(v.substring(0, eq), v.substring(eq + 1));
        }
        case "--batches" -> batches = Integer.parseInt(v);
        case "--batch-rows" -> batchRows = Integer.parseInt(v);
        case "--shared" -> shared = Integer.parseInt(v);
        case "--hold-ms" -> holdMs = Long.parseLong(v);
        case "--start-file" -> startFile = java.nio.file.Path.of(v);
        default -> throw new IllegalArgumentException("unknown argument " + args[i - 1]);
      }
    }
    MetadataStore store;
    try {
      store = MetadataStoreProviders.find(type).create(settings(), config);
      if (startFile != null) {
        out.println("READY");
        while (!java.nio.file.Files.exists(startFile)) {
          Thread.sleep(1);
        }
      }
      store.open();
    } catch (RuntimeException e) {
      out.println("ERROR " + oneLine(e));
      System.exit(2);
      return;
    }
    out.println("OPENED " + ProcessHandle.current().pid());
    try {
      for (int b = 0; b < batches; b++) {
        List<Row> rows = batch(prefix, b, batchRows, shared);
        out.println("WRITING " + b);
        long start = System.nanoTime();
        store.write(FEATURE, rows);
        long end = System.nanoTime();
        out.println("WROTE " + b + " " + start + " " + end);
      }
      if (holdMs > 0) {
        Thread.sleep(holdMs);
      }
      store.close();
    } catch (RuntimeException e) {
      out.println("ERROR " + oneLine(e));
      System.exit(3);
      return;
    }
    out.println("DONE");
    System.exit(0);
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    return m.replace('\n', ' ').replace('\r', ' ');
  }
}
