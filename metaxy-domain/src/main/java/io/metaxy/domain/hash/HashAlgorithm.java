package io.metaxy.domain.hash;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.MetaxyException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Row-level hash algorithms. {@code md5} and {@code sha256} produce lowercase hex; {@code xxhash64}
 * and {@code xxhash32} (seed 0) the unsigned result in decimal.
 */
public enum HashAlgorithm {
  MD5("md5"),
  SHA256("sha256"),
  XXHASH64("xxhash64"),
  XXHASH32("xxhash32");

  private final String configName;

  HashAlgorithm(String configName) {
    this.configName = configName;
  }

  /** The name used in configuration, e.g. {@code md5}. */
  public String configName() {
    return configName;
  }

  /** Parses a configuration name (case-insensitive). */
  public static HashAlgorithm fromConfigName(String name) {
    for (HashAlgorithm a : values()) {
      if (a.configName.equalsIgnoreCase(name == null ? "" : name.trim())) {
        return a;
      }
    }
    throw new MetaxyException(
        ErrorCode.UNSUPPORTED_HASH_ALGORITHM,
        "Unknown hash_algorithm \""
            + name
            + "\": use one of "
            + Arrays.stream(values()).map(a -> a.configName).collect(Collectors.joining(", "))
            + ".");
  }

  @Override
  public String toString() {
    return configName.toLowerCase(Locale.ROOT);
  }
}
