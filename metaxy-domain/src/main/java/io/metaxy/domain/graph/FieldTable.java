package io.metaxy.domain.graph;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An index of every field of a {@link FeatureGraph}, numbered in topological order, with the hash
 * inputs of docs/semantics.md §2 precomputed as bytes and parent fields as indices. {@link
 * GraphVersions} walks it once per truncation setting: one pass, no map look-ups per parent, so the
 * cost stays linear and small whatever the depth of the graph.
 */
final class FieldTable {
  /** Every field, upstream features first; each feature's fields in declaration order. */
  final FieldRef[] refs;

  /** UTF-8 bytes of {@code "feature.field"}. */
  final byte[][] refBytes;

  /** UTF-8 bytes of each field's code version. */
  final byte[][] codeBytes;

  /** UTF-8 bytes of each field's key string (feature-version input). */
  final byte[][] fieldKeyBytes;

  /** Parent field indices, in the order of {@link FeatureGraph#parentFields}. */
  final int[][] parents;

  /** Features in topological order. */
  final FeatureKey[] features;

  /** UTF-8 bytes of each feature's key string (snapshot-version input). */
  final byte[][] featureKeyBytes;

  /** Per feature: its field indices sorted by field key string. */
  final int[][] featureFieldsSorted;

  /** Feature indices sorted by key parts (snapshot order). */
  final int[] snapshotOrder;

  private final Map<FieldRef, Integer> index;
  private final Map<FeatureKey, Integer> featureIndex;

  FieldTable(
      List<FeatureKey> order,
      Map<FeatureKey, FeatureSpec> specs,
      Map<FieldRef, List<FieldRef>> parentRefs) {
    int n = 0;
    for (FeatureKey k : order) {
      n += specs.get(k).fields().size();
    }
    refs = new FieldRef[n];
    refBytes = new byte[n][];
    codeBytes = new byte[n][];
    fieldKeyBytes = new byte[n][];
    parents = new int[n][];
    features = order.toArray(new FeatureKey[0]);
    featureKeyBytes = new byte[features.length][];
    featureFieldsSorted = new int[features.length][];
    index = new HashMap<>(Math.max(16, n * 2));
    featureIndex = new HashMap<>(Math.max(16, features.length * 2));
    int i = 0;
    for (int f = 0; f < features.length; f++) {
      FeatureKey key = features[f];
      featureIndex.put(key, f);
      featureKeyBytes[f] = utf8(key.toString());
      List<FieldSpec> fields = specs.get(key).fields();
      Integer[] own = new Integer[fields.size()];
      for (int j = 0; j < fields.size(); j++) {
        FieldSpec field = fields.get(j);
        FieldRef ref = new FieldRef(key, field.key());
        refs[i] = ref;
        refBytes[i] = utf8(ref.toString());
        codeBytes[i] = utf8(field.codeVersion());
        fieldKeyBytes[i] = utf8(field.key().toString());
        index.put(ref, i);
        own[j] = i;
        i++;
      }
      Arrays.sort(own, Comparator.comparing(x -> refs[x].field().toString()));
      featureFieldsSorted[f] = Arrays.stream(own).mapToInt(Integer::intValue).toArray();
    }
    for (int x = 0; x < n; x++) {
      List<FieldRef> ps = parentRefs.get(refs[x]);
      int[] idx = new int[ps.size()];
      for (int p = 0; p < idx.length; p++) {
        idx[p] = indexViaFeature(ps.get(p)); // upstream fields always have a smaller index
      }
      parents[x] = idx;
    }
    List<Integer> snap = new ArrayList<>(features.length);
    for (int f = 0; f < features.length; f++) {
      snap.add(f);
    }
    snap.sort((a, b) -> FeatureKey.BY_PARTS.compare(features[a], features[b]));
    snapshotOrder = snap.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Looks a field up through its feature (a small map) and a scan of that feature's fields. */
  private int indexViaFeature(FieldRef ref) {
    int[] own = featureFieldsSorted[featureIndex.get(ref.feature())];
    for (int i : own) {
      if (refs[i].field().equals(ref.field())) {
        return i;
      }
    }
    throw new IllegalStateException("unresolved parent field " + ref);
  }

  int size() {
    return refs.length;
  }

  /** Index of a field, or -1. */
  int indexOf(FieldRef ref) {
    Integer i = index.get(ref);
    return i == null ? -1 : i;
  }

  /** Index of a feature in topological order, or -1. */
  int indexOf(FeatureKey key) {
    Integer i = featureIndex.get(key);
    return i == null ? -1 : i;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
