package io.metaxy.adapter.ebean;

import org.junit.jupiter.api.BeforeAll;

/** The compatibility kit on H2 through the Ebean store in the seed layout (layout = "seed"). */
class EbeanH2SeedCompatibilityTest extends AbstractEbeanCompatibilityTest {
  @BeforeAll
  static void server() {
    TestDatabases.requireServer(TestDatabases.Kind.H2);
  }

  @Override
  TestDatabases.Kind kind() {
    return TestDatabases.Kind.H2;
  }

  @Override
  EbeanLayout layout() {
    return EbeanLayout.SEED;
  }
}
