package com.example.videos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * This project resolves its dependencies as a consumer does (no Metaxy parent, only the BOM), so
 * the jars on its class path are what a user gets. Every library the root build manages must arrive
 * at the version the build tests with (e.g. Jackson 2.20.0, not Ebean's 2.15; avaje-applog 1.2, not
 * 1.0).
 */
class ConsumerVersionsTest {
  @Test
  void consumerResolvesTheVersionsTheBuildTests() throws Exception {
    Map<String, String> build = managedVersions(Path.of("../../pom.xml").toAbsolutePath());
    Map<String, String> resolved = classPathVersions(build.keySet());
    String jackson = build.get("com.fasterxml.jackson:jackson-bom");
    assertThat(resolved)
        .as("third-party jars on the consumer's class path")
        .containsEntry("com.fasterxml.jackson.core:jackson-databind", jackson)
        .containsEntry("com.fasterxml.jackson.core:jackson-core", jackson)
        .containsEntry("io.avaje:avaje-applog", build.get("io.avaje:avaje-applog"))
        .containsEntry("io.ebean:ebean-core", build.get("io.ebean:ebean-core"))
        .containsEntry("org.flywaydb:flyway-core", build.get("org.flywaydb:flyway-core"))
        .containsEntry("org.postgresql:postgresql", build.get("org.postgresql:postgresql"));
    List<String> mismatches = new ArrayList<>();
    resolved.forEach(
        (artifact, version) -> {
          String expected =
              artifact.startsWith("com.fasterxml.jackson.") ? jackson : build.get(artifact);
          if (expected == null) {
            return;
          }
          // from 2.20 on, jackson-annotations carries only major.minor (2.20 with Jackson 2.20.0)
          boolean annotations =
              artifact.equals("com.fasterxml.jackson.core:jackson-annotations")
                  && expected.startsWith(version + ".");
          if (!expected.equals(version) && !annotations) {
            mismatches.add(artifact + " " + version + " (the build tests " + expected + ")");
          }
        });
    assertThat(mismatches).as("versions differing from the build's").isEmpty();
  }

  /**
   * groupId:artifactId → version of every jar on the class path, read from the jar's own {@code
   * META-INF/maven/<group>/<artifact>/pom.properties} (works with any local repository folder);
   * jars without one (e.g. avaje-applog) by their repository path {@code <group
   * dirs>/<artifact>/<version>/} for the {@code known} artifacts.
   */
  private static Map<String, String> classPathVersions(java.util.Set<String> known)
      throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.endsWith(".jar")) {
        continue;
      }
      String path = Path.of(entry).toAbsolutePath().toString().replace(File.separatorChar, '/');
      for (String ga : known) {
        String[] parts = ga.split(":");
        String dir = "/" + parts[0].replace('.', '/') + "/" + parts[1] + "/";
        int at = path.indexOf(dir);
        if (at >= 0) {
          String rest = path.substring(at + dir.length());
          if (rest.indexOf('/') > 0) {
            out.put(ga, rest.substring(0, rest.indexOf('/')));
          }
        }
      }
      try (JarFile jar = new JarFile(entry)) {
        for (JarEntry e : Collections.list(jar.entries())) {
          String name = e.getName();
          if (!name.startsWith("META-INF/maven/") || !name.endsWith("/pom.properties")) {
            continue;
          }
          Properties p = new Properties();
          try (InputStream in = jar.getInputStream(e)) {
            p.load(in);
          }
          String artifact = p.getProperty("artifactId");
          String version = p.getProperty("version");
          // shaded jars carry their bundled libraries' pom.properties too: keep the jar's own
          if (artifact != null
              && version != null
              && Path.of(entry).getFileName().toString().startsWith(artifact + "-" + version)) {
            out.put(p.getProperty("groupId") + ":" + artifact, version);
          }
        }
      }
    }
    return out;
  }

  /** groupId:artifactId → version of the root pom's dependencyManagement, properties resolved. */
  private static Map<String, String> managedVersions(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element root = f.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    Map<String, String> props = new LinkedHashMap<>();
    for (Node n = child(root, "properties").getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        props.put(e.getTagName(), e.getTextContent().trim());
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    Element deps = child(child(root, "dependencyManagement"), "dependencies");
    for (Node n = deps.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element d) {
        String v = child(d, "version").getTextContent().trim();
        for (Map.Entry<String, String> p : props.entrySet()) {
          v = v.replace("${" + p.getKey() + "}", p.getValue());
        }
        out.put(
            child(d, "groupId").getTextContent().trim()
                + ":"
                + child(d, "artifactId").getTextContent().trim(),
            v);
      }
    }
    return out;
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    throw new IllegalStateException("no <" + name + "> in " + parent.getTagName());
  }
}
