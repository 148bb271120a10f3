package io.metaxy.examples.quickstart;

import static io.metaxy.examples.quickstart.VideoPipeline.CROP;
import static io.metaxy.examples.quickstart.VideoPipeline.FACE_DETECTION;
import static io.metaxy.examples.quickstart.VideoPipeline.STT;
import static io.metaxy.examples.quickstart.VideoPipeline.VIDEO;

import io.metaxy.config.ConfigLoader;
import io.metaxy.config.Metaxy;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.SystemColumns;
import io.metaxy.ports.store.DeleteOptions;
import io.metaxy.ports.store.Increment;
import io.metaxy.ports.store.MetadataStore;
import io.metaxy.ports.store.ReadOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs the video pipeline three times against the default embedded store ({@code .metaxy/} in the
 * working directory) and prints what each run computed: run 1 everything, run 2 nothing, run 3
 * (after bumping the code version of {@code video.audio}) only what depends on audio.
 */
public final class Quickstart {
  /** Number of generated videos. */
  public static final int VIDEOS = 5;

  /** What one run computed, per feature, and for crop which fields changed per sample. */
  public record RunReport(
      String title, Map<FeatureKey, Integer> computed, Map<String, List<String>> cropChanges) {}

  private Quickstart() {}

  public static void main(String[] args) {
    run(Path.of(System.getProperty("user.dir")), Map.of(), System.out);
  }

  /** Runs the three runs in {@code workingDir}, printing the report to {@code out}. */
  public static List<RunReport> run(Path workingDir, Map<String, String> env, PrintStream out) {
    ConfigLoader loader = ConfigLoader.of(env, workingDir);
    String storeDescription;
    try (MetaxyContext mx = init(loader, "1")) {
      MetadataStore store = mx.defaultStore();
      storeDescription = describe(mx);
      for (FeatureKey f : List.of(STT, FACE_DETECTION, CROP, VIDEO)) {
        // start from an empty store on every demo run
        store.delete(f, DeleteOptions.drop()); // every feature version, not only the current one
      }
    }
    List<RunReport> runs = new ArrayList<>();
    runs.add(pipelineRun(loader, "1", "run 1: first run"));
    runs.add(pipelineRun(loader, "1", "run 2: nothing changed"));
    runs.add(pipelineRun(loader, "2", "run 3: audio code v1 -> v2"));
    print(out, storeDescription, runs);
    return runs;
  }

  /**
   * The configuration's store and settings with the features of this run. Entry points of a {@code
   * metaxy.toml} are ignored: the repository root's one lists the definitions of the last run for
   * the CLI, while each run here defines its features in code.
   */
  private static MetaxyContext init(ConfigLoader loader, String audioCodeVersion) {
    Metaxy.Builder b =
        Metaxy.builder().config(loader.load().toBuilder().entrypoints(List.of()).build());
    VideoPipeline.features(audioCodeVersion).forEach(b::feature);
    return b.init();
  }

  private static String describe(MetaxyContext mx) {
    var sc = mx.config().store(mx.config().defaultStore());
    Object path = sc.config().get("path");
    return sc.type()
        + (path == null ? "" : " " + mx.config().baseDir().relativize(Path.of(path.toString())));
  }

  private static RunReport pipelineRun(ConfigLoader loader, String audioCodeVersion, String title) {
    List<Row> videos = generateVideos(audioCodeVersion);
    try (MetaxyContext mx = init(loader, audioCodeVersion)) {
      MetadataStore store = mx.defaultStore();
      Map<String, Map<String, String>> cropBefore = previousProvenance(store, CROP);
      Map<FeatureKey, Increment.Materialized> work =
          VideoPipeline.run(store, videos, Quickstart::compute);
      Map<FeatureKey, Integer> computed = new LinkedHashMap<>();
      work.forEach((k, inc) -> computed.put(k, inc.toCompute().size()));
      Map<String, List<String>> cropChanges = new TreeMap<>();
      for (Row r : work.get(CROP).toCompute()) {
        Map<String, String> before = cropBefore.get(r.getString("video_id"));
        Map<String, String> now = r.getMap(SystemColumns.PROVENANCE_BY_FIELD);
        List<String> changed = new ArrayList<>();
        for (String field : new java.util.TreeSet<>(now.keySet())) {
          if (before == null || !now.get(field).equals(before.get(field))) {
            changed.add(field);
          }
        }
        cropChanges.put(r.getString("video_id"), changed);
      }
      return new RunReport(title, computed, cropChanges);
    }
  }

  /** Latest stored provenance per field of every sample of {@code feature}, any feature version. */
  private static Map<String, Map<String, String>> previousProvenance(
      MetadataStore store, FeatureKey feature) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    try (Stream<Row> rows = store.read(feature, ReadOptions.defaults().withAllFeatureVersions())) {
      rows.sorted(
              java.util.Comparator.comparing(
                  (Row r) -> String.valueOf(r.get(SystemColumns.UPDATED_AT))))
          .forEach(
              r -> out.put(r.getString("video_id"), r.getMap(SystemColumns.PROVENANCE_BY_FIELD)));
    }
    return out;
  }

  /**
   * Small generated data: per video, the provenance of its frames and of its audio track. The audio
   * track is extracted by code at {@code audioCodeVersion}, so its provenance depends on it.
   */
  static List<Row> generateVideos(String audioCodeVersion) {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= VIDEOS; i++) {
      String id = "video_" + i;
      rows.add(
          Row.of(
              "video_id",
              id,
              SystemColumns.PROVENANCE_BY_FIELD,
              Map.of(
                  "audio",
                  sha("audio of " + id + " extracted by v" + audioCodeVersion),
                  "frames",
                  sha("frames of " + id))));
    }
    return rows;
  }

  /** The "work": a result column per feature, derived from the sample. */
  static Row compute(FeatureKey feature, Row sample) {
    String id = sample.getString("video_id");
    if (feature.equals(VIDEO)) {
      return sample.with("path", "s3://videos/" + id + ".mp4");
    }
    if (feature.equals(CROP)) {
      return sample.with("crop_path", "s3://crops/" + id + ".mp4");
    }
    if (feature.equals(FACE_DETECTION)) {
      return sample.with("faces", (long) (Math.abs(id.hashCode()) % 4));
    }
    return sample.with("transcript", "transcript of " + id);
  }

  private static String sha(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void print(PrintStream out, String store, List<RunReport> runs) {
    List<FeatureKey> cols = List.of(VIDEO, CROP, FACE_DETECTION, STT);
    out.println();
    out.println(
        "Metaxy quickstart: " + VIDEOS + " videos, store " + store + " - samples computed per run");
    out.println();
    StringBuilder header = new StringBuilder(String.format("%-36s", ""));
    for (FeatureKey k : cols) {
      header.append(String.format("%16s", k.parts().get(k.parts().size() - 1)));
    }
    out.println(header);
    for (RunReport r : runs) {
      StringBuilder line = new StringBuilder(String.format("%-36s", r.title()));
      for (FeatureKey k : cols) {
        int n = r.computed().getOrDefault(k, 0);
        line.append(String.format("%16s", n == 0 ? "-" : Integer.toString(n)));
      }
      out.println(line);
    }
    RunReport last = runs.get(runs.size() - 1);
    out.println();
    Map<List<String>, List<String>> byFields = new LinkedHashMap<>();
    last.cropChanges()
        .forEach((id, f) -> byFields.computeIfAbsent(f, x -> new ArrayList<>()).add(id));
    byFields.forEach(
        (fields, ids) ->
            out.println(
                "run 3, crop: fields changed " + fields + " for " + String.join(", ", ids)));
    out.println("run 3, face_detection: skipped - it reads only crop.frames, which did not change");
    out.println("run 3, stt: recomputed - transcription reads video.audio");
    out.println();
  }

  /** For tests: the features of the pipeline at a given audio code version. */
  static List<FeatureSpec> features(String audioCodeVersion) {
    return VideoPipeline.features(audioCodeVersion);
  }
}
