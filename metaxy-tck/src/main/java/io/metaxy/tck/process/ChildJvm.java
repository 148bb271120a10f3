package io.metaxy.tck.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM started on the current test's class path ({@code java.class.path}; works with
 * surefire's manifest-only jar too), running one {@code main} class. Its stdout lines are collected
 * as they arrive (stderr is merged into them); the test waits for a line, for the exit, or kills it
 * with {@link #kill()} (SIGKILL on Unix).
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    this.reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  synchronized (lines) {
                    lines.add(l);
                    lines.notifyAll();
                  }
                }
              } catch (IOException e) {
                // the child died: the lines read so far stay
              }
              synchronized (lines) {
                lines.notifyAll();
              }
            },
            "child-jvm-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code mainClass} with {@code args}; {@code jvmOptions} are passed before the class
   * (e.g. {@code -Xmx512m}, {@code -Dkey=value}).
   */
  public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, List<String> args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass.getName());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    return new ChildJvm(pb.start());
  }

  /** Starts {@link StoreWriterMain} with {@code args} and a 512 MiB heap. */
  public static ChildJvm writer(List<String> args) throws IOException {
    return start(
        StoreWriterMain.class,
        List.of("-Xmx512m", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true"),
        args);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Every line the child has printed so far. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** Output so far, one string (for assertion messages). */
  public String output() {
    return String.join("\n", lines());
  }

  /**
   * Waits until a line matches {@code wanted} and returns it; fails when the child exits first or
   * the timeout passes.
   */
  public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    synchronized (lines) {
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (wanted.test(lines.get(seen))) {
            return lines.get(seen);
          }
        }
        long left = end - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
          throw new AssertionError(
              "child " + pid() + " printed no expected line; output:\n" + String.join("\n", lines));
        }
        lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
      }
    }
  }

  /** Waits for the exit and returns the exit code; fails (killing the child) on timeout. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new AssertionError(
          "child " + pid() + " did not exit within " + timeout + "; output:\n" + output());
    }
    reader.join(5_000);
    return process.exitValue();
  }

  /** Kills the child at once ({@link Process#destroyForcibly()}: SIGKILL) and waits for it. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** Lines starting with {@code prefix}, in order. */
  public List<String> linesStartingWith(String prefix) {
    Objects.requireNonNull(prefix);
    return lines().stream().filter(l -> l.startsWith(prefix)).toList();
  }
}
