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

/**
 * Converts feature specs to and from the JSON tree of §7 (maps, lists, strings, numbers, booleans,
 * null), and writes canonical JSON (sorted keys, no whitespace) for spec versions. Parsing text is
 * left to a codec module; this class owns the shape, the defaults and the unknown-member checks.
 */
public final class SpecJson {
  /** Serialised marker for "all fields". */
  public static final String ALL_DEP = "__METAXY_ALL_DEP__";

  private static final Set<String> DOC_MEMBERS = Set.of("features", "project", "feature_schemas");
  private static final Set<String> SPEC_MEMBERS =
      Set.of("key", "id_columns", "deps", "fields", "metadata", "description");
  private static final Set<String> DEP_MEMBERS =
      Set.of(
          "feature",
          "select",
          "rename",
          "fields_mapping",
          "filters",
          "sql_filters",
          "lineage",
          "optional");
  private static final Set<String> FIELD_MEMBERS = Set.of("key", "code_version", "deps");
  private static final Set<String> FIELD_DEP_MEMBERS = Set.of("feature", "fields");

  private SpecJson() {}

  // ---------------------------------------------------------------- writing

  /**
   * The full JSON tree of one spec, every member present, in the shape Python Metaxy 0.1.11 dumps a
   * spec ({@code sql_filters}, default fields mapping with {@code match_suffix} and {@code
   * exclude_fields}, aggregation {@code on} null when not declared).
   */
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
    m.put("rename", d.renameDeclared() ? new LinkedHashMap<>(d.rename()) : null);
    m.put("fields_mapping", Map.of("mapping", mappingTree(d.fieldsMapping())));
    m.put("sql_filters", d.filtersDeclared() ? new ArrayList<>(d.filters()) : null);
    Map<String, Object> rel = new LinkedHashMap<>();
    rel.put("type", d.lineage().type());
    if (d.lineage() instanceof Lineage.Aggregation a) {
      rel.put("on", a.onDeclared() ? new ArrayList<>(a.on()) : null);
    } else if (d.lineage() instanceof Lineage.Expansion e) {
      rel.put("on", new ArrayList<>(e.on()));
      rel.put("id_generation_pattern", e.idGenerationPattern());
    }
    m.put("lineage", Map.of("relationship", rel));
    m.put("optional", d.optional());
    return m;
  }

  private static Map<String, Object> mappingTree(FieldsMapping fm) {
    Map<String, Object> mapping = new LinkedHashMap<>();
    if (fm instanceof FieldsMapping.Specific sp) {
      mapping.put("type", "specific");
      Map<String, Object> entries = new LinkedHashMap<>();
      sp.mapping()
          .forEach(
              (k, v) ->
                  entries.put(
                      k.toString(),
                      v.stream()
                          .distinct()
                          .sorted(SpecJson::compareParts)
                          .map(x -> (Object) new ArrayList<>(x.parts()))
                          .toList()));
      mapping.put("mapping", entries);
    } else if (fm instanceof FieldsMapping.Default df) {
      mapping.put("type", "default");
      mapping.put("match_suffix", df.matchSuffix());
      mapping.put("exclude_fields", df.excludeFields().stream().map(FieldKey::toString).toList());
    } else {
      mapping.put("type", fm instanceof FieldsMapping.All ? "all" : "none");
    }
    return mapping;
  }

  /** Orders keys by their parts, element by element (Python compares part tuples). */
  private static int compareParts(FieldKey a, FieldKey b) {
    List<String> x = a.parts();
    List<String> y = b.parts();
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      int c = x.get(i).compareTo(y.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  }

  /** {@code {"features": [...]}} for specs in the given order. */
  public static Map<String, Object> toDocument(List<FeatureSpec> specs) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("features", specs.stream().map(SpecJson::toTree).map(Object.class::cast).toList());
    return doc;
  }

  /** Canonical JSON of a spec, as Python Metaxy hashes it for the spec version. */
  public static String canonical(FeatureSpec spec) {
    return CanonicalJson.write(toTree(spec));
  }

  /**
   * The spec as Python Metaxy writes it into the {@code feature_spec} column of the feature
   * versions system table: members in declaration order, Python's separators and escapes.
   */
  public static String pushedText(FeatureSpec spec) {
    return CanonicalJson.writeInOrder(toTree(spec));
  }

  /** Writes any JSON tree canonically (see {@link CanonicalJson}). */
  public static String canonical(Object tree) {
    return CanonicalJson.write(tree);
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

  /**
   * The column schemas of a definitions document's optional {@code feature_schemas} member (feature
   * key → JSON schema object, as Python Metaxy records in {@code feature_schema}); empty when the
   * member is absent. They feed definition and project versions only.
   */
  public static Map<FeatureKey, Map<String, Object>> schemasOf(Object tree) {
    List<String> problems = new ArrayList<>();
    Map<FeatureKey, Map<String, Object>> out = new LinkedHashMap<>();
    Map<String, Object> doc = asMap(tree, "$", problems);
    Object schemas = doc == null ? null : doc.get("feature_schemas");
    if (schemas != null) {
      Map<String, Object> byKey = asMap(schemas, "$.feature_schemas", problems);
      if (byKey != null) {
        byKey.forEach(
            (k, v) -> {
              Map<String, Object> schema = asMap(v, "$.feature_schemas." + k, problems);
              if (schema != null) {
                try {
                  out.put(FeatureKey.of(k), schema);
                } catch (MetaxyException e) {
                  problems.add("$.feature_schemas." + k + ": " + e.getMessage());
                }
              }
            });
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
    String key = asKey(m.get("key"), path + ".key", problems, false);
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
          Object dep = deps.get(i);
          if (dep instanceof String || dep instanceof List<?>) {
            dep = Map.of("feature", dep); // a bare key, as Python accepts
          }
          FeatureDep d = readDep(dep, where + ".deps[" + i + "]", problems);
          if (d != null) {
            b.dependsOn(d);
          }
        }
      }
      List<Object> fields = asList(m.get("fields"), where + ".fields", problems, true);
      if (fields != null) {
        for (int i = 0; i < fields.size(); i++) {
          Object field = fields.get(i);
          if (field instanceof String) {
            field = Map.of("key", field); // a bare field key, as Python accepts
          }
          FieldSpec f = readField(field, where + ".fields[" + i + "]", problems);
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
    String feature = asKey(m.get("feature"), path + ".feature", problems, false);
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
          b.rename(Map.of());
          r.forEach(
              (k, v) -> {
                String to = asString(v, path + ".rename." + k, problems, false);
                if (to != null) {
                  b.rename(k, to);
                }
              });
        }
      }
      String filterMember = m.containsKey("filters") ? "filters" : "sql_filters";
      if (m.containsKey("filters") && m.containsKey("sql_filters")) {
        problems.add(path + ": give \"filters\" or \"sql_filters\" (the same member), not both");
      }
      List<Object> filters = asList(m.get(filterMember), path + "." + filterMember, problems, true);
      List<String> predicates = strings(filters, path + "." + filterMember, problems);
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
    String type = asString(inner.get("type"), path + ".mapping.type", problems, false);
    if (type == null) {
      return null;
    }
    String at = path + ".mapping";
    switch (type) {
      case "default":
        unknown(inner, Set.of("type", "match_suffix", "exclude_fields"), at, problems);
        Object suffix = inner.get("match_suffix");
        if (suffix != null && !(suffix instanceof Boolean)) {
          problems.add(at + ".match_suffix: expected true or false, got " + describe(suffix));
          return null;
        }
        List<FieldKey> excluded = new ArrayList<>();
        List<Object> ex =
            asList(inner.get("exclude_fields"), at + ".exclude_fields", problems, true);
        if (ex != null) {
          for (int i = 0; i < ex.size(); i++) {
            String k = asKey(ex.get(i), at + ".exclude_fields[" + i + "]", problems, false);
            if (k != null) {
              excluded.add(FieldKey.of(k));
            }
          }
        }
        return FieldsMapping.defaults(Boolean.TRUE.equals(suffix), excluded);
      case "all":
        unknown(inner, Set.of("type"), at, problems);
        return FieldsMapping.all();
      case "none":
        unknown(inner, Set.of("type"), at, problems);
        return FieldsMapping.none();
      case "specific":
        unknown(inner, Set.of("type", "mapping"), at, problems);
        Map<String, Object> entries = asMap(inner.get("mapping"), at + ".mapping", problems);
        if (entries == null) {
          return null;
        }
        Map<FieldKey, List<FieldKey>> mapping = new LinkedHashMap<>();
        entries.forEach(
            (k, v) -> {
              String p = at + ".mapping." + k;
              List<Object> ups = asList(v, p, problems, false);
              if (ups != null) {
                List<FieldKey> keys = new ArrayList<>();
                for (int i = 0; i < ups.size(); i++) {
                  String u = asKey(ups.get(i), p + "[" + i + "]", problems, false);
                  if (u != null) {
                    keys.add(FieldKey.of(u));
                  }
                }
                mapping.put(FieldKey.of(k), keys);
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
    String type = asString(rel.get("type"), relPath + ".type", problems, false);
    if (type == null) {
      return null;
    }
    List<Object> on = asList(rel.get("on"), relPath + ".on", problems, true);
    List<String> cols = on == null ? null : strings(on, relPath + ".on", problems);
    if (on != null && cols == null) {
      return null;
    }
    switch (type) {
      case "1:1":
        unknown(rel, Set.of("type"), relPath, problems);
        return Lineage.identity();
      case "N:1":
        unknown(rel, Set.of("type", "on"), relPath, problems);
        if (cols != null && cols.isEmpty()) {
          problems.add(
              relPath
                  + ".on: aggregation (N:1) needs at least one column to group by; omit \"on\""
                  + " (or give null) to group by the feature's ID columns");
          return null;
        }
        return cols == null ? Lineage.aggregation() : new Lineage.Aggregation(cols);
      case "1:N":
        unknown(rel, Set.of("type", "on", "id_generation_pattern"), relPath, problems);
        if (cols == null || cols.isEmpty()) {
          problems.add(relPath + ".on: expansion (1:N) needs the parent \"on\" columns");
          return null;
        }
        String pattern =
            asString(
                rel.get("id_generation_pattern"),
                relPath + ".id_generation_pattern",
                problems,
                true);
        return new Lineage.Expansion(cols, pattern);
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
      String key = asKey(m.get("key"), path + ".key", problems, true);
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
            String feature = asKey(fd.get("feature"), p + ".feature", problems, false);
            if (feature == null) {
              continue;
            }
            Object fields = fd.get("fields");
            if (fields == null || ALL_DEP.equals(fields)) {
              b.dependsOn(FieldDep.all(FeatureKey.of(feature)));
            } else {
              List<Object> raw = asList(fields, p + ".fields", problems, false);
              List<String> fl = raw == null ? null : new ArrayList<>();
              for (int j = 0; raw != null && j < raw.size(); j++) {
                String fk = asKey(raw.get(j), p + ".fields[" + j + "]", problems, false);
                if (fk == null) {
                  fl = null;
                  break;
                }
                fl.add(fk);
              }
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

  /** A key given as {@code "a/b"} or as a list of parts {@code ["a", "b"]}, as a string. */
  private static String asKey(Object v, String path, List<String> problems, boolean nullable) {
    if (v instanceof List<?> parts && !parts.isEmpty()) {
      List<String> ps = strings(asList(v, path, problems, false), path, problems);
      return ps == null ? null : String.join("/", ps);
    }
    return asString(v, path, problems, nullable);
  }

  private static String describe(Object v) {
    return v == null ? "nothing (missing or null)" : v.getClass().getSimpleName() + " " + v;
  }
}
