package io.metaxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * MariaDB cannot roll back DDL, so a failed feature migration stays in Flyway's history: {@code
 * migrate status} reports it as failed (not applied) and {@code migrate repair} removes it, after
 * which the fixed script applies. Needs MariaDB on 127.0.0.1:3306 (skipped locally, failed under
 * CI=true).
 */
class MariaDbMigrateRepairCliTest {
  private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private String db;

  @BeforeEach
  void server() {
    try (Connection c = DriverManager.getConnection(URL, "root", "")) {
      c.isValid(2);
    } catch (SQLException e) {
      String msg = "MariaDB is not reachable at " + URL + " (" + e.getMessage() + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + ": it is mandatory when CI=true.");
      }
      assumeTrue(false, msg + ": skipping.");
    }
    db = "mx_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  @AfterEach
  void drop() throws SQLException {
    if (db != null) {
      try (Connection c = DriverManager.getConnection(URL, "root", "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS `" + db + "`");
      }
    }
  }

  private CliHarness.Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = MetaxyCli.commandLine(CliEnvironment.of(Map.of(), dir));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new CliHarness.Result(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void aFailedMigrationIsReportedFailedAndRepairLetsTheFixedScriptApply() throws IOException {
    Files.writeString(
        dir.resolve("defs.json"), CliHarness.resource("/video-pipeline.definitions.json"));
    Files.writeString(
        dir.resolve("metaxy.toml"),
        "entrypoints = [\"defs.json\"]\n"
            + "store = \"main\"\n"
            + "[stores.main]\ntype = \"mariadb\"\n"
            + "[stores.main.config]\nurl = \""
            + URL
            + "\"\nuser = \"root\"\npassword = \"\"\nschema = \""
            + db
            + "\"\n");
    CliHarness.Result gen = run("migrate", "generate", "--dir", "db");
    assertThat(gen.exitCode()).as(gen.toString()).isZero();
    CliHarness.Result apply = run("migrate", "apply", "--dir", "db");
    assertThat(apply.exitCode()).as(apply.toString()).isZero();

    Path broken = dir.resolve("db/V2__broken.sql");
    Files.writeString(broken, "CREATE TABLE half_done (x INT);\nTHIS IS NOT SQL;\n");
    CliHarness.Result failed = run("migrate", "apply", "--features", "--dir", "db");
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.STORE_ERROR);

    JsonNode status =
        JSON.readTree(run("migrate", "status", "--dir", "db", "--format", "json").out());
    assertThat(status.get("features").get("failed").toString()).isEqualTo("[\"2\"]");
    assertThat(status.get("features").get("applied").toString()).isEqualTo("[\"1\"]");
    CliHarness.Result text = run("migrate", "status", "--dir", "db");
    assertThat(text.out()).contains("failed [2]").contains("metaxy migrate repair");

    CliHarness.Result repair = run("migrate", "repair", "--dir", "db");
    assertThat(repair.exitCode()).as(repair.toString()).isZero();
    assertThat(repair.out()).contains("[2]");
    JsonNode repaired =
        JSON.readTree(run("migrate", "status", "--dir", "db", "--format", "json").out());
    assertThat(repaired.get("features").get("failed").size()).isZero();
    assertThat(repaired.get("features").get("pending").toString()).isEqualTo("[\"2\"]");

    Files.writeString(broken, "CREATE TABLE fixed_table (x INT);\n");
    CliHarness.Result fixed = run("migrate", "apply", "--features", "--dir", "db");
    assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
    JsonNode done =
        JSON.readTree(run("migrate", "status", "--dir", "db", "--format", "json").out());
    assertThat(done.get("features").get("applied").toString()).isEqualTo("[\"1\",\"2\"]");
    assertThat(done.get("features").get("failed").size()).isZero();
  }
}
