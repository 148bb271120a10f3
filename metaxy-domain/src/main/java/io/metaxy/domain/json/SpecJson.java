package io.metaxy.domain.json;

import io.metaxy.domain.error.InvalidDefinitionsException;
import io.metaxy.domain.error.MetaxyException;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldDep;
import io.metaxy.domain.spec.FieldSpec;
import io.metaxy.domain.spec.FieldsMapping;
import io.metaxy.domain.spec.Lineage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Converts feature specs to and from the JSON tree of docs/semantics.md §7 (maps, lists, strings,
 * numbers, booleans, null), and writes canonical JSON (sorted keys, no whitespace) for spec
 * versions. Parsing text is left to a codec module; this class owns the shape, the defaults and the
 * unknown-member checks.
 */
public final class SpecJson {
  /** Serialised marker for "all fields". */
  public static final String ALL_DEP = "__METAXY_ALL_DEP__";

  private static final Set<String> DOC_MEMBERS = Set.of("features");
  private static final Set<String> SPEC_MEMBERS =
      Set.of("key", "id_columns", "deps", "fields", "metadata", "description");
  private static final Set<String> DEP_MEMBERS =
      Set.of("feature", "select", "rename", "fields_mapping", "filters", "lineage", "optional");
  private static final Set<String> FIELD_MEMBERS = Set.of("key", "code_version", "deps");
  private static final Set<String> FIELD_DEP_MEMBERS = Set.of("feature", "fields");

  private SpecJson() {}

  // ---------------------------------------------------------------- writing

  /** The full JSON tree of one spec, every member present. */
  public static Map<String, Object> toTree(FeatureSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", spec.key().toString());
    m.put("id_columns", new ArrayList<>(spec.idColumns()));
    List<Object> deps = new ArrayList<>();
    for (FeatureDep d : spec.deps()) {
      deps.add(depTree(d));
    }
    m.put("deps", deps);
    List<Object> fields = new ArrayList<>();
    for (FieldSpec f : spec.fields()) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("key", f.key().toString());
      fm.put("code_version", f.codeVersion());
      if (f.dependsOnAll()) {
        fm.put("deps", ALL_DEP);
      } else {
        List<Object> fds = new ArrayList<>();
        for (FieldDep fd : f.deps()) {
          Map<String, Object> x = new LinkedHashMap<>();
          x.put("feature", fd.feature().toString());
          x.put(
              "fields",
              fd.allFields() ? ALL_DEP : fd.fields().stream().map(FieldKey::toString).toList());
          fds.add(x);
        }
        fm.put("deps", fds);
      }
      fields.add(fm);
    }
    m.put("fields", fields);
    m.put("metadata", new LinkedHashMap<>(spec.metadata()));
    m.put("description", spec.description());
    return m;
  }

  private static Map<String, Object> depTree(FeatureDep d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("feature", d.feature().toString());
    m.put("select", d.select() == null ? null : new ArrayList<>(d.select()));
    m.put("rename", d.rename().isEmpty() ? null : new LinkedHashMap<>(d.rename()));
    Map<String, Object> mapping = new LinkedHashMap<>();
    FieldsMapping fm = d.fieldsMapping();
    if (fm instanceof FieldsMapping.Specific sp) {
      mapping.put("type", "specific");
      Map<String, Object> entries = new LinkedHashMap<>();
      sp.mapping()
          .forEach(
              (k, v) -> entries.put(k.toString(), v.stream().map(FieldKey::toString).toList()));
      mapping.put("mapping", entries);
    } else {
      mapping.put(
          "type",
          fm instanceof FieldsMapping.All
              ? "all"
              : fm instanceof FieldsMapping.None ? "none" : "default");
    }
    m.put("fields_mapping", Map.of("mapping", mapping));
    m.put("filters", d.filters().isEmpty() ? null : new ArrayList<>(d.filters()));
    Map<String, Object> rel = new LinkedHashMap<>();
    rel.put("type", d.lineage().type());
    if (d.lineage() instanceof Lineage.Aggregation a) {
      rel.put("on", new ArrayList<>(a.on()));
    } else if (d.lineage() instanceof Lineage.Expansion e) {
      rel.put("on", new ArrayList<>(e.on()));
    }
    m.put("lineage", Map.of("relationship", rel));
    m.put("optional", d.optional());
    return m;
  }

  /** {@code {"features": [...]}} for specs in the given order. */
  public static Map<String, Object> toDocument(List<FeatureSpec> specs) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("features", specs.stream().map(SpecJson::toTree).map(Object.class::cast).toList());
    return doc;
  }

  /** Canonical JSON of a spec: sorted keys, no insignificant whitespace. */
  public static String canonical(FeatureSpec spec) {
    StringBuilder sb = new StringBuilder();
    writeCanonical(toTree(spec), sb);
    return sb.toString();
  }

  /** Writes any JSON tree canonically (keys sorted). */
  public static String canonical(Object tree) {
    StringBuilder sb = new StringBuilder();
    writeCanonical(tree, sb);
    return sb.toString();
  }

  @SuppressWarnings("unchecked")
  private static void writeCanonical(Object v, StringBuilder sb) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Map<?, ?> map) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      map.forEach((k, x) -> sorted.put(String.valueOf(k), x));
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        writeString(e.getKey(), sb);
        sb.append(':');
        writeCanonical(e.getValue(), sb);
      }
      sb.append('}');
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeCanonical(list.get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof String s) {
      writeString(s, sb);
    } else if (v instanceof Boolean || v instanceof Number) {
      sb.append(v);
    } else {
      writeString(v.toString(), sb);
    }
  }

  private static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  // ---------------------------------------------------------------- reading

  /** Reads a {@code {"features": [...]}} tree; every problem is reported together. */
  public static List<FeatureSpec> fromDocument(Object tree) {
    List<String> problems = new ArrayList<>();
    List<FeatureSpec> out = new ArrayList<>();
    Map<String, Object> doc = asMap(tree, "$", problems);
    if (doc != null) {
      unknown(doc, DOC_MEMBERS, "$", problems);
      List<Object> features = asList(doc.get("features"), "$.features", problems, false);
      if (features != null) {
        for (int i = 0; i < features.size(); i++) {
          FeatureSpec s = readSpec(features.get(i), "$.features[" + i + "]", problems);
          if (s != null) {
            out.add(s);
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionsException(problems);
    }
    return out;
  }

  /** Reads one spec tree (as stored in snapshots). */
  public static FeatureSpec fromTree(Object tree) {
    List<String> problems = new ArrayList<>();
    FeatureSpec s = readSpec(tree, "$", problems);
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionsException(problems);
    }
    return s;
  }

  private static FeatureSpec readSpec(Object node, String path, List<String> problems) {
    Map<String, Object> m = asMap(node, path, problems);
    if (m == null) {
      return null;
    }
    int before = problems.size();
    unknown(m, SPEC_MEMBERS, path, problems);
    String key = asString(m.get("key"), path + ".key", problems, false);
    if (key == null) {
      return null;
    }
    String where = path + " (feature " + key + ")";
    try {
      FeatureSpec.Builder b = FeatureSpec.builder(key);
      List<Object> ids = asList(m.get("id_columns"), where + ".id_columns", problems, false);
      List<String> idNames = strings(ids, where + ".id_columns", problems);
      if (idNames != null) {
        b.idColumns(idNames);
      }
      List<Object> deps = asList(m.get("deps"), where + ".deps", problems, true);
      if (deps != null) {
        for (int i = 0; i < deps.size(); i++) {
          FeatureDep d = readDep(deps.get(i), where + ".deps[" + i + "]", problems);
          if (d != null) {
            b.dependsOn(d);
          }
        }
      }
      List<Object> fields = asList(m.get("fields"), where + ".fields", problems, true);
      if (fields != null) {
        for (int i = 0; i < fields.size(); i++) {
          FieldSpec f = readField(fields.get(i), where + ".fields[" + i + "]", problems);
          if (f != null) {
            b.field(f);
          }
        }
      }
      Object meta = m.get("metadata");
      if (meta != null) {
        Map<String, Object> mm = asMap(meta, where + ".metadata", problems);
        if (mm != null) {
          b.metadata(mm);
        }
      }
      b.description(asString(m.get("description"), where + ".description", problems, true));
      if (problems.size() > before) {
        return null;
      }
      return b.build();
    } catch (MetaxyException e) {
      problems.add(where + ": " + e.getMessage());
      return null;
    }
  }

  private static FeatureDep readDep(Object node, String path, List<String> problems) {
    Map<String, Object> m = asMap(node, path, problems);
    if (m == null) {
      return null;
    }
    unknown(m, DEP_MEMBERS, path, problems);
    String feature = asString(m.get("feature"), path + ".feature", problems, false);
    if (feature == null) {
      return null;
    }
    try {
      FeatureDep.Builder b = FeatureDep.builder(feature);
      List<Object> select = asList(m.get("select"), path + ".select", problems, true);
      List<String> selected = strings(select, path + ".select", problems);
      if (selected != null) {
        b.select(selected);
      }
      if (m.get("rename") != null) {
        Map<String, Object> r = asMap(m.get("rename"), path + ".rename", problems);
        if (r != null) {
          r.forEach(
              (k, v) -> {
                String to = asString(v, path + ".rename." + k, problems, false);
                if (to != null) {
                  b.rename(k, to);
                }
              });
        }
      }
      List<Object> filters = asList(m.get("filters"), path + ".filters", problems, true);
      List<String> predicates = strings(filters, path + ".filters", problems);
      if (predicates != null) {
        b.filters(predicates);
      }
      if (m.get("fields_mapping") != null) {
        FieldsMapping fm = readMapping(m.get("fields_mapping"), path + ".fields_mapping", problems);
        if (fm != null) {
          b.fieldsMapping(fm);
        }
      }
      if (m.get("lineage") != null) {
        Lineage l = readLineage(m.get("lineage"), path + ".lineage", problems);
        if (l != null) {
          b.lineage(l);
        }
      }
      Object opt = m.get("optional");
      if (opt != null) {
        if (opt instanceof Boolean bo) {
          b.optional(bo);
        } else {
          problems.add(path + ".optional: expected true or false, got " + opt);
        }
      }
      return b.build();
    } catch (MetaxyException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  private static FieldsMapping readMapping(Object node, String path, List<String> problems) {
    Map<String, Object> m = asMap(node, path, problems);
    if (m == null) {
      return null;
    }
    unknown(m, Set.of("mapping"), path, problems);
    Map<String, Object> inner = asMap(m.get("mapping"), path + ".mapping", problems);
    if (inner == null) {
      return null;
    }
    unknown(inner, Set.of("type", "mapping"), path + ".mapping", problems);
    String type = asString(inner.get("type"), path + ".mapping.type", problems, false);
    if (type == null) {
      return null;
    }
    switch (type) {
      case "default":
        return FieldsMapping.defaults();
      case "all":
        return FieldsMapping.all();
      case "none":
        return FieldsMapping.none();
      case "specific":
        Map<String, Object> entries =
            asMap(inner.get("mapping"), path + ".mapping.mapping", problems);
        if (entries == null) {
          return null;
        }
        Map<FieldKey, List<FieldKey>> mapping = new LinkedHashMap<>();
        entries.forEach(
            (k, v) -> {
              String p = path + ".mapping.mapping." + k;
              List<String> ups = strings(asList(v, p, problems, false), p, problems);
              if (ups != null) {
                mapping.put(FieldKey.of(k), ups.stream().map(FieldKey::of).toList());
              }
            });
        return FieldsMapping.specific(mapping);
      default:
        problems.add(
            path
                + ".mapping.type: unknown fields mapping \""
                + type
                + "\"; use default, all, none or specific");
        return null;
    }
  }

  private static Lineage readLineage(Object node, String path, List<String> problems) {
    Map<String, Object> m = asMap(node, path, problems);
    if (m == null) {
      return null;
    }
    Map<String, Object> rel = m;
    String relPath = path;
    if (m.containsKey("relationship")) {
      unknown(m, Set.of("relationship"), path, problems);
      rel = asMap(m.get("relationship"), path + ".relationship", problems);
      relPath = path + ".relationship";
      if (rel == null) {
        return null;
      }
    }
    unknown(rel, Set.of("type", "on"), relPath, problems);
    String type = asString(rel.get("type"), relPath + ".type", problems, false);
    if (type == null) {
      return null;
    }
    List<Object> on = asList(rel.get("on"), relPath + ".on", problems, true);
    List<String> cols = on == null ? List.of() : strings(on, relPath + ".on", problems);
    if (cols == null) {
      return null;
    }
    switch (type) {
      case "1:1":
        return Lineage.identity();
      case "N:1":
        if (cols.isEmpty()) {
          problems.add(relPath + ".on: aggregation (N:1) needs the \"on\" columns to group by");
          return null;
        }
        return new Lineage.Aggregation(cols);
      case "1:N":
        if (cols.isEmpty()) {
          problems.add(relPath + ".on: expansion (1:N) needs the parent \"on\" columns");
          return null;
        }
        return new Lineage.Expansion(cols);
      default:
        problems.add(relPath + ".type: unknown lineage \"" + type + "\"; use 1:1, N:1 or 1:N");
        return null;
    }
  }

  private static FieldSpec readField(Object node, String path, List<String> problems) {
    Map<String, Object> m = asMap(node, path, problems);
    if (m == null) {
      return null;
    }
    unknown(m, FIELD_MEMBERS, path, problems);
    try {
      String key = asString(m.get("key"), path + ".key", problems, true);
      FieldSpec.Builder b = FieldSpec.builder(key == null ? "default" : key);
      String cv = asString(m.get("code_version"), path + ".code_version", problems, true);
      if (cv != null) {
        b.codeVersion(cv);
      }
      Object deps = m.get("deps");
      if (ALL_DEP.equals(deps)) {
        b.dependsOnAll();
      } else if (deps != null) {
        List<Object> list = asList(deps, path + ".deps", problems, false);
        if (list != null) {
          for (int i = 0; i < list.size(); i++) {
            String p = path + ".deps[" + i + "]";
            Map<String, Object> fd = asMap(list.get(i), p, problems);
            if (fd == null) {
              continue;
            }
            unknown(fd, FIELD_DEP_MEMBERS, p, problems);
            String feature = asString(fd.get("feature"), p + ".feature", problems, false);
            if (feature == null) {
              continue;
            }
            Object fields = fd.get("fields");
            if (fields == null || ALL_DEP.equals(fields)) {
              b.dependsOn(FieldDep.all(FeatureKey.of(feature)));
            } else {
              List<String> fl =
                  strings(asList(fields, p + ".fields", problems, false), p + ".fields", problems);
              if (fl != null) {
                b.dependsOn(
                    FieldDep.of(FeatureKey.of(feature), fl.stream().map(FieldKey::of).toList()));
              }
            }
          }
        }
      }
      return b.build();
    } catch (MetaxyException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  private static void unknown(
      Map<String, Object> m, Set<String> allowed, String path, List<String> problems) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        problems.add(
            path
                + ": unknown member \""
                + k
                + "\"; allowed members are "
                + new java.util.TreeSet<>(allowed));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object v, String path, List<String> problems) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    problems.add(path + ": expected an object, got " + describe(v));
    return null;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(
      Object v, String path, List<String> problems, boolean nullable) {
    if (v == null && nullable) {
      return null;
    }
    if (v instanceof List<?> l) {
      return (List<Object>) l;
    }
    problems.add(path + ": expected an array, got " + describe(v));
    return null;
  }

  /** The list's elements as strings, or {@code null} (each non-string reported) if any is not. */
  private static List<String> strings(List<Object> list, String path, List<String> problems) {
    if (list == null) {
      return null;
    }
    List<String> out = new ArrayList<>(list.size());
    boolean ok = true;
    for (int i = 0; i < list.size(); i++) {
      String s = asString(list.get(i), path + "[" + i + "]", problems, false);
      ok &= s != null;
      out.add(s);
    }
    return ok ? out : null;
  }

  private static String asString(Object v, String path, List<String> problems, boolean nullable) {
    if (v == null && nullable) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    problems.add(path + ": expected a string, got " + describe(v));
    return null;
  }

  private static String describe(Object v) {
    return v == null ? "nothing (missing or null)" : v.getClass().getSimpleName() + " " + v;
  }
}
