package io.metaxy.archfixture.good.domain;

import io.vavr.collection.List;
import java.util.Objects;

/** A domain class that follows the rule (JDK and vavr only). */
public final class PureDomain {
  private final List<String> parts;

  public PureDomain(List<String> parts) {
    this.parts = Objects.requireNonNull(parts);
  }

  public int size() {
    return parts.size();
  }
}
