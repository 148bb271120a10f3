package io.metaxy.cli.internal;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The difference between two graph states: features added, removed and changed (feature version
 * differs), and per changed feature the fields added, removed and changed (field version or code
 * version differs).
 */
public final class GraphDiff {
  /** A field's versions in one state. */
  public record FieldState(String version, String codeVersion) {}

  /** A feature's version and fields in one state. */
  public record FeatureState(String version, Map<String, FieldState> fields) {}

  /** A changed field. */
  public record FieldChange(String field, FieldState from, FieldState to) {}

  /** A changed feature. */
  public record FeatureChange(
      String feature,
      String fromVersion,
      String toVersion,
      List<String> addedFields,
      List<String> removedFields,
      List<FieldChange> changedFields) {}

  private final List<String> added;
  private final List<String> removed;
  private final List<FeatureChange> changed;

  private GraphDiff(List<String> added, List<String> removed, List<FeatureChange> changed) {
    this.added = added;
    this.removed = removed;
    this.changed = changed;
  }

  /** The state of a graph: feature versions and field versions under {@code versions}. */
  public static Map<String, FeatureState> state(FeatureGraph graph, GraphVersions versions) {
    Map<String, FeatureState> out = new TreeMap<>();
    for (FeatureSpec s : graph.features()) {
      Map<String, FieldState> fields = new TreeMap<>();
      for (FieldSpec f : s.fields()) {
        fields.put(
            f.key().toString(),
            new FieldState(versions.fieldVersion(s.key(), f.key()), f.codeVersion()));
      }
      out.put(s.key().toString(), new FeatureState(versions.featureVersion(s.key()), fields));
    }
    return out;
  }

  public static GraphDiff between(Map<String, FeatureState> from, Map<String, FeatureState> to) {
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<FeatureChange> changed = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(from.keySet());
    keys.addAll(to.keySet());
    for (String k : keys) {
      FeatureState a = from.get(k);
      FeatureState b = to.get(k);
      if (a == null) {
        added.add(k);
      } else if (b == null) {
        removed.add(k);
      } else if (!a.version().equals(b.version()) || !a.fields().equals(b.fields())) {
        List<String> fa = new ArrayList<>();
        List<String> fr = new ArrayList<>();
        List<FieldChange> fc = new ArrayList<>();
        TreeSet<String> fields = new TreeSet<>(a.fields().keySet());
        fields.addAll(b.fields().keySet());
        for (String f : fields) {
          FieldState x = a.fields().get(f);
          FieldState y = b.fields().get(f);
          if (x == null) {
            fa.add(f);
          } else if (y == null) {
            fr.add(f);
          } else if (!x.equals(y)) {
            fc.add(new FieldChange(f, x, y));
          }
        }
        changed.add(new FeatureChange(k, a.version(), b.version(), fa, fr, fc));
      }
    }
    return new GraphDiff(List.copyOf(added), List.copyOf(removed), List.copyOf(changed));
  }

  public List<String> added() {
    return added;
  }

  public List<String> removed() {
    return removed;
  }

  public List<FeatureChange> changed() {
    return changed;
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /** JSON tree of the diff. */
  public Map<String, Object> toTree(String from, String to) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("from", from);
    o.put("to", to);
    o.put("added", added);
    o.put("removed", removed);
    List<Object> ch = new ArrayList<>();
    for (FeatureChange c : changed) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("feature", c.feature());
      m.put("from_version", c.fromVersion());
      m.put("to_version", c.toVersion());
      m.put("added_fields", c.addedFields());
      m.put("removed_fields", c.removedFields());
      List<Object> fields = new ArrayList<>();
      for (FieldChange f : c.changedFields()) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("field", f.field());
        fm.put("from_version", f.from().version());
        fm.put("to_version", f.to().version());
        fm.put("from_code_version", f.from().codeVersion());
        fm.put("to_code_version", f.to().codeVersion());
        fields.add(fm);
      }
      m.put("changed_fields", fields);
      ch.add(m);
    }
    o.put("changed", ch);
    return o;
  }

  /** Human-readable diff: {@code +} added, {@code -} removed, {@code ~} changed. */
  public String toText(String from, String to) {
    StringBuilder sb = new StringBuilder("Graph diff " + from + " -> " + to + "\n");
    if (isEmpty()) {
      return sb.append("  no changes\n").toString();
    }
    for (String a : added) {
      sb.append("  + ").append(a).append('\n');
    }
    for (String r : removed) {
      sb.append("  - ").append(r).append('\n');
    }
    for (FeatureChange c : changed) {
      sb.append("  ~ ")
          .append(c.feature())
          .append("  ")
          .append(c.fromVersion())
          .append(" -> ")
          .append(c.toVersion())
          .append('\n');
      for (String f : c.addedFields()) {
        sb.append("      + field ").append(f).append('\n');
      }
      for (String f : c.removedFields()) {
        sb.append("      - field ").append(f).append('\n');
      }
      for (FieldChange f : c.changedFields()) {
        sb.append("      ~ field ")
            .append(f.field())
            .append("  ")
            .append(f.from().version())
            .append(" -> ")
            .append(f.to().version());
        if (!f.from().codeVersion().equals(f.to().codeVersion())) {
          sb.append("  (code_version ")
              .append(f.from().codeVersion())
              .append(" -> ")
              .append(f.to().codeVersion())
              .append(')');
        } else {
          sb.append("  (upstream changed)");
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
