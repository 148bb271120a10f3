package io.metaxy.domain.spec;

import io.metaxy.domain.error.ErrorCode;
import io.metaxy.domain.error.InvalidSpecException;
import io.metaxy.domain.error.Problem;
import io.metaxy.domain.key.FeatureKey;
import io.metaxy.domain.key.FieldKey;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The definition of one feature: key, ID columns, upstream dependencies, fields with code versions,
 * free-form metadata and a description. Built with {@link #builder(String)}; {@link
 * Builder#build()} reports every problem of the spec at once.
 */
public final class FeatureSpec {
  private final FeatureKey key;
  private final List<String> idColumns;
  private final List<FeatureDep> deps;
  private final List<FieldSpec> fields;
  private final Map<String, Object> metadata;
  private final String description;

  private FeatureSpec(Builder b, List<FieldSpec> fields) {
    this.key = b.key;
    this.idColumns = List.copyOf(b.idColumns);
    this.deps = b.deps.stream().map(d -> withDefaultAggregation(d, this.idColumns)).toList();
    this.fields = List.copyOf(fields);
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    this.description = b.description;
  }

  /** An aggregation that declares no {@code on} columns groups by this feature's ID columns. */
  private static FeatureDep withDefaultAggregation(FeatureDep d, List<String> idColumns) {
    if (d.lineage() instanceof Lineage.Aggregation a && !a.onDeclared()) {
      return d.toBuilder().lineage(a.withDefaultOn(idColumns)).build();
    }
    return d;
  }

  public static Builder builder(String key) {
    return new Builder(FeatureKey.of(key));
  }

  public static Builder builder(FeatureKey key) {
    return new Builder(key);
  }

  public FeatureKey key() {
    return key;
  }

  public List<String> idColumns() {
    return idColumns;
  }

  public List<FeatureDep> deps() {
    return deps;
  }

  public List<FieldSpec> fields() {
    return fields;
  }

  public Optional<FieldSpec> field(FieldKey fieldKey) {
    for (FieldSpec f : fields) { // a plain loop: called for every parent field of a graph
      if (f.key().equals(fieldKey)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public Optional<FeatureDep> dep(FeatureKey upstream) {
    for (FeatureDep d : deps) {
      if (d.feature().equals(upstream)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** Free-form JSON-like metadata (String, Number, Boolean, null, List, Map values). */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** Optional human description, may be {@code null}. */
  public String description() {
    return description;
  }

  public boolean isRoot() {
    return deps.isEmpty();
  }

  public Builder toBuilder() {
    Builder b = new Builder(key);
    b.idColumns.addAll(idColumns);
    b.deps.addAll(deps);
    b.fields.addAll(fields);
    b.metadata.putAll(metadata);
    b.description = description;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSpec s
        && s.key.equals(key)
        && s.idColumns.equals(idColumns)
        && s.deps.equals(deps)
        && s.fields.equals(fields)
        && s.metadata.equals(metadata)
        && Objects.equals(s.description, description);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, idColumns, deps, fields, metadata, description);
  }

  @Override
  public String toString() {
    return "FeatureSpec[" + key + "]";
  }

  /** Builds a {@link FeatureSpec}. */
  public static final class Builder {
    private final FeatureKey key;
    private final List<String> idColumns = new ArrayList<>();
    private final List<FeatureDep> deps = new ArrayList<>();
    private final List<FieldSpec> fields = new ArrayList<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private String description;

    private Builder(FeatureKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    public Builder idColumns(String... columns) {
      return idColumns(List.of(columns));
    }

    public Builder idColumns(List<String> columns) {
      idColumns.clear();
      idColumns.addAll(columns);
      return this;
    }

    /** Adds a plain identity dependency. */
    public Builder dependsOn(String upstream) {
      return dependsOn(FeatureDep.on(upstream));
    }

    public Builder dependsOn(FeatureDep dep) {
      deps.add(Objects.requireNonNull(dep));
      return this;
    }

    public Builder deps(List<FeatureDep> all) {
      deps.addAll(all);
      return this;
    }

    /** Adds a field with a code version and no explicit deps. */
    public Builder field(String fieldKey, String codeVersion) {
      return field(FieldSpec.of(fieldKey, codeVersion));
    }

    public Builder field(FieldSpec field) {
      fields.add(Objects.requireNonNull(field));
      return this;
    }

    public Builder fields(List<FieldSpec> all) {
      fields.addAll(all);
      return this;
    }

    public Builder metadata(Map<String, Object> values) {
      metadata.putAll(values);
      return this;
    }

    public Builder metadata(String name, Object value) {
      metadata.put(name, value);
      return this;
    }

    public Builder description(String text) {
      this.description = text;
      return this;
    }

    /** Validates and builds; collects every problem into one {@link InvalidSpecException}. */
    public FeatureSpec build() {
      Validation<Seq<Problem>, FeatureSpec> v = validate();
      if (v.isInvalid()) {
        throw new InvalidSpecException(v.getError().toJavaList());
      }
      return v.get();
    }

    /** Validates without throwing. */
    public Validation<Seq<Problem>, FeatureSpec> validate() {
      List<Problem> problems = new ArrayList<>();
      String k = key.toString();
      if (idColumns.isEmpty()) {
        problems.add(
            new Problem(
                ErrorCode.EMPTY_ID_COLUMNS,
                k,
                null,
                "Feature "
                    + k
                    + " has no ID columns: declare at least one, e.g. idColumns(\"sample_id\")."));
      }
      Set<String> seenIds = new HashSet<>();
      for (String id : idColumns) {
        if (id == null || id.isBlank()) {
          problems.add(
              new Problem(
                  ErrorCode.EMPTY_ID_COLUMNS,
                  k,
                  id,
                  "Feature " + k + " has a blank ID column name: give every ID column a name."));
        } else if (!seenIds.add(id)) {
          problems.add(
              new Problem(
                  ErrorCode.DUPLICATE_FIELD,
                  k,
                  id,
                  "Feature " + k + " lists ID column \"" + id + "\" twice: list it once."));
        } else if (SystemColumns.isReserved(id)) {
          problems.add(
              new Problem(
                  ErrorCode.RESERVED_COLUMN,
                  k,
                  id,
                  "Feature "
                      + k
                      + " uses the reserved system column name \""
                      + id
                      + "\" as an ID column: rename it (names starting with metaxy_ are"
                      + " reserved)."));
        }
      }
      List<FieldSpec> effectiveFields =
          fields.isEmpty() ? List.of(FieldSpec.builder(FieldKey.DEFAULT).build()) : fields;
      Set<FieldKey> seenFields = new HashSet<>();
      Map<String, FieldKey> structKeys = new HashMap<>();
      for (FieldSpec f : effectiveFields) {
        FieldKey clash = structKeys.putIfAbsent(f.key().structKey(), f.key());
        if (clash != null && !clash.equals(f.key())) {
          // "a/b" and "a_b" would overwrite each other inside the *_by_field maps.
          problems.add(
              new Problem(
                  ErrorCode.DUPLICATE_FIELD,
                  k,
                  f.key().toString(),
                  "Feature "
                      + k
                      + " declares fields \""
                      + clash
                      + "\" and \""
                      + f.key()
                      + "\", which share the struct key \""
                      + f.key().structKey()
                      + "\" used in the *_by_field columns: rename one of them."));
        }
        if (!seenFields.add(f.key())) {
          problems.add(
              new Problem(
                  ErrorCode.DUPLICATE_FIELD,
                  k,
                  f.key().toString(),
                  "Feature "
                      + k
                      + " declares field \""
                      + f.key()
                      + "\" more than once: field keys must be unique."));
        }
      }
      Set<FeatureKey> seenDeps = new HashSet<>();
      for (FeatureDep d : deps) {
        d.rename()
            .forEach(
                (from, to) -> {
                  if (SystemColumns.isReserved(to)) {
                    problems.add(
                        new Problem(
                            ErrorCode.RESERVED_COLUMN,
                            k,
                            to,
                            "Feature "
                                + k
                                + " renames column \""
                                + from
                                + "\" of "
                                + d.feature()
                                + " to \""
                                + to
                                + "\", a reserved system column name: choose a name that does"
                                + " not start with metaxy_."));
                  }
                });
        if (!seenDeps.add(d.feature())) {
          problems.add(
              new Problem(
                  ErrorCode.DUPLICATE_DEPENDENCY,
                  k,
                  null,
                  "Feature "
                      + k
                      + " depends on "
                      + d.feature()
                      + " more than once: merge the two dependencies into one."));
        }
      }
      if (!problems.isEmpty()) {
        return Validation.invalid(io.vavr.collection.List.ofAll(problems));
      }
      return Validation.valid(new FeatureSpec(this, effectiveFields));
    }
  }
}
