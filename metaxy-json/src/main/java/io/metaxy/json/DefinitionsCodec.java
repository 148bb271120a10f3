package io.metaxy.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metaxy.domain.error.InvalidDefinitionsException;
import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes feature definitions in the JSON form of §7 ({@code {"features": [...]}}) and
 * single specs as stored in snapshots. Jackson parses the text; the shape, defaults and
 * unknown-member checks live in the domain's {@link SpecJson}.
 */
public final class DefinitionsCodec {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private DefinitionsCodec() {}

  /** Parses a definitions document into specs (document order). */
  public static List<FeatureSpec> readSpecs(String json) {
    return SpecJson.fromDocument(parse(json, "definitions"));
  }

  /**
   * The column schemas of a definitions document ({@code feature_schemas}: key → JSON schema), for
   * definition and project versions; empty when the document has none.
   */
  public static Map<FeatureKey, Map<String, Object>> readSchemas(String json) {
    return SpecJson.schemasOf(parse(json, "definitions"));
  }

  /** Parses a definitions document and builds the validated graph. */
  public static FeatureGraph readGraph(String json) {
    return FeatureGraph.of(readSpecs(json));
  }

  /** Reads a definitions file. */
  public static FeatureGraph readGraph(Path file) {
    try {
      return FeatureGraph.of(SpecJson.fromDocument(parse(Files.readString(file), file.toString())));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read definitions file " + file, e);
    }
  }

  /** Parses one feature spec object (the {@code feature_spec} column of a snapshot). */
  public static FeatureSpec readSpec(String json) {
    return SpecJson.fromTree(parse(json, "feature spec"));
  }

  /** Writes specs as a pretty-printed definitions document. */
  public static String write(List<FeatureSpec> specs) {
    return writeTree(SpecJson.toDocument(specs));
  }

  /** Writes the graph's features in topological order. */
  public static String write(FeatureGraph graph) {
    return write(graph.features());
  }

  /** Writes one spec as compact canonical JSON (sorted keys). */
  public static String writeSpec(FeatureSpec spec) {
    return SpecJson.canonical(spec);
  }

  /** Pretty-prints any JSON tree (maps, lists, scalars). */
  public static String writeTree(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise JSON tree", e);
    }
  }

  /** Parses any JSON text into a tree of maps, lists and scalars. */
  public static Object parse(String json, String what) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new InvalidDefinitionsException(
          List.of(
              what
                  + ": not valid JSON at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ": "
                  + e.getOriginalMessage()));
    }
  }

  /** Parses a JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String json, String what) {
    Object o = parse(json, what);
    if (o instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new InvalidDefinitionsException(List.of(what + ": expected a JSON object"));
  }
}
