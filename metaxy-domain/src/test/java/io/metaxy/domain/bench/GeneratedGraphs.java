package io.metaxy.domain.bench;

import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldDep;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.FieldsMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic large feature graphs for the benchmark: {@code depth} layers of {@code width}
 * features, each with {@code fields} fields. Every feature of layer {@code L > 0} depends on the
 * feature at the same position in layer {@code L - 1} (so the longest path has exactly {@code
 * depth} features) and on up to two more random features of earlier layers. Fields mix the default
 * mapping, explicit field deps and "all" deps.
 */
public final class GeneratedGraphs {
  private GeneratedGraphs() {}

  /** The graph of the graph-versions benchmark: 10,000 features × 5 fields, depth 100. */
  public static List<FeatureSpec> tenThousandByFiveDepthHundred() {
    return layered(100, 100, 5, 42L);
  }

  static FeatureKey key(int layer, int index) {
    return FeatureKey.ofParts("layer" + layer, "f" + index);
  }

  /** Specs in declaration order (layer by layer). */
  public static List<FeatureSpec> layered(int depth, int width, int fields, long seed) {
    Random r = new Random(seed);
    List<FeatureSpec> specs = new ArrayList<>(depth * width);
    for (int layer = 0; layer < depth; layer++) {
      for (int i = 0; i < width; i++) {
        FeatureSpec.Builder b = FeatureSpec.builder(key(layer, i)).idColumns("sample_id");
        List<FeatureKey> deps = new ArrayList<>();
        if (layer > 0) {
          Set<FeatureKey> chosen = new LinkedHashSet<>();
          chosen.add(key(layer - 1, i));
          int extra = r.nextInt(3);
          for (int e = 0; e < extra; e++) {
            chosen.add(key(r.nextInt(layer), r.nextInt(width)));
          }
          deps.addAll(chosen);
          for (FeatureKey d : deps) {
            b.dependsOn(
                r.nextInt(10) == 0
                    ? FeatureDep.builder(d).fieldsMapping(FieldsMapping.all()).build()
                    : FeatureDep.on(d));
          }
        }
        for (int f = 0; f < fields; f++) {
          FieldSpec.Builder fb = FieldSpec.builder("field_" + f).codeVersion("" + r.nextInt(3));
          if (!deps.isEmpty()) {
            int mode = r.nextInt(10);
            if (mode == 0) {
              fb.dependsOnAll();
            } else if (mode <= 2) {
              FeatureKey up = deps.get(r.nextInt(deps.size()));
              fb.dependsOn(FieldDep.on(up.toString(), "field_" + r.nextInt(fields), "field_" + f));
            }
            // otherwise the default mapping: field_f of each upstream
          }
          b.field(fb.build());
        }
        specs.add(b.build());
      }
    }
    return specs;
  }
}
