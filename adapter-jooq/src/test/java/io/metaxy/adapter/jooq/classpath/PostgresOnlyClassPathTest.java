package io.metaxy.adapter.jooq.classpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An application that uses PostgreSQL only needs the jOOQ adapter and the PostgreSQL driver: the
 * adapter's pom forces no other database artifact on it, and such an application writes and
 * resolves in a JVM whose class path lacks DuckDB, H2 and MariaDB, while asking for a DuckDB store
 * there fails naming the artifact to add.
 */
class PostgresOnlyClassPathTest {
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String PG_USER = "postgres";

  /**
   * Class path entries left out: the other databases' drivers and every Flyway database module (the
   * store itself needs none; only {@code JooqSchemaMigrator} does).
   */
  private static final List<String> OTHER_DATABASES =
      List.of("duckdb", "h2database", "mariadb", "flyway-mysql", "flyway-database");

  private static final List<String> DATABASE_GROUPS =
      List.of("org.duckdb", "com.h2database", "org.postgresql", "org.mariadb.jdbc");

  @Test
  void adapterPomForcesNoDatabaseArtifact() throws Exception {
    Element project =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile())
            .getDocumentElement();
    Element deps = (Element) project.getElementsByTagName("dependencies").item(0);
    NodeList list = deps.getElementsByTagName("dependency");
    Map<String, String> forced = new LinkedHashMap<>();
    int databaseArtifacts = 0;
    for (int i = 0; i < list.getLength(); i++) {
      Element d = (Element) list.item(i);
      String group = text(d, "groupId");
      String artifact = text(d, "artifactId");
      boolean database =
          DATABASE_GROUPS.contains(group)
              || (group.equals("org.flywaydb") && !artifact.equals("flyway-core"));
      if (!database) {
        continue;
      }
      databaseArtifacts++;
      boolean optional = "true".equals(text(d, "optional"));
      boolean test = "test".equals(text(d, "scope"));
      if (!optional && !test) {
        forced.put(group + ":" + artifact, text(d, "scope"));
      }
    }
    assertThat(databaseArtifacts).as("database artifacts declared by the adapter").isGreaterThan(4);
    assertThat(forced).as("database artifacts forced on every user").isEmpty();
  }

  @Test
  void postgresOnlyApplicationRunsWithoutDuckDb() throws Exception {
    requirePostgres();
    String schema = "mx_cp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String classPath =
        Arrays.stream(testClassPath().split(File.pathSeparator))
            .filter(e -> OTHER_DATABASES.stream().noneMatch(e::contains))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(classPath)
        .contains("postgresql")
        .doesNotContain("duckdb")
        .doesNotContain("flyway-database");
    Path out = Files.createTempFile("postgres-only", ".out");
    try {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  classPath,
                  PostgresOnlyApplication.class.getName(),
                  PG_URL,
                  PG_USER,
                  schema)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        fail("the child JVM did not finish in 3 minutes");
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output)
          .contains("duckdb_driver_present=false")
          .contains("first_new=2")
          .contains("second_new=0")
          .contains("second_stale=0")
          .contains("add the dependency org.duckdb:duckdb_jdbc");
    } finally {
      Files.deleteIfExists(out);
      execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }
  }

  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  private static String text(Element e, String tag) {
    NodeList n = e.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
  }

  private static void requirePostgres() {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String msg = "PostgreSQL is not reachable at " + PG_URL + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + ": it is mandatory when CI=true.");
      }
      assumeTrue(false, msg + ": skipping (start the server to run this test).");
    }
  }

  private static void execute(String sql) throws IOException {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IOException(sql + ": " + e.getMessage(), e);
    }
  }
}
