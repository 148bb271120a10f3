package io.metaxy.domain.graph;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldDep;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.FieldsMapping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * A random feature DAG described independently of the domain types, built from a sequence of
 * choices (so jqwik shrinks it by shrinking the sequence). Feature {@code i} only depends on
 * features with a smaller index, so index order is a topological order. {@link #parents} resolves
 * parent fields with its own implementation of the rules of docs/semantics.md §1, for comparison
 * with the domain.
 */
record RandomGraphModel(List<FeatureModel> features) {
  static final String[] FIELD_POOL = {"default", "audio", "frames", "text", "x/y", "a-b"};

  enum Mapping {
    DEFAULT,
    ALL,
    NONE,
    SPECIFIC
  }

  enum FieldMode {
    MAPPING,
    ALL,
    EXPLICIT
  }

  record DepModel(int upstream, Mapping mapping, Map<String, List<String>> specific) {}

  /** {@code fields == null} means all fields of the upstream. */
  record FieldDepModel(int upstream, List<String> fields) {}

  record FieldModel(String key, String code, FieldMode mode, List<FieldDepModel> explicit) {}

  /** {@code declaredNoFields}: the spec declares none and gets the default field. */
  record FeatureModel(
      String key, List<DepModel> deps, List<FieldModel> fields, boolean declaredNoFields) {
    List<String> fieldKeys() {
      return fields.stream().map(FieldModel::key).toList();
    }
  }

  /** Reads choices in order; past the end every choice is 0. */
  static final class Choices {
    private final List<Integer> values;
    private int next;

    Choices(List<Integer> values) {
      this.values = values;
    }

    int below(int bound) {
      if (bound <= 1) {
        next++;
        return 0;
      }
      int v = next < values.size() ? values.get(next) : 0;
      next++;
      return Math.floorMod(v, bound);
    }
  }

  static RandomGraphModel fromChoices(List<Integer> values) {
    Choices c = new Choices(values);
    int n = 1 + c.below(14);
    List<FeatureModel> features = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      features.add(feature(i, c, features));
    }
    return new RandomGraphModel(List.copyOf(features));
  }

  private static String key(int i, Choices c) {
    return switch (c.below(5)) {
      case 0 -> "f" + i;
      case 1 -> "team/f" + i;
      case 2 -> "a-b/f" + i;
      case 3 -> "z_" + i + "/x";
      default -> "f" + i + "/y-1";
    };
  }

  private static List<String> subset(List<String> from, Choices c, boolean nonEmpty) {
    List<String> out = new ArrayList<>();
    for (String s : from) {
      if (c.below(2) == 1) {
        out.add(s);
      }
    }
    if (nonEmpty && out.isEmpty()) {
      out.add(from.get(c.below(from.size())));
    }
    return out;
  }

  private static FeatureModel feature(int i, Choices c, List<FeatureModel> earlier) {
    String key = key(i, c);
    boolean noFields = c.below(6) == 0;
    List<String> fieldKeys;
    if (noFields) {
      fieldKeys = List.of("default");
    } else {
      List<String> pool = new ArrayList<>(List.of(FIELD_POOL));
      fieldKeys = new ArrayList<>();
      int count = 1 + c.below(4);
      for (int k = 0; k < count; k++) {
        fieldKeys.add(pool.remove(c.below(pool.size())));
      }
    }
    List<DepModel> deps = new ArrayList<>();
    if (i > 0) {
      List<Integer> candidates = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        candidates.add(j);
      }
      int count = c.below(Math.min(i, 3) + 1);
      for (int k = 0; k < count; k++) {
        int up = candidates.remove(c.below(candidates.size()));
        List<String> upFields = earlier.get(up).fieldKeys();
        int m = c.below(8);
        Mapping mapping =
            m < 4
                ? Mapping.DEFAULT
                : m == 4 ? Mapping.ALL : m == 5 ? Mapping.NONE : Mapping.SPECIFIC;
        Map<String, List<String>> specific = new LinkedHashMap<>();
        if (mapping == Mapping.SPECIFIC) {
          for (String f : fieldKeys) {
            if (c.below(3) != 0) {
              specific.put(f, subset(upFields, c, false));
            }
          }
        }
        deps.add(new DepModel(up, mapping, specific));
      }
    }
    List<FieldModel> fields = new ArrayList<>();
    for (String f : fieldKeys) {
      String code = noFields ? FieldSpec.INITIAL_CODE_VERSION : "v" + c.below(3);
      FieldMode mode = FieldMode.MAPPING;
      List<FieldDepModel> explicit = new ArrayList<>();
      if (!noFields && !deps.isEmpty()) {
        int m = c.below(4);
        mode = m < 2 ? FieldMode.MAPPING : m == 2 ? FieldMode.ALL : FieldMode.EXPLICIT;
        if (mode == FieldMode.EXPLICIT) {
          List<DepModel> pool = new ArrayList<>(deps);
          int count = 1 + c.below(pool.size());
          for (int k = 0; k < count; k++) {
            DepModel d = pool.remove(c.below(pool.size()));
            List<String> upFields = earlier.get(d.upstream()).fieldKeys();
            explicit.add(
                new FieldDepModel(
                    d.upstream(), c.below(3) == 0 ? null : subset(upFields, c, true)));
          }
        }
      }
      fields.add(new FieldModel(f, code, mode, explicit));
    }
    return new FeatureModel(key, deps, fields, noFields);
  }

  // ------------------------------------------------------------------ views

  FeatureModel feature(int i) {
    return features.get(i);
  }

  /** "feature.field" of every field, in index order. */
  List<String> allFieldRefs() {
    List<String> out = new ArrayList<>();
    for (FeatureModel f : features) {
      for (FieldModel x : f.fields()) {
        out.add(f.key() + "." + x.key());
      }
    }
    return out;
  }

  /** Parent fields by the rules of docs/semantics.md §1, as sorted "feature.field" strings. */
  List<String> parents(int featureIndex, FieldModel field) {
    FeatureModel f = features.get(featureIndex);
    TreeSet<String> out = new TreeSet<>();
    if (f.deps().isEmpty()) {
      return List.of(); // rule 1
    }
    switch (field.mode()) {
      case ALL -> f.deps().forEach(d -> addAll(d.upstream(), out)); // rule 2
      case EXPLICIT -> { // rule 3
        for (FieldDepModel fd : field.explicit()) {
          if (fd.fields() == null) {
            addAll(fd.upstream(), out);
          } else {
            fd.fields().forEach(x -> out.add(features.get(fd.upstream()).key() + "." + x));
          }
        }
      }
      case MAPPING -> { // rule 4
        for (DepModel d : f.deps()) {
          FeatureModel up = features.get(d.upstream());
          switch (d.mapping()) {
            case DEFAULT -> {
              if (up.fieldKeys().contains(field.key())) {
                out.add(up.key() + "." + field.key());
              } else {
                addAll(d.upstream(), out);
              }
            }
            case ALL -> addAll(d.upstream(), out);
            case NONE -> {}
            case SPECIFIC ->
                d.specific()
                    .getOrDefault(field.key(), List.of())
                    .forEach(x -> out.add(up.key() + "." + x));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private void addAll(int upstream, TreeSet<String> out) {
    FeatureModel up = features.get(upstream);
    up.fieldKeys().forEach(x -> out.add(up.key() + "." + x));
  }

  /** The model with one field's code version changed. */
  RandomGraphModel bump(int featureIndex, int fieldIndex) {
    List<FeatureModel> copy = new ArrayList<>(features);
    FeatureModel f = copy.get(featureIndex);
    List<FieldModel> fields = new ArrayList<>(f.fields());
    FieldModel x = fields.get(fieldIndex);
    fields.set(fieldIndex, new FieldModel(x.key(), x.code() + "-bumped", x.mode(), x.explicit()));
    // a bumped default field must be declared explicitly to carry its new code version
    copy.set(featureIndex, new FeatureModel(f.key(), f.deps(), fields, false));
    return new RandomGraphModel(copy);
  }

  // ------------------------------------------------------------------ specs

  /** Domain specs in declaration order, or shuffled (where order has no meaning) by {@code r}. */
  List<FeatureSpec> specs(Random r) {
    List<FeatureSpec> out = new ArrayList<>();
    for (FeatureModel f : features) {
      FeatureSpec.Builder b = FeatureSpec.builder(f.key()).idColumns("id");
      for (DepModel d : shuffled(f.deps(), r)) {
        FeatureDep.Builder db = FeatureDep.builder(features.get(d.upstream()).key());
        db.fieldsMapping(
            switch (d.mapping()) {
              case DEFAULT -> FieldsMapping.defaults();
              case ALL -> FieldsMapping.all();
              case NONE -> FieldsMapping.none();
              case SPECIFIC -> {
                Map<FieldKey, List<FieldKey>> m = new LinkedHashMap<>();
                for (String k : shuffled(new ArrayList<>(d.specific().keySet()), r)) {
                  m.put(FieldKey.of(k), fieldKeys(shuffled(d.specific().get(k), r)));
                }
                yield FieldsMapping.specific(m);
              }
            });
        b.dependsOn(db.build());
      }
      if (!f.declaredNoFields()) {
        for (FieldModel x : shuffled(f.fields(), r)) {
          FieldSpec.Builder fb = FieldSpec.builder(x.key()).codeVersion(x.code());
          if (x.mode() == FieldMode.ALL) {
            fb.dependsOnAll();
          } else if (x.mode() == FieldMode.EXPLICIT) {
            for (FieldDepModel fd : shuffled(x.explicit(), r)) {
              FeatureKey up = FeatureKey.of(features.get(fd.upstream()).key());
              fb.dependsOn(
                  fd.fields() == null
                      ? FieldDep.all(up)
                      : FieldDep.of(up, fieldKeys(shuffled(fd.fields(), r))));
            }
          }
          b.field(fb.build());
        }
      }
      out.add(b.build());
    }
    return shuffled(out, r);
  }

  private static List<FieldKey> fieldKeys(List<String> keys) {
    return keys.stream().map(FieldKey::of).toList();
  }

  private static <T> List<T> shuffled(List<T> list, Random r) {
    List<T> copy = new ArrayList<>(list);
    if (r != null) {
      Collections.shuffle(copy, r);
    }
    return copy;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RandomGraphModel[\n");
    for (FeatureModel f : features) {
      sb.append("  ").append(f).append('\n');
    }
    return sb.append(']').toString();
  }
}
