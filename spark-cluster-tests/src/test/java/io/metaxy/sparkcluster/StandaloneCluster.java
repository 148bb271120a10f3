package io.metaxy.sparkcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on loopback for tests: one master and {@code workers} worker JVMs
 * started from the test class path ({@code org.apache.spark.deploy.master.Master} and {@code
 * org.apache.spark.deploy.worker.Worker}), each bound to 127.0.0.1 on free ports, one core and 512
 * MB each. Their logs go to {@link #logDir()}.
 */
final class StandaloneCluster implements AutoCloseable {
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final String masterUrl;

  private StandaloneCluster(Path dir, String masterUrl) {
    this.dir = dir;
    this.masterUrl = masterUrl;
  }

  static StandaloneCluster start(int workers) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("metaxy-spark-cluster");
    int port = freePort();
    StandaloneCluster c = new StandaloneCluster(dir, "spark://127.0.0.1:" + port);
    try {
      c.launch(
          "master",
          List.of(
              "org.apache.spark.deploy.master.Master",
              "--host",
              "127.0.0.1",
              "--port",
              Integer.toString(port),
              "--webui-port",
              Integer.toString(freePort())));
      awaitPort(port, Duration.ofSeconds(120));
      for (int i = 0; i < workers; i++) {
        Path work = Files.createDirectories(dir.resolve("work-" + i));
        c.launch(
            "worker-" + i,
            List.of(
                "org.apache.spark.deploy.worker.Worker",
                c.masterUrl,
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(freePort()),
                "--webui-port",
                Integer.toString(freePort()),
                "--cores",
                "1",
                "--memory",
                "512m",
                "--work-dir",
                work.toString()));
      }
      return c;
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  String masterUrl() {
    return masterUrl;
  }

  Path logDir() {
    return dir;
  }

  /** The class path of the test JVM (Surefire's real one, not its manifest-only booter jar). */
  static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /** The JVM options Spark needs on Java 17 (set by the build as {@code spark.jvm.options}). */
  static List<String> jvmOptions() {
    String o = System.getProperty("spark.jvm.options", "");
    return Arrays.stream(o.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private void launch(String name, List<String> mainAndArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SPARK_HOME", dir.toString());
    // executors are launched from the test class path, not from a Spark distribution
    pb.environment().put("SPARK_TESTING", "1");
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve(name + ".log").toFile());
    processes.add(pb.start());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(250);
      }
    }
    throw new IllegalStateException("Spark master did not listen on 127.0.0.1:" + port);
  }

  /** Deletes {@code dir} and everything under it (nothing when it does not exist). */
  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops every process this cluster started (by its own handle) and deletes its directory. */
  @Override
  public void close() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      deleteRecursively(dir);
    } catch (UncheckedIOException e) {
      // best effort: executor logs may still be open
    }
  }
}
