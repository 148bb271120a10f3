package io.metaxy.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python scripts of {@code src/test/python/} with the pinned Python Metaxy venv: JSON on
 * stdin, JSON on stdout. The interpreter is {@code $METAXY_PYTHON}, else the nearest {@code
 * .venv-interop/bin/python} found walking up from the working directory. Without it a test skips
 * with a message; under {@code CI=true} it fails instead.
 */
final class PythonMetaxy {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Path SCRIPTS = Path.of("src/test/python").toAbsolutePath();

  private final Path python;

  private PythonMetaxy(Path python) {
    this.python = python;
  }

  /** The venv's interpreter, or a skip (locally) / failure (CI=true) naming what is missing. */
  static PythonMetaxy require() {
    Path found = locate();
    if (found == null) {
      String msg =
          "Python Metaxy venv not found: set METAXY_PYTHON or run scripts/test-services.sh to"
              + " build .venv-interop/ (looked upward from "
              + Path.of("").toAbsolutePath()
              + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + ": it is mandatory when CI=true.");
      }
      assumeTrue(false, msg + ": skipping the interop tests.");
    }
    return new PythonMetaxy(found);
  }

  private static Path locate() {
    String env = System.getenv("METAXY_PYTHON");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      return Files.isExecutable(p) ? p : null;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve(".venv-interop/bin/python");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Runs {@code script} with {@code request} as JSON on stdin; returns its stdout parsed. */
  @SuppressWarnings("unchecked")
  Map<String, Object> run(String script, Object request) {
    try {
      return JSON.readValue(runRaw(script, JSON.writeValueAsString(request)), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot parse the output of " + script, e);
    }
  }

  /** Runs {@code script} with {@code stdin}; returns stdout, failing on a non-zero exit. */
  String runRaw(String script, String stdin) {
    ProcessBuilder pb = new ProcessBuilder(python.toString(), SCRIPTS.resolve(script).toString());
    pb.directory(SCRIPTS.toFile());
    pb.environment().put("PYTHONPATH", SCRIPTS.toString());
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    pb.environment().remove("METAXY_CONFIG");
    try {
      Process p = pb.start();
      CompletableFuture<String> out = read(p.getInputStream());
      CompletableFuture<String> err = read(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(script + " did not finish within " + TIMEOUT);
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(
            script
                + " exited with "
                + p.exitValue()
                + ":\n"
                + err.join()
                + "\nstdout:\n"
                + out.join());
      }
      return out.join();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + python + " " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while running " + script, e);
    }
  }

  private static CompletableFuture<String> read(InputStream s) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (s) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
