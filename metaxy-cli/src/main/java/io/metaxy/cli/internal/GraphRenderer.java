package io.metaxy.cli.internal;

import io.metaxy.domain.graph.FeatureGraph;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renders a feature graph as indented text, Mermaid ({@code graph TD}) or Graphviz DOT. */
public final class GraphRenderer {
  private GraphRenderer() {}

  /** One line per feature (topological order) with its version, then its dependents. */
  public static String text(FeatureGraph g, GraphVersions v) {
    StringBuilder sb = new StringBuilder();
    for (FeatureSpec s : g.features()) {
      sb.append(s.key()).append(" (").append(v.featureVersion(s.key())).append(")\n");
      for (FeatureKey d : g.downstream(s.key())) {
        sb.append("  -> ").append(d).append('\n');
      }
    }
    sb.append(g.size()).append(" feature(s), snapshot ").append(v.snapshotVersion()).append('\n');
    return sb.toString();
  }

  /** Mermaid flowchart: node ids {@code f0, f1, ...} in topological order, labels quoted. */
  public static String mermaid(FeatureGraph g, GraphVersions v) {
    Map<FeatureKey, String> ids = ids(g);
    StringBuilder sb = new StringBuilder("graph TD\n");
    for (FeatureSpec s : g.features()) {
      sb.append("  ")
          .append(ids.get(s.key()))
          .append("[\"")
          .append(mermaidEscape(s.key().toString()))
          .append("<br/>")
          .append(v.featureVersion(s.key()))
          .append("\"]\n");
    }
    for (FeatureSpec s : g.features()) {
      for (FeatureDep d : s.deps()) {
        sb.append("  ")
            .append(ids.get(d.feature()))
            .append(" --> ")
            .append(ids.get(s.key()))
            .append('\n');
      }
    }
    return sb.toString();
  }

  /** Graphviz digraph; nodes are the quoted feature keys. */
  public static String dot(FeatureGraph g, GraphVersions v) {
    StringBuilder sb = new StringBuilder("digraph metaxy {\n");
    sb.append("  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    for (FeatureSpec s : g.features()) {
      sb.append("  ")
          .append(dotQuote(s.key().toString()))
          .append(" [label=")
          .append(dotQuote(s.key() + "\\n" + v.featureVersion(s.key())))
          .append("];\n");
    }
    for (FeatureSpec s : g.features()) {
      for (FeatureDep d : s.deps()) {
        sb.append("  ")
            .append(dotQuote(d.feature().toString()))
            .append(" -> ")
            .append(dotQuote(s.key().toString()))
            .append(";\n");
      }
    }
    return sb.append("}\n").toString();
  }

  /** JSON tree: {@code nodes} (key, feature version) and {@code edges} (from, to). */
  public static Map<String, Object> tree(FeatureGraph g, GraphVersions v) {
    List<Object> nodes = new java.util.ArrayList<>();
    List<Object> edges = new java.util.ArrayList<>();
    for (FeatureSpec s : g.features()) {
      Map<String, Object> n = new java.util.LinkedHashMap<>();
      n.put("key", s.key().toString());
      n.put("feature_version", v.featureVersion(s.key()));
      nodes.add(n);
      for (FeatureDep d : s.deps()) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("from", d.feature().toString());
        e.put("to", s.key().toString());
        edges.add(e);
      }
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("snapshot_version", v.snapshotVersion());
    out.put("nodes", nodes);
    out.put("edges", edges);
    return out;
  }

  private static Map<FeatureKey, String> ids(FeatureGraph g) {
    Map<FeatureKey, String> ids = new HashMap<>();
    List<FeatureKey> order = g.topologicalOrder();
    for (int i = 0; i < order.size(); i++) {
      ids.put(order.get(i), "f" + i);
    }
    return ids;
  }

  private static String mermaidEscape(String s) {
    return s.replace("\"", "#quot;");
  }

  private static String dotQuote(String s) {
    return "\"" + s.replace("\"", "\\\"") + "\"";
  }
}
