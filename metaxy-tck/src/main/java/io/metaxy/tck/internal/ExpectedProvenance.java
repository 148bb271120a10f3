package io.metaxy.tck.internal;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.hash.HashAlgorithm;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The kit's own implementation of the record-level provenance formulas (docs/semantics.md §3) for
 * md5 and sha256 at truncation 8, written independently of any engine so the kit is an oracle. It
 * is checked against the shared vectors by the kit module's own tests.
 */
public final class ExpectedProvenance {
  private static final int LENGTH = 8;

  private ExpectedProvenance() {}

  /** {@code trunc(HASH(text))} for md5 or sha256 (lowercase hex). */
  public static String hash(HashAlgorithm algorithm, String text) {
    return hashFull(algorithm, text).substring(0, LENGTH);
  }

  /** The untruncated {@code HASH(text)} for md5 or sha256 (lowercase hex). */
  public static String hashFull(HashAlgorithm algorithm, String text) {
    String name =
        switch (algorithm) {
          case MD5 -> "MD5";
          case SHA256 -> "SHA-256";
          default ->
              throw new IllegalArgumentException("The kit's oracle only computes md5 and sha256");
        };
    try {
      byte[] d = MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Expected {@code metaxy_provenance_by_field} of one row of {@code feature}, given the upstream
   * data version of each parent field ({@code "feature.field"} → data version; a missing entry
   * counts as {@code ""}, as for an absent optional dep).
   */
  public static Map<String, String> byField(
      FeatureGraph graph,
      FeatureKey feature,
      Map<String, String> upstreamDataVersions,
      HashAlgorithm algorithm) {
    FeatureSpec spec = graph.get(feature);
    Map<String, String> out = new TreeMap<>();
    for (FieldSpec f : spec.fields()) {
      StringBuilder s = new StringBuilder(f.key().toString()).append('|').append(f.codeVersion());
      List<FieldRef> parents = graph.parentFields(feature, f.key());
      for (FieldRef p : parents.stream().sorted().toList()) {
        s.append('|')
            .append(p)
            .append('|')
            .append(upstreamDataVersions.getOrDefault(p.toString(), ""));
      }
      out.put(f.key().structKey(), hash(algorithm, s.toString()));
    }
    return out;
  }

  /** Expected {@code metaxy_provenance} (or data version) of per-field values. */
  public static String combined(Map<String, String> byField, HashAlgorithm algorithm) {
    String joined = new TreeMap<>(byField).values().stream().collect(Collectors.joining("|"));
    return hash(algorithm, joined);
  }
}
