package io.metaxy.archfixture.bad.adapter.three;

import io.vavr.control.Validation;

/** An adapter using vavr: breaks "ports, adapters, kit, json and hashing never use vavr". */
public class VavrInAdapter {
  public boolean ok(String s) {
    Validation<String, String> v = s.isEmpty() ? Validation.invalid("empty") : Validation.valid(s);
    return v.isValid();
  }
}
