package io.metaxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A misspelled key under {@code stores.<name>.config} of a real store type (the jOOQ PostgreSQL
 * provider) is reported in the same round as the file's other problems, before any store is created
 * or any server contacted.
 */
class StoreConfigKeysCliTest {
  @TempDir Path dir;

  private CliHarness.Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = MetaxyCli.commandLine(CliEnvironment.of(Map.of(), dir));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new CliHarness.Result(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void aMisspelledPostgresConfigKeyIsReportedWithTheOtherProblems() throws IOException {
    Files.writeString(
        dir.resolve("metaxy.toml"),
        "hash_algorithm = \"nope\"\n"
            + "store = \"main\"\n"
            + "[stores.main]\ntype = \"postgres\"\n"
            + "[stores.main.config]\nurll = \"jdbc:postgresql://127.0.0.1:1/none\"\n"
            + "user = \"u\"\n");
    CliHarness.Result r = run("list", "features");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(r.err())
        .as(r.toString())
        .contains("hash_algorithm")
        .contains("stores.main.config.urll")
        .contains("url");
  }

  @Test
  void aMemoryStoreConfigKeyIsReportedWithTheOtherProblems() throws IOException {
    Files.writeString(
        dir.resolve("metaxy.toml"),
        "hash_algorithm = \"nope\"\n"
            + "store = \"main\"\n"
            + "[stores.main]\ntype = \"memory\"\n"
            + "[stores.main.config]\npath = \"x\"\n");
    CliHarness.Result r = run("list", "features");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(r.err())
        .as(r.toString())
        .contains("hash_algorithm")
        .contains("stores.main.config.path");
  }
}
