package io.metaxy.cli.internal;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Turns a {@code --classpath} value into a class loader over the application's classes. */
final class UserClassPath {
  private UserClassPath() {}

  /**
   * A loader over {@code classpath} (entries separated by {@link File#pathSeparator}, relative to
   * {@code workingDir}; {@code dir/*} means every jar in {@code dir}) whose parent is {@code
   * parent}. A missing entry is an error naming it.
   */
  static ClassLoader loader(String classpath, Path workingDir, ClassLoader parent) {
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      if (entry.endsWith("*")) {
        Path dir = workingDir.resolve(entry.substring(0, entry.length() - 1));
        try (Stream<Path> jars = Files.list(dir)) {
          for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
            urls.add(url(jar));
          }
        } catch (IOException e) {
          throw new CliUsageException(
              "--classpath: cannot list " + dir + " (" + e.getMessage() + ")");
        }
        continue;
      }
      Path p = workingDir.resolve(entry);
      if (!Files.exists(p)) {
        throw new CliUsageException(
            "--classpath: " + p + " does not exist (build your project first, e.g. mvn compile)");
      }
      urls.add(url(p));
    }
    return new URLClassLoader(urls.toArray(URL[]::new), parent);
  }

  private static URL url(Path p) {
    try {
      return p.toAbsolutePath().normalize().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new CliUsageException("--classpath: bad entry " + p);
    }
  }
}
