package io.metaxy.archfixture.bad.domain;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.List;

/**
 * A domain class exposing vavr in public signatures (return type; type argument of a parameter):
 * breaks "public domain signatures expose no vavr type". Its private use of vavr is fine.
 */
public class VavrInDomainApi {
  public Validation<Seq<String>, String> validate() {
    return check();
  }

  public int problems(List<Seq<String>> all) {
    return all.size();
  }

  private Validation<Seq<String>, String> check() {
    return Validation.valid("ok");
  }
}
