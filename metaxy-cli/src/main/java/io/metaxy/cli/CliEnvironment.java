package io.metaxy.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the command line reads from its surroundings: environment variables, working directory,
 * class loader (for providers, scanners, feature sets) and clock. Tests pass their own; {@link
 * #system()} is the real process.
 */
public record CliEnvironment(
    Map<String, String> env, Path workingDir, ClassLoader classLoader, Clock clock) {
  public CliEnvironment {
    env = Map.copyOf(env);
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(classLoader, "classLoader");
    Objects.requireNonNull(clock, "clock");
  }

  /** The process environment, {@code user.dir}, the context class loader and the UTC clock. */
  public static CliEnvironment system() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return new CliEnvironment(
        System.getenv(),
        Path.of(System.getProperty("user.dir")),
        cl == null ? CliEnvironment.class.getClassLoader() : cl,
        Clock.systemUTC());
  }

  /** A test environment: the given variables and directory, this class's loader, UTC clock. */
  public static CliEnvironment of(Map<String, String> env, Path workingDir) {
    return new CliEnvironment(
        env, workingDir, CliEnvironment.class.getClassLoader(), Clock.systemUTC());
  }
}
