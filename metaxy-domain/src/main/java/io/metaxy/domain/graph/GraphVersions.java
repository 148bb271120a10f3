package io.metaxy.domain.graph;

import io.metaxy.domain.hash.Sha256;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.json.CanonicalJson;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FieldSpec;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Graph-level versions (docs/semantics.md §2): field, feature, feature code and snapshot versions,
 * plus the audit-only spec version. Pure functions of the definitions; computed in one pass over
 * the graph's fields in topological order (each field version is computed once and fed, already
 * truncated, to its children), so the cost is linear in the graph whatever its depth.
 */
public final class GraphVersions {
  private final FeatureGraph graph;
  private final Truncation truncation;
  private final FieldTable table;
  private final String[] fieldVersions;
  private final String[] featureVersionByIndex;
  private final Map<FeatureKey, String> featureVersions;
  private final String snapshotVersion;
  private volatile String defaultProjectVersion;
  private final String[] codeVersionByIndex;
  private final Map<FeatureKey, String> specVersions = new ConcurrentHashMap<>();

  GraphVersions(FeatureGraph graph, Truncation truncation) {
    this.graph = graph;
    this.truncation = truncation;
    this.table = graph.fieldTable();
    FieldTable t = table;
    Sha256 h = Sha256.start(); // hex() resets it, so one hasher serves every version
    int n = t.size();
    String[] fv = new String[n];
    byte[][] fvBytes = new byte[n][];
    for (int i = 0; i < n; i++) {
      h.update(t.refBytes[i]).update(t.codeBytes[i]);
      for (int p : t.parents[i]) {
        h.update(fvBytes[p]);
      }
      fv[i] = truncation.apply(h.hex());
      fvBytes[i] = fv[i].getBytes(StandardCharsets.US_ASCII);
    }
    String[] features = new String[t.features.length];
    String[] codes = new String[features.length];
    byte[][] featureBytes = new byte[features.length][];
    Map<FeatureKey, String> byKey = new LinkedHashMap<>(Math.max(16, features.length * 2));
    for (int f = 0; f < features.length; f++) {
      for (int i : t.featureFieldsSorted[f]) {
        h.update(t.fieldKeyBytes[i]).update(fvBytes[i]);
      }
      features[f] = truncation.apply(h.hex());
      featureBytes[f] = features[f].getBytes(StandardCharsets.US_ASCII);
      byKey.put(t.features[f], features[f]);
      for (int i : t.featureFieldsSorted[f]) {
        h.update(t.fieldKeyBytes[i]).update(t.codeBytes[i]);
      }
      codes[f] = truncation.apply(h.hex());
    }
    if (features.length == 0) {
      this.snapshotVersion = "empty";
    } else {
      for (int f : t.snapshotOrder) {
        h.update(t.featureKeyBytes[f]).update(featureBytes[f]);
      }
      this.snapshotVersion = truncation.apply(h.hex());
    }
    this.fieldVersions = fv;
    this.featureVersionByIndex = features;
    this.codeVersionByIndex = codes;
    this.featureVersions = Collections.unmodifiableMap(byKey);
  }

  public Truncation truncation() {
    return truncation;
  }

  public String fieldVersion(FieldRef field) {
    int i = table.indexOf(field);
    if (i < 0) {
      graph.parentFields(field); // throws a precise not-found error
    }
    return fieldVersions[i];
  }

  public String fieldVersion(FeatureKey feature, FieldKey field) {
    return fieldVersion(new FieldRef(feature, field));
  }

  /** Field versions of one feature, keyed by field key string, sorted. */
  public Map<String, String> fieldVersions(FeatureKey feature) {
    Map<String, String> out = new TreeMap<>();
    for (FieldSpec f : graph.get(feature).fields()) {
      out.put(f.key().toString(), fieldVersions[table.indexOf(new FieldRef(feature, f.key()))]);
    }
    return out;
  }

  public String featureVersion(FeatureKey feature) {
    int i = table.indexOf(feature);
    if (i < 0) {
      graph.get(feature); // throws a precise not-found error
    }
    return featureVersionByIndex[i];
  }

  /** Hash of the feature's own field keys and code versions only (no deps). */
  public String featureCodeVersion(FeatureKey feature) {
    int i = table.indexOf(feature);
    if (i < 0) {
      graph.get(feature); // throws a precise not-found error
    }
    return codeVersionByIndex[i];
  }

  /** Hash of the canonical JSON of the spec; recorded for audit, not used for staleness. */
  public String specVersion(FeatureKey feature) {
    return specVersions.computeIfAbsent(
        feature,
        k -> truncation.apply(Sha256.start().update(SpecJson.canonical(graph.get(k))).hex()));
  }

  /**
   * The definition version of a feature: a hash of its spec version and the canonical JSON of its
   * column schema ({@code schema}; Python Metaxy records the Pydantic JSON schema of the feature
   * class there, and an empty object for features defined without a class). Audit only, like the
   * spec version; it feeds {@link #projectVersion(Map)}.
   */
  public String definitionVersion(FeatureKey feature, Map<String, Object> schema) {
    return truncation.apply(
        Sha256.start()
            .update(specVersion(feature))
            .update(CanonicalJson.write(schema == null ? Map.of() : schema))
            .hex());
  }

  /**
   * The project version of the graph's features: a hash of every feature key (in key-part order)
   * followed by its {@link #definitionVersion definition version}; {@code empty} for an empty
   * graph. {@code schemas} gives each feature's column schema; a feature without an entry has the
   * empty schema {@code {}}.
   */
  public String projectVersion(Map<FeatureKey, Map<String, Object>> schemas) {
    if (table.features.length == 0) {
      return "empty";
    }
    Sha256 h = Sha256.start();
    for (int f : table.snapshotOrder) {
      FeatureKey k = table.features[f];
      h.update(k.toString()).update(definitionVersion(k, schemas.get(k)));
    }
    return truncation.apply(h.hex());
  }

  /**
   * The project version of the graph with every feature's schema empty ({@code {}}), as Python
   * Metaxy computes it for features defined without a class; rows record it in {@code
   * metaxy_project_version}.
   */
  public String projectVersion() {
    String v = defaultProjectVersion;
    if (v == null) {
      v = projectVersion(Map.of());
      defaultProjectVersion = v;
    }
    return v;
  }

  /** The snapshot version of the whole graph ({@code empty} for an empty graph). */
  public String snapshotVersion() {
    return snapshotVersion;
  }

  /** Every feature version, in topological order. */
  public Map<FeatureKey, String> featureVersions() {
    return featureVersions;
  }
}
