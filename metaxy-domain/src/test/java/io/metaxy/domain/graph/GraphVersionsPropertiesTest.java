package io.metaxy.domain.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.metaxy.domain.graph.RandomGraphModel.FeatureModel;
import io.metaxy.domain.graph.RandomGraphModel.FieldModel;
import io.metaxy.domain.hash.Truncation;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of graph-level versions over random DAGs. Expected values come from {@link
 * RandomGraphModel}'s own resolution of parent fields, not from the domain.
 */
class GraphVersionsPropertiesTest {

  @Provide
  Arbitrary<RandomGraphModel> graphs() {
    return Arbitraries.integers()
        .between(0, 1_000_000)
        .list()
        .ofMinSize(200)
        .ofMaxSize(600)
        .map(RandomGraphModel::fromChoices);
  }

  private static FieldRef ref(FeatureModel f, FieldModel x) {
    return FieldRef.of(f.key(), x.key());
  }

  @Property(tries = 150)
  void parentFieldsFollowTheRulesOfSection1(@ForAll("graphs") RandomGraphModel model) {
    FeatureGraph g = FeatureGraph.of(model.specs(null));
    assertThat(g.size()).isEqualTo(model.features().size());
    Statistics.label("features").collect(g.size() < 4 ? "1-3" : g.size() < 9 ? "4-8" : "9-14");
    for (int i = 0; i < model.features().size(); i++) {
      FeatureModel f = model.feature(i);
      for (FieldModel x : f.fields()) {
        assertThat(g.parentFields(ref(f, x)).stream().map(FieldRef::toString).toList())
            .as("parents of %s.%s", f.key(), x.key())
            .isEqualTo(model.parents(i, x));
      }
    }
  }

  @Property(tries = 150)
  void bumpingOneCodeVersionChangesExactlyThatFieldAndItsTransitiveDependents(
      @ForAll("graphs") RandomGraphModel model,
      @ForAll @IntRange(min = 0, max = 1000) int featurePick,
      @ForAll @IntRange(min = 0, max = 1000) int fieldPick) {
    int target = featurePick % model.features().size();
    int targetField = fieldPick % model.feature(target).fields().size();
    RandomGraphModel bumped = model.bump(target, targetField);

    // expected: walk the model's own parent fields in index (= topological) order
    Set<String> affected = new HashSet<>();
    affected.add(
        model.feature(target).key() + "." + model.feature(target).fields().get(targetField).key());
    for (int i = 0; i < model.features().size(); i++) {
      for (FieldModel x : model.feature(i).fields()) {
        if (model.parents(i, x).stream().anyMatch(affected::contains)) {
          affected.add(model.feature(i).key() + "." + x.key());
        }
      }
    }

    Statistics.label("affected fields besides the bumped one")
        .collect(affected.size() == 1 ? "0" : affected.size() <= 4 ? "1-3" : "4+");

    GraphVersions before = FeatureGraph.of(model.specs(null)).versions();
    GraphVersions after = FeatureGraph.of(bumped.specs(null)).versions();
    for (int i = 0; i < model.features().size(); i++) {
      FeatureModel f = model.feature(i);
      boolean featureAffected = false;
      for (FieldModel x : f.fields()) {
        String name = f.key() + "." + x.key();
        boolean changed = !before.fieldVersion(ref(f, x)).equals(after.fieldVersion(ref(f, x)));
        assertThat(changed)
            .as("field version of %s changed", name)
            .isEqualTo(affected.contains(name));
        featureAffected |= changed;
      }
      FeatureKey k = FeatureKey.of(f.key());
      assertThat(!before.featureVersion(k).equals(after.featureVersion(k)))
          .as("feature version of %s changed", f.key())
          .isEqualTo(featureAffected);
      assertThat(!before.featureCodeVersion(k).equals(after.featureCodeVersion(k)))
          .as("feature code version of %s changed", f.key())
          .isEqualTo(i == target);
    }
    assertThat(after.snapshotVersion()).isNotEqualTo(before.snapshotVersion());
  }

  @Property(tries = 150)
  void versionsDoNotDependOnDeclarationOrder(
      @ForAll("graphs") RandomGraphModel model, @ForAll Random random) {
    FeatureGraph ordered = FeatureGraph.of(model.specs(null));
    FeatureGraph shuffled = FeatureGraph.of(model.specs(random));
    GraphVersions a = ordered.versions();
    GraphVersions b = shuffled.versions();
    assertThat(shuffled.topologicalOrder()).isEqualTo(ordered.topologicalOrder());
    for (FeatureModel f : model.features()) {
      FeatureKey k = FeatureKey.of(f.key());
      assertThat(b.fieldVersions(k)).as("field versions of %s", k).isEqualTo(a.fieldVersions(k));
      assertThat(b.featureVersion(k)).isEqualTo(a.featureVersion(k));
      assertThat(b.featureCodeVersion(k)).isEqualTo(a.featureCodeVersion(k));
      for (FieldModel x : f.fields()) {
        assertThat(shuffled.parentFields(ref(f, x))).isEqualTo(ordered.parentFields(ref(f, x)));
      }
    }
    assertThat(b.snapshotVersion()).isEqualTo(a.snapshotVersion());
    assertThat(shuffled.versions(Truncation.NONE).snapshotVersion())
        .isEqualTo(ordered.versions(Truncation.NONE).snapshotVersion());
  }

  private static String sha256(List<String> chunks) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (String c : chunks) {
        d.update(c.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int compareParts(String a, String b) {
    String[] x = a.split("/");
    String[] y = b.split("/");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  @Property(tries = 100)
  void versionsEqualTheFormulasOfSection2RecomputedFromTheModel(
      @ForAll("graphs") RandomGraphModel model, @ForAll @IntRange(min = 8, max = 70) int length) {
    UnaryOperator<String> trunc = h -> length >= 64 ? h : h.substring(0, length);
    Map<String, String> field = new HashMap<>();
    Map<String, String> feature = new HashMap<>();
    for (int i = 0; i < model.features().size(); i++) { // index order is topological
      FeatureModel f = model.feature(i);
      for (FieldModel x : f.fields()) {
        List<String> chunks = new ArrayList<>(List.of(f.key() + "." + x.key(), x.code()));
        model.parents(i, x).forEach(p -> chunks.add(field.get(p)));
        field.put(f.key() + "." + x.key(), trunc.apply(sha256(chunks)));
      }
      List<String> chunks = new ArrayList<>();
      f.fields().stream()
          .map(FieldModel::key)
          .sorted()
          .forEach(k -> chunks.addAll(List.of(k, field.get(f.key() + "." + k))));
      feature.put(f.key(), trunc.apply(sha256(chunks)));
    }
    List<String> snapshot = new ArrayList<>();
    feature.keySet().stream()
        .sorted(GraphVersionsPropertiesTest::compareParts)
        .forEach(k -> snapshot.addAll(List.of(k, feature.get(k))));

    Truncation t = length >= 64 ? Truncation.NONE : Truncation.of(length);
    GraphVersions v = FeatureGraph.of(model.specs(null)).versions(t);
    for (FeatureModel f : model.features()) {
      for (FieldModel x : f.fields()) {
        assertThat(v.fieldVersion(ref(f, x))).isEqualTo(field.get(f.key() + "." + x.key()));
      }
      assertThat(v.featureVersion(FeatureKey.of(f.key()))).isEqualTo(feature.get(f.key()));
    }
    assertThat(v.snapshotVersion()).isEqualTo(trunc.apply(sha256(snapshot)));
  }

  @Property(tries = 100)
  void topologicalOrderPutsEveryUpstreamFirst(@ForAll("graphs") RandomGraphModel model) {
    FeatureGraph g = FeatureGraph.of(model.specs(new Random(model.features().size())));
    List<FeatureKey> order = g.topologicalOrder();
    assertThat(order).hasSize(model.features().size()).doesNotHaveDuplicates();
    for (FeatureKey k : order) {
      for (FeatureKey up : g.upstream(k)) {
        assertThat(order.indexOf(up)).as("%s before %s", up, k).isLessThan(order.indexOf(k));
      }
      for (FeatureKey down : g.transitiveDownstream(k)) {
        assertThat(g.transitiveUpstream(down)).contains(k);
      }
    }
  }
}
