package io.metaxy.adapter.ebean;

import org.junit.jupiter.api.BeforeAll;

/** The compatibility kit on H2 through the Ebean store (python layout, the default). */
class EbeanH2CompatibilityTest extends AbstractEbeanCompatibilityTest {
  @BeforeAll
  static void server() {
    TestDatabases.requireServer(TestDatabases.Kind.H2);
  }

  @Override
  TestDatabases.Kind kind() {
    return TestDatabases.Kind.H2;
  }
}
