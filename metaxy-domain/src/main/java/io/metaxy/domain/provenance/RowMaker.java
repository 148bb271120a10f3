package io.metaxy.domain.provenance;

import io.metaxy.domain.hash.HashKernel;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.row.Row;
import io.metaxy.domain.spec.SystemColumns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns joined rows into hashed output rows for one target. Single-threaded: each worker thread
 * takes its own (its {@link HashKernel} and layout cache are reused row after row); the {@link
 * Plan} it works from is shared and immutable.
 */
final class RowMaker {
  /** Beyond this many distinct joined-row layouts, layouts are computed per row. */
  private static final int MAX_LAYOUTS = 32;

  /** The per-target hashing recipe, shared by every worker. */
  static final class Plan {
    final JoinPlan join;
    final Truncation truncation;
    final String[] structKeys; // the per-field map's keys, shared by every output row
    final byte[][] prefixes; // UTF-8 of "field|codeVersion"
    final byte[][][] labels; // per field, per parent: UTF-8 of "|feature.field|"
    final String[][] parentKeys; // per field, per parent: the parent field's struct key
    final int[][][]
        parentRels; // per field, per parent: relations of its feature, last merged first

    Plan(JoinPlan join, Truncation truncation, List<ProvenanceEngine.FieldPlan> fields) {
      this.join = join;
      this.truncation = truncation;
      int n = fields.size();
      structKeys = new String[n];
      prefixes = new byte[n][];
      labels = new byte[n][][];
      parentKeys = new String[n][];
      parentRels = new int[n][][];
      for (int i = 0; i < n; i++) {
        ProvenanceEngine.FieldPlan f = fields.get(i);
        structKeys[i] = Row.canonicalFieldKey(f.structKey());
        prefixes[i] = utf8(f.prefix());
        int m = f.parents().size();
        labels[i] = new byte[m][];
        parentKeys[i] = new String[m];
        parentRels[i] = new int[m][];
        for (int p = 0; p < m; p++) {
          ProvenanceEngine.Parent parent = f.parents().get(p);
          labels[i][p] =
              utf8(ProvenanceEngine.SEPARATOR + parent.label() + ProvenanceEngine.SEPARATOR);
          parentKeys[i][p] = Row.canonicalFieldKey(parent.structKey());
          parentRels[i][p] = relationsOf(join, parent.ref().feature());
        }
      }
    }

    private static int[] relationsOf(JoinPlan join, FeatureKey feature) {
      int[] order = join.mergeOrder();
      List<Integer> out = new ArrayList<>();
      for (int k = order.length - 1; k >= 0; k--) {
        if (join.rels().get(order[k]).feature().equals(feature)) {
          out.add(order[k]);
        }
      }
      return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static byte[] utf8(String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Where the output columns of joined rows of one slot layout come from. */
  private static final class Recipe {
    final Object[] signature; // per relation: its slot row's column set, or null
    final Row.Layout layout; // output columns + the two provenance columns
    final int[] rel; // per output column: relation index, -1 outer key, -2 absent (null)
    final String[] name;
    final int[] keyIndex;

    Recipe(Object[] signature, Row.Layout layout, int[] rel, String[] name, int[] keyIndex) {
      this.signature = signature;
      this.layout = layout;
      this.rel = rel;
      this.name = name;
      this.keyIndex = keyIndex;
    }

    boolean matches(Row[] slots) {
      for (int i = 0; i < slots.length; i++) {
        Object cols = slots[i] == null ? null : slots[i].columns();
        if (cols != signature[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private final Plan plan;
  private final HashKernel kernel;
  private final List<Recipe> recipes = new ArrayList<>();

  RowMaker(Plan plan, HashKernel kernel) {
    this.plan = plan;
    this.kernel = kernel;
  }

  /** The output row of {@code j}: key columns, user columns, per-field provenance, provenance. */
  Row make(Joined j) {
    return make(j, null);
  }

  /**
   * The output row of {@code j}, or null when {@code keepProvenance} (if given) rejects it with its
   * {@code metaxy_provenance}: then the row is never built.
   */
  Row make(Joined j, java.util.function.BiPredicate<Joined, String> keepProvenance) {
    String[] hashes = fieldHashes(j);
    kernel.reset();
    for (int i = 0; i < hashes.length; i++) {
      if (i > 0) {
        kernel.append((byte) '|');
      }
      kernel.append(hashes[i]);
    }
    String provenance = kernel.hash(plan.truncation);
    if (keepProvenance != null && !keepProvenance.test(j, provenance)) {
      return null;
    }
    Recipe r = recipe(j);
    int n = r.rel.length;
    Object[] values = new Object[n + 2];
    for (int c = 0; c < n; c++) {
      int rel = r.rel[c];
      values[c] =
          rel >= 0
              ? j.slots[rel].get(r.name[c])
              : rel == -1 ? plan.join.outerKey(j).get(r.keyIndex[c]) : null;
    }
    values[n] = Row.fieldMap(plan.structKeys, hashes);
    values[n + 1] = provenance;
    return r.layout.row(values);
  }

  private String[] fieldHashes(Joined j) {
    String[] out = new String[plan.structKeys.length];
    for (int i = 0; i < out.length; i++) {
      kernel.reset().append(plan.prefixes[i]);
      byte[][] labels = plan.labels[i];
      for (int p = 0; p < labels.length; p++) {
        kernel
            .append(labels[p])
            .append(dataVersion(j, plan.parentRels[i][p], plan.parentKeys[i][p]));
      }
      out[i] = kernel.hash(plan.truncation);
    }
    return out;
  }

  /** The parent field's data version from the last merged slot of its feature; null: none. */
  private static String dataVersion(Joined j, int[] rels, String structKey) {
    for (int r : rels) {
      Row s = j.slots[r];
      if (s != null) {
        return DepRelation.dataVersion(s, structKey);
      }
    }
    return null;
  }

  private Recipe recipe(Joined j) {
    for (int i = 0; i < recipes.size(); i++) {
      Recipe r = recipes.get(i);
      if (r.matches(j.slots)) {
        return r;
      }
    }
    Recipe r = build(j);
    if (recipes.size() < MAX_LAYOUTS) {
      recipes.add(r);
    }
    return r;
  }

  private Recipe build(Joined j) {
    JoinPlan join = plan.join;
    List<String> key = join.key();
    Map<String, int[]> source = new LinkedHashMap<>(); // column → {rel, keyIndex}
    if (join.isFullOuter()) {
      for (int i = 0; i < key.size(); i++) {
        source.put(key.get(i), new int[] {-1, i});
      }
    }
    for (int rel : join.mergeOrder()) {
      Row s = j.slots[rel];
      if (s != null) {
        for (String c : join.rels().get(rel).columnNamesOf(s)) {
          source.putIfAbsent(c, new int[] {rel, -1});
        }
      }
    }
    List<String> names = new ArrayList<>();
    List<int[]> from = new ArrayList<>();
    for (String k : key) {
      names.add(k);
      from.add(source.getOrDefault(k, new int[] {-2, -1}));
    }
    source.forEach(
        (c, src) -> {
          if (!key.contains(c)) {
            names.add(c);
            from.add(src);
          }
        });
    int n = names.size();
    int[] rel = new int[n];
    int[] keyIndex = new int[n];
    for (int c = 0; c < n; c++) {
      rel[c] = from.get(c)[0];
      keyIndex[c] = from.get(c)[1];
    }
    List<String> all = new ArrayList<>(names);
    all.add(SystemColumns.PROVENANCE_BY_FIELD);
    all.add(SystemColumns.PROVENANCE);
    Object[] signature = new Object[j.slots.length];
    for (int i = 0; i < signature.length; i++) {
      signature[i] = j.slots[i] == null ? null : j.slots[i].columns();
    }
    return new Recipe(signature, Row.Layout.of(all), rel, names.toArray(String[]::new), keyIndex);
  }
}
