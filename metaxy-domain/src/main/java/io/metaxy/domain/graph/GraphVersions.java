package io.metaxy.domain.graph;

import io.metaxy.domain.hash.Sha256;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Graph-level versions (§2): field, feature, feature code and snapshot versions, plus the
 * audit-only spec version. Pure functions of the definitions; computed in one pass over the
 * topological order, so the cost is linear in the graph whatever its depth.
 */
public final class GraphVersions {
  private final FeatureGraph graph;
  private final Truncation truncation;
  private final Map<FieldRef, String> fieldVersions;
  private final Map<FeatureKey, String> featureVersions;
  private final String snapshotVersion;
  private final Map<FeatureKey, String> codeVersions = new ConcurrentHashMap<>();
  private final Map<FeatureKey, String> specVersions = new ConcurrentHashMap<>();

  GraphVersions(FeatureGraph graph, Truncation truncation) {
    this.graph = graph;
    this.truncation = truncation;
    Map<FieldRef, String> fv = new HashMap<>();
    Map<FeatureKey, String> features = new LinkedHashMap<>();
    for (FeatureSpec spec : graph.features()) {
      for (FieldSpec f : spec.fields()) {
        FieldRef ref = new FieldRef(spec.key(), f.key());
        Sha256 h = Sha256.start().update(ref.toString()).update(f.codeVersion());
        for (FieldRef p : graph.parentFields(ref)) {
          h.update(fv.get(p));
        }
        fv.put(ref, truncation.apply(h.hex()));
      }
      List<FieldSpec> sorted = new ArrayList<>(spec.fields());
      sorted.sort(Comparator.comparing(f -> f.key().toString()));
      Sha256 h = Sha256.start();
      for (FieldSpec f : sorted) {
        h.update(f.key().toString()).update(fv.get(new FieldRef(spec.key(), f.key())));
      }
      features.put(spec.key(), truncation.apply(h.hex()));
    }
    this.fieldVersions = Collections.unmodifiableMap(fv);
    this.featureVersions = Collections.unmodifiableMap(features);
    if (graph.isEmpty()) {
      this.snapshotVersion = "empty";
    } else {
      List<FeatureKey> keys = new ArrayList<>(features.keySet());
      keys.sort(FeatureKey.BY_PARTS);
      Sha256 h = Sha256.start();
      for (FeatureKey k : keys) {
        h.update(k.toString()).update(features.get(k));
      }
      this.snapshotVersion = truncation.apply(h.hex());
    }
  }

  public Truncation truncation() {
    return truncation;
  }

  public String fieldVersion(FieldRef field) {
    String v = fieldVersions.get(field);
    if (v == null) {
      graph.parentFields(field); // throws a precise not-found error
    }
    return v;
  }

  public String fieldVersion(FeatureKey feature, FieldKey field) {
    return fieldVersion(new FieldRef(feature, field));
  }

  /** Field versions of one feature, keyed by field key string, sorted. */
  public Map<String, String> fieldVersions(FeatureKey feature) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (FieldSpec f : graph.get(feature).fields()) {
      out.put(f.key().toString(), fieldVersions.get(new FieldRef(feature, f.key())));
    }
    return out;
  }

  public String featureVersion(FeatureKey feature) {
    graph.get(feature);
    return featureVersions.get(feature);
  }

  /** Hash of the feature's own field keys and code versions only (no deps). */
  public String featureCodeVersion(FeatureKey feature) {
    return codeVersions.computeIfAbsent(
        feature,
        k -> {
          List<FieldSpec> sorted = new ArrayList<>(graph.get(k).fields());
          sorted.sort(Comparator.comparing(f -> f.key().toString()));
          Sha256 h = Sha256.start();
          for (FieldSpec f : sorted) {
            h.update(f.key().toString()).update(f.codeVersion());
          }
          return truncation.apply(h.hex());
        });
  }

  /** Hash of the canonical JSON of the spec; recorded for audit, not used for staleness. */
  public String specVersion(FeatureKey feature) {
    return specVersions.computeIfAbsent(
        feature,
        k -> truncation.apply(Sha256.start().update(SpecJson.canonical(graph.get(k))).hex()));
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
