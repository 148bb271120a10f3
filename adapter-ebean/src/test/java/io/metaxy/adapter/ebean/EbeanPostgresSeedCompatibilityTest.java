package io.metaxy.adapter.ebean;

import org.junit.jupiter.api.BeforeAll;

/**
 * The compatibility kit on Postgres through the Ebean store in the seed layout (layout = "seed").
 */
class EbeanPostgresSeedCompatibilityTest extends AbstractEbeanCompatibilityTest {
  @BeforeAll
  static void server() {
    TestDatabases.requireServer(TestDatabases.Kind.POSTGRES);
  }

  @Override
  TestDatabases.Kind kind() {
    return TestDatabases.Kind.POSTGRES;
  }

  @Override
  EbeanLayout layout() {
    return EbeanLayout.SEED;
  }
}
