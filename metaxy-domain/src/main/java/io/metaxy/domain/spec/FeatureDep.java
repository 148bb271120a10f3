package io.metaxy.domain.spec;

import io.metaxy.domain.filter.FilterExpression;
import io.metaxy.domain.filter.FilterParser;
import io.metaxy.domain.key.FeatureKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dependency of a feature on an upstream feature: which columns to take ({@link #rename()} first,
 * then {@link #select()}), which rows ({@link #filters()}), how fields map, the lineage and whether
 * the upstream is optional.
 */
public final class FeatureDep {
  private final FeatureKey feature;
  private final List<String> select; // null = all columns
  private final Map<String, String> rename;
  private final FieldsMapping fieldsMapping;
  private final List<String> filters;
  private final List<FilterExpression> parsedFilters;
  private final Lineage lineage;
  private final boolean optional;
  private final boolean renameDeclared;
  private final boolean filtersDeclared;

  private FeatureDep(Builder b) {
    this.feature = Objects.requireNonNull(b.feature, "feature");
    this.select = b.select == null ? null : List.copyOf(b.select);
    this.rename = Collections.unmodifiableMap(new LinkedHashMap<>(b.rename));
    this.fieldsMapping = Objects.requireNonNull(b.fieldsMapping, "fieldsMapping");
    this.filters = List.copyOf(b.filters);
    this.parsedFilters = this.filters.stream().map(FilterParser::parse).toList();
    this.lineage = Objects.requireNonNull(b.lineage, "lineage");
    this.optional = b.optional;
    this.renameDeclared = b.renameDeclared || !rename.isEmpty();
    this.filtersDeclared = b.filtersDeclared || !filters.isEmpty();
  }

  /** A plain identity dependency on {@code feature}. */
  public static FeatureDep on(String feature) {
    return builder(feature).build();
  }

  public static FeatureDep on(FeatureKey feature) {
    return builder(feature).build();
  }

  public static Builder builder(String feature) {
    return new Builder(FeatureKey.of(feature));
  }

  public static Builder builder(FeatureKey feature) {
    return new Builder(feature);
  }

  public FeatureKey feature() {
    return feature;
  }

  /** Post-rename column names to keep, or {@code null} for all columns. */
  public List<String> select() {
    return select;
  }

  /** Old name → new name, applied before select and filters. */
  public Map<String, String> rename() {
    return rename;
  }

  public FieldsMapping fieldsMapping() {
    return fieldsMapping;
  }

  /** Filter strings as written. */
  public List<String> filters() {
    return filters;
  }

  /** Filters parsed into expression trees (same order as {@link #filters()}). */
  public List<FilterExpression> parsedFilters() {
    return parsedFilters;
  }

  /**
   * Whether a rename map was given, even an empty one (the spec JSON writes {@code {}} rather than
   * {@code null}, which changes the spec version).
   */
  public boolean renameDeclared() {
    return renameDeclared;
  }

  /** Whether a filter list was given, even an empty one (JSON {@code []} rather than null). */
  public boolean filtersDeclared() {
    return filtersDeclared;
  }

  public Lineage lineage() {
    return lineage;
  }

  public boolean optional() {
    return optional;
  }

  public Builder toBuilder() {
    Builder b = new Builder(feature);
    b.select = select == null ? null : new ArrayList<>(select);
    b.rename.putAll(rename);
    b.fieldsMapping = fieldsMapping;
    b.filters.addAll(filters);
    b.lineage = lineage;
    b.optional = optional;
    b.renameDeclared = renameDeclared;
    b.filtersDeclared = filtersDeclared;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureDep d
        && d.feature.equals(feature)
        && Objects.equals(d.select, select)
        && d.rename.equals(rename)
        && d.fieldsMapping.equals(fieldsMapping)
        && d.filters.equals(filters)
        && d.lineage.equals(lineage)
        && d.optional == optional
        && d.renameDeclared == renameDeclared
        && d.filtersDeclared == filtersDeclared;
  }

  @Override
  public int hashCode() {
    return Objects.hash(feature, select, rename, fieldsMapping, filters, lineage, optional);
  }

  @Override
  public String toString() {
    return "FeatureDep[" + feature + (optional ? ", optional" : "") + ", " + lineage.type() + "]";
  }

  /** Builds a {@link FeatureDep}. */
  public static final class Builder {
    private final FeatureKey feature;
    private List<String> select;
    private final Map<String, String> rename = new LinkedHashMap<>();
    private FieldsMapping fieldsMapping = FieldsMapping.defaults();
    private final List<String> filters = new ArrayList<>();
    private Lineage lineage = Lineage.identity();
    private boolean optional;
    private boolean renameDeclared;
    private boolean filtersDeclared;

    private Builder(FeatureKey feature) {
      this.feature = feature;
    }

    public Builder select(String... columns) {
      return select(List.of(columns));
    }

    public Builder select(List<String> columns) {
      this.select = columns == null ? null : new ArrayList<>(columns);
      return this;
    }

    public Builder rename(String from, String to) {
      rename.put(from, to);
      return this;
    }

    public Builder rename(Map<String, String> renames) {
      renameDeclared = true;
      rename.putAll(renames);
      return this;
    }

    public Builder fieldsMapping(FieldsMapping mapping) {
      this.fieldsMapping = mapping;
      return this;
    }

    /** Adds a filter predicate (parsed when built; a syntax error names the position). */
    public Builder filter(String predicate) {
      filters.add(predicate);
      return this;
    }

    public Builder filters(List<String> predicates) {
      filtersDeclared = true;
      filters.addAll(predicates);
      return this;
    }

    public Builder lineage(Lineage lineage) {
      this.lineage = lineage;
      return this;
    }

    public Builder optional() {
      return optional(true);
    }

    public Builder optional(boolean optional) {
      this.optional = optional;
      return this;
    }

    public FeatureDep build() {
      return new FeatureDep(this);
    }
  }
}
