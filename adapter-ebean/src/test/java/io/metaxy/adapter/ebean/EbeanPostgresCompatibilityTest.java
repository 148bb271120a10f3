package io.metaxy.adapter.ebean;

import org.junit.jupiter.api.BeforeAll;

/** The compatibility kit on Postgres through the Ebean store (python layout, the default). */
class EbeanPostgresCompatibilityTest extends AbstractEbeanCompatibilityTest {
  @BeforeAll
  static void server() {
    TestDatabases.requireServer(TestDatabases.Kind.POSTGRES);
  }

  @Override
  TestDatabases.Kind kind() {
    return TestDatabases.Kind.POSTGRES;
  }
}
