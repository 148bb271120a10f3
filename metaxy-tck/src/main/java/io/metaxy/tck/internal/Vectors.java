package io.metaxy.tck.internal;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.json.DefinitionsCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared test vectors ({@code video-pipeline.*.json}), loaded from the kit's class path: the
 * video pipeline definitions, its expected graph versions and per-row provenance.
 */
public final class Vectors {
  private static final String BASE = "/io/metaxy/tck/vectors/";

  /** Section of the expected file with the original graph at truncation 8. */
  public static final String GRAPH = "graph_trunc_8";

  /** Section of the expected file with the original graph, untruncated. */
  public static final String GRAPH_UNTRUNCATED = "graph_untruncated";

  /** Section with {@code example/video.audio} at code version 2. */
  public static final String AUDIO_CODE_VERSION_2 = "audio_code_version_2_trunc_8";

  private static volatile Map<String, Object> expected;

  private Vectors() {}

  /** One expected row of the vectors: a downstream row of an identity dependency. */
  public record RowVector(
      String feature,
      HashAlgorithm algorithm,
      String videoId,
      Map<String, String> upstreamDataVersionByField,
      Map<String, String> provenanceByField,
      String provenance) {}

  /** The video pipeline definitions document as text. */
  public static String definitionsJson() {
    return resource("video-pipeline.definitions.json");
  }

  /** The video pipeline graph. */
  public static FeatureGraph videoGraph() {
    return DefinitionsCodec.readGraph(definitionsJson());
  }

  /** The expected feature version of {@code feature} in {@code section}. */
  public static String featureVersion(String section, String feature) {
    return (String) features(section, feature).get("feature_version");
  }

  /** The expected snapshot version of {@code section}. */
  public static String snapshotVersion(String section) {
    return (String) section(section).get("snapshot_version");
  }

  /** Every expected row, in file order. */
  @SuppressWarnings("unchecked")
  public static List<RowVector> rows() {
    List<RowVector> out = new ArrayList<>();
    for (Object o : (List<Object>) expected().get("rows")) {
      Map<String, Object> r = (Map<String, Object>) o;
      Map<String, Map<String, String>> upstream =
          (Map<String, Map<String, String>>) r.get("upstream_data_version_by_field");
      out.add(
          new RowVector(
              (String) r.get("feature"),
              HashAlgorithm.fromConfigName((String) r.get("hash_algorithm")),
              (String) r.get("video_id"),
              Map.copyOf(upstream.get("example/video")),
              Map.copyOf((Map<String, String>) r.get("provenance_by_field")),
              (String) r.get("provenance")));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(String name) {
    Object s = expected().get(name);
    if (s == null) {
      throw new IllegalArgumentException("No section " + name + " in the expected vectors");
    }
    return (Map<String, Object>) s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> features(String section, String feature) {
    Map<String, Object> all = (Map<String, Object>) section(section).get("features");
    Object f = all.get(feature);
    if (f == null) {
      throw new IllegalArgumentException("No feature " + feature + " in section " + section);
    }
    return (Map<String, Object>) f;
  }

  private static Map<String, Object> expected() {
    Map<String, Object> e = expected;
    if (e == null) {
      e = DefinitionsCodec.parseObject(resource("video-pipeline.expected.json"), "vectors");
      expected = e;
    }
    return e;
  }

  private static String resource(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("Missing kit resource " + BASE + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
