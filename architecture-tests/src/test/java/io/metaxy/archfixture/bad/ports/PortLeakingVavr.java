package io.metaxy.archfixture.bad.ports;

import io.vavr.control.Try;

/** A port exposing a vavr type: breaks "ports depend on domain + JDK only". */
public interface PortLeakingVavr {
  Try<String> read();
}
