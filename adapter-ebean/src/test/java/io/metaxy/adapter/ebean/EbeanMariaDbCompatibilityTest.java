package io.metaxy.adapter.ebean;

import org.junit.jupiter.api.BeforeAll;

/** The compatibility kit on MariaDb through the Ebean store. */
class EbeanMariaDbCompatibilityTest extends AbstractEbeanCompatibilityTest {
  @BeforeAll
  static void server() {
    TestDatabases.requireServer(TestDatabases.Kind.MARIADB);
  }

  @Override
  TestDatabases.Kind kind() {
    return TestDatabases.Kind.MARIADB;
  }
}
