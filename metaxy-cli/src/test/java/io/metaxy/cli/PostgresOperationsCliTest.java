package io.metaxy.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link OperationsEndToEndCliTest} on PostgreSQL (127.0.0.1:5432, database {@code test}), two
 * schemas with a random suffix, dropped afterwards. Skipped when the server is unreachable, failed
 * under {@code CI=true}.
 */
class PostgresOperationsCliTest extends OperationsEndToEndCliTest {
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> schemas = List.of("mx_ops_dev_" + suffix, "mx_ops_copy_" + suffix);

  @BeforeEach
  void requireServer() {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
      c.isValid(2);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("PostgreSQL at " + URL + " is required under CI=true", e);
      }
      assumeTrue(false, "PostgreSQL at " + URL + " unreachable: " + e.getMessage());
    }
  }

  @AfterEach
  void dropSchemas() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "");
        Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Override
  String storesToml() {
    return """
        [stores.dev]
        type = "postgres"
        config = { url = "%s", user = "postgres", schema = "%s" }
        [stores.copy]
        type = "postgres"
        config = { url = "%s", user = "postgres", schema = "%s" }
        """
        .formatted(URL, schemas.get(0), URL, schemas.get(1));
  }
}
