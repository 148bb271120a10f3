package io.metaxy.adapter.ebean.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.Map;
import java.util.TreeMap;

/** Per-field maps as JSON text with keys in struct-key (string) order. */
public final class JsonMaps {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> TYPE = new TypeReference<>() {};
  private static final ObjectReader READER = MAPPER.readerFor(TYPE);

  private JsonMaps() {}

  public static String write(Map<String, String> map) {
    if (map == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(new TreeMap<>(map));
    } catch (JsonProcessingException e) {
      throw new MetaxyException(ErrorCode.STORE_FAILURE, "Cannot encode map " + map, e);
    }
  }

  public static Map<String, String> read(String json) {
    if (json == null) {
      return null;
    }
    try {
      return READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new MetaxyException(
          ErrorCode.STORE_FAILURE, "A stored per-field map is not valid JSON: " + json, e);
    }
  }
}
