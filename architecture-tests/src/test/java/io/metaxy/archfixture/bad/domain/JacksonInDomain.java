package io.metaxy.archfixture.bad.domain;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A "domain" class using Jackson: breaks "domain depends on JDK + vavr". */
public class JacksonInDomain {
  public String write(Object o) throws Exception {
    return new ObjectMapper().writeValueAsString(o);
  }
}
