package io.metaxy.benchmarks;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark feature graph and its deterministic data. Sample {@code i} of root {@code r} has, for
 * field {@code f}, the data version {@code f[0] + r + "x" + i}; a changed sample has {@code "y"}
 * instead of {@code "x"}. In the stale phase exactly the samples with {@code i % 10 == 3} get a new
 * audio data version on the first root.
 */
public enum Scenario {
  /** One root (audio, frames) → a leaf with one field depending on both. */
  SIMPLE(
      List.of(root("bench/video", "audio", "frames")),
      FeatureSpec.builder("bench/embedding")
          .idColumns(Scenario.ID)
          .dependsOn("bench/video")
          .field(
              FieldSpec.builder("embedding")
                  .codeVersion("1")
                  .dependsOn("bench/video", "audio", "frames")
                  .build())
          .build()),
  /** Two roots with four fields each → a leaf with two fields, each joining both roots. */
  WIDE(
      List.of(
          root("bench/left", "audio", "frames", "captions", "depth"),
          root("bench/right", "audio", "frames", "captions", "depth")),
      FeatureSpec.builder("bench/fusion")
          .idColumns(Scenario.ID)
          .dependsOn("bench/left")
          .dependsOn("bench/right")
          .field(
              FieldSpec.builder("x")
                  .codeVersion("1")
                  .dependsOn("bench/left", "audio", "frames")
                  .dependsOn("bench/right", "audio", "frames")
                  .build())
          .field(
              FieldSpec.builder("y")
                  .codeVersion("1")
                  .dependsOn("bench/left", "captions", "depth")
                  .dependsOn("bench/right", "captions", "depth")
                  .build())
          .build());

  /** The ID column of every benchmark feature (a BIGINT). */
  public static final String ID = "sample_uid";

  /** The root field whose data version changes in the stale phase (on the first root). */
  public static final String CHANGED_FIELD = "audio";

  private final List<FeatureSpec> roots;
  private final FeatureSpec leaf;
  private final FeatureGraph graph;

  Scenario(List<FeatureSpec> roots, FeatureSpec leaf) {
    this.roots = roots;
    this.leaf = leaf;
    List<FeatureSpec> all = new ArrayList<>(roots);
    all.add(leaf);
    this.graph = FeatureGraph.of(all);
  }

  private static FeatureSpec root(String key, String... fields) {
    FeatureSpec.Builder b = FeatureSpec.builder(key).idColumns(ID);
    for (String f : fields) {
      b.field(f, "1");
    }
    return b.build();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public FeatureGraph graph() {
    return graph;
  }

  public List<FeatureSpec> roots() {
    return roots;
  }

  public FeatureSpec leaf() {
    return leaf;
  }

  public FeatureKey leafKey() {
    return leaf.key();
  }

  /** Struct keys of a root's fields, in declaration order. */
  public List<String> rootFields(int root) {
    return roots.get(root).fields().stream().map(f -> f.key().structKey()).toList();
  }

  /** Whether sample {@code id} is changed in the stale phase. */
  public static boolean isChanged(long id) {
    return id % 10 == 3;
  }

  /** Number of changed samples among {@code 0..n-1}. */
  public static long changedCount(long n) {
    return n / 10 + (n % 10 > 3 ? 1 : 0);
  }

  /** The prefix of a data version: field initial, root index, generation marker. */
  public static String prefix(int root, String field, boolean changed) {
    return field.charAt(0) + Integer.toString(root) + (changed ? "y" : "x");
  }

  /** Whether the field of root {@code root} is the one that changes in the stale phase. */
  public static boolean isChangedField(int root, String field) {
    return root == 0 && CHANGED_FIELD.equals(field);
  }

  /** The data version of a root field of sample {@code id} in generation {@code changed}. */
  public static String value(int root, String field, long id, boolean changed) {
    return prefix(root, field, changed && isChangedField(root, field)) + id;
  }

  /** Plan of one leaf field: struct key, hash-input prefix and parents sorted by string. */
  public record LeafField(String structKey, String prefix, List<FieldRef> parents) {}

  /** The leaf's fields ordered by struct key (the order of the provenance hash input). */
  public List<LeafField> leafFields() {
    List<LeafField> out = new ArrayList<>();
    for (FieldSpec f : leaf.fields()) {
      List<FieldRef> parents =
          new ArrayList<>(graph.parentFields(new FieldRef(leaf.key(), f.key())));
      parents.sort(Comparator.comparing(FieldRef::toString));
      out.add(new LeafField(f.key().structKey(), f.key() + "|" + f.codeVersion(), parents));
    }
    out.sort(Comparator.comparing(LeafField::structKey));
    return out;
  }

  /** Index of a root feature in {@link #roots()}. */
  public int rootIndex(FeatureKey key) {
    for (int i = 0; i < roots.size(); i++) {
      if (roots.get(i).key().equals(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a root of " + this + ": " + key);
  }

  /** The current feature version of a feature (truncation 8). */
  public String featureVersion(FeatureKey key) {
    return graph.versions().featureVersion(key);
  }
}
