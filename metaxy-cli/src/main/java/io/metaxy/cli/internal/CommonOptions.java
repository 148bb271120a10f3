package io.metaxy.cli.internal;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command accepts (before or after the subcommand name). */
public final class CommonOptions {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "metaxy.toml to use (default: $METAXY_CONFIG, else searched upward).")
  Path config;

  @Option(
      names = {"-s", "--store"},
      paramLabel = "NAME",
      description = "Store to use (default: `store` of metaxy.toml).")
  String store;

  @Option(
      names = "--classpath",
      paramLabel = "PATH",
      description =
          "Your application's classes and jars (feature classes, entity beans, JDBC driver),"
              + " separated by the platform path separator; dir/* adds every jar of dir"
              + " (default: $METAXY_CLASSPATH).")
  String classpath;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress output on stderr.")
  boolean quiet;
}
