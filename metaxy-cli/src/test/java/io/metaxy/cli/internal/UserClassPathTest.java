package io.metaxy.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --classpath} / {@code METAXY_CLASSPATH}: folders, jars, {@code dir/*}, clear errors. */
class UserClassPathTest {
  @TempDir Path dir;

  @Test
  void foldersAndEveryJarOfADirAreVisibleRelativeToTheWorkingDir() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("target/classes/app"));
    Files.writeString(classes.resolve("marker.txt"), "classes");
    Path libs = Files.createDirectories(dir.resolve("libs"));
    try (OutputStream out = Files.newOutputStream(libs.resolve("dep.jar"));
        JarOutputStream jar = new JarOutputStream(out)) {
      jar.putNextEntry(new JarEntry("dep/marker.txt"));
      jar.write("jar".getBytes());
      jar.closeEntry();
    }
    ClassLoader parent = getClass().getClassLoader();
    ClassLoader cl =
        UserClassPath.loader("target/classes" + File.pathSeparator + "libs/*", dir, parent);
    assertThat(cl.getResource("app/marker.txt")).isNotNull();
    assertThat(cl.getResource("dep/marker.txt")).isNotNull();
    assertThat(parent.getResource("dep/marker.txt")).isNull();
  }

  @Test
  void aMissingEntryIsAUsageErrorNamingIt() {
    assertThatThrownBy(
            () -> UserClassPath.loader("target/nothing", dir, getClass().getClassLoader()))
        .isInstanceOf(CliUsageException.class)
        .hasMessageContaining("--classpath")
        .hasMessageContaining("target/nothing");
  }
}
