package io.metaxy.domain.spec;

import io.metaxy.domain.key.FieldKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A field of a feature: its key, its code version (bump it when the code computing the field
 * changes) and, optionally, explicit dependencies on upstream fields.
 */
public final class FieldSpec {
  /** Code version of a field that never declared one. */
  public static final String INITIAL_CODE_VERSION = "__metaxy_initial__";

  private final FieldKey key;
  private final String codeVersion;
  private final boolean dependsOnAll;
  private final List<FieldDep> deps;

  private FieldSpec(Builder b) {
    this.key = Objects.requireNonNull(b.key, "field key");
    this.codeVersion = Objects.requireNonNull(b.codeVersion, "code version");
    this.dependsOnAll = b.dependsOnAll;
    this.deps = List.copyOf(b.deps);
  }

  public static FieldSpec of(String key, String codeVersion) {
    return builder(key).codeVersion(codeVersion).build();
  }

  public static Builder builder(String key) {
    return new Builder(FieldKey.of(key));
  }

  public static Builder builder(FieldKey key) {
    return new Builder(key);
  }

  public FieldKey key() {
    return key;
  }

  public String codeVersion() {
    return codeVersion;
  }

  /** True when the field depends on every field of every upstream dependency. */
  public boolean dependsOnAll() {
    return dependsOnAll;
  }

  /** Explicit field dependencies; empty means "use the fields mapping of each feature dep". */
  public List<FieldDep> deps() {
    return deps;
  }

  public Builder toBuilder() {
    Builder b = new Builder(key).codeVersion(codeVersion);
    b.dependsOnAll = dependsOnAll;
    b.deps.addAll(deps);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSpec f
        && f.key.equals(key)
        && f.codeVersion.equals(codeVersion)
        && f.dependsOnAll == dependsOnAll
        && f.deps.equals(deps);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, codeVersion, dependsOnAll, deps);
  }

  @Override
  public String toString() {
    return key + "@" + codeVersion;
  }

  /** Builds a {@link FieldSpec}. */
  public static final class Builder {
    private final FieldKey key;
    private String codeVersion = INITIAL_CODE_VERSION;
    private boolean dependsOnAll;
    private final List<FieldDep> deps = new ArrayList<>();

    private Builder(FieldKey key) {
      this.key = key;
    }

    public Builder codeVersion(String codeVersion) {
      this.codeVersion = codeVersion;
      return this;
    }

    /** Adds an explicit dependency on fields of an upstream feature. */
    public Builder dependsOn(FieldDep dep) {
      deps.add(Objects.requireNonNull(dep));
      return this;
    }

    /** Shorthand for {@code dependsOn(FieldDep.on(feature, fields))}. */
    public Builder dependsOn(String feature, String... fields) {
      return dependsOn(FieldDep.on(feature, fields));
    }

    /** Depends on every field of every upstream dependency. */
    public Builder dependsOnAll() {
      this.dependsOnAll = true;
      return this;
    }

    public FieldSpec build() {
      return new FieldSpec(this);
    }
  }
}
