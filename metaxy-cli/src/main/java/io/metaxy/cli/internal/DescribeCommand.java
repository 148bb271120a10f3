package io.metaxy.cli.internal;

import io.metaxy.cli.CliEnvironment;
import io.metaxy.config.MetaxyContext;
import io.metaxy.domain.graph.GraphVersions;
import io.metaxy.domain.json.SpecJson;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldRef;
import io.metaxy.domain.spec.FeatureDep;
import io.metaxy.domain.spec.FeatureSpec;
import io.metaxy.domain.spec.FieldSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metaxy describe FEATURE}: the spec, its versions and field lineage. */
@Command(name = "describe", description = "Show one feature: spec, versions, field parents.")
public final class DescribeCommand extends BaseCommand {
  @Parameters(paramLabel = "FEATURE", description = "Feature key, e.g. example/crop")
  String feature;

  @Option(names = "--format", defaultValue = "text", description = "text or json")
  OutputFormat format;

  DescribeCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  public Integer call() {
    try (MetaxyContext mx = openContextReadOnly()) {
      FeatureKey key = feature(mx, feature);
      FeatureSpec s = mx.graph().get(key);
      GraphVersions v = versions(mx);
      Map<String, List<String>> parents = new LinkedHashMap<>();
      for (FieldSpec f : s.fields()) {
        parents.put(
            f.key().toString(),
            mx.graph().parentFields(new FieldRef(key, f.key())).stream()
                .map(FieldRef::toString)
                .toList());
      }
      List<String> downstream =
          mx.graph().downstream(key).stream().map(FeatureKey::toString).toList();
      String cls = mx.featureClass(key).map(Class::getName).orElse(null);
      if (format == OutputFormat.JSON) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("key", key.toString());
        o.put("feature_version", v.featureVersion(key));
        o.put("code_version", v.featureCodeVersion(key));
        o.put("spec_version", v.specVersion(key));
        o.put("field_versions", v.fieldVersions(key));
        o.put("field_parents", parents);
        o.put("downstream", downstream);
        o.put("class", cls);
        o.put("table", key.tableName());
        o.put("spec", SpecJson.toTree(s));
        printJson(o);
        return 0;
      }
      var out = out();
      out.println("Feature " + key);
      out.println("  id columns:       " + String.join(", ", s.idColumns()));
      out.println("  feature version:  " + v.featureVersion(key));
      out.println("  code version:     " + v.featureCodeVersion(key));
      out.println("  spec version:     " + v.specVersion(key));
      out.println("  class:            " + (cls == null ? "-" : cls));
      out.println(
          "  depends on:       "
              + (s.deps().isEmpty()
                  ? "- (root feature)"
                  : s.deps().stream().map(DescribeCommand::dep).collect(Collectors.joining(", "))));
      out.println(
          "  downstream:       " + (downstream.isEmpty() ? "-" : String.join(", ", downstream)));
      if (s.description() != null) {
        out.println("  description:      " + s.description());
      }
      out.println("  fields:");
      Table t = new Table("    FIELD", "CODE", "VERSION", "PARENTS");
      for (FieldSpec f : s.fields()) {
        List<String> p = parents.get(f.key().toString());
        t.row(
            "    " + f.key(),
            f.codeVersion(),
            v.fieldVersion(key, f.key()),
            p.isEmpty() ? "-" : String.join(", ", p));
      }
      t.print(out);
      return 0;
    }
  }

  private static String dep(FeatureDep d) {
    return d.feature() + (d.optional() ? " (optional)" : "");
  }
}
