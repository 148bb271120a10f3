package io.metaxy.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The repository as Maven sees it: the reactor's modules (recursively) and the BOM. */
final class RepoLayout {
  /**
   * Module directories (relative to the root, {@code *} = any one path segment) that are never
   * published: the one place that decides which reactor modules the BOM must not list.
   */
  static final List<String> UNPUBLISHED =
      List.of(
          "bom",
          "architecture-tests",
          "interop-tests",
          "spark-cluster-tests",
          "benchmarks",
          "examples",
          "examples/*");

  /** One reactor module. */
  record Module(String path, String artifactId, String packaging, boolean published) {}

  private RepoLayout() {}

  /**
   * The repository root: {@code METAXY_REPO_ROOT} (set by surefire), else the nearest parent with
   * bom/pom.xml.
   */
  static Path root() {
    String env = System.getenv("METAXY_REPO_ROOT");
    if (env != null && !env.isBlank() && Files.exists(Path.of(env, "bom", "pom.xml"))) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.exists(p.resolve("bom/pom.xml")) && Files.exists(p.resolve("pom.xml"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException(
        "Cannot find the repository root (a directory with bom/pom.xml) above "
            + Path.of("").toAbsolutePath()
            + "; set METAXY_REPO_ROOT.");
  }

  static boolean isPublished(String modulePath) {
    for (String pattern : UNPUBLISHED) {
      if (pattern.endsWith("/*")
          ? modulePath.startsWith(pattern.substring(0, pattern.length() - 1))
              && !modulePath.substring(pattern.length() - 1).contains("/")
          : modulePath.equals(pattern)) {
        return false;
      }
    }
    return true;
  }

  /** Every module of the reactor, depth first, with nested aggregators' modules. */
  static List<Module> modules(Path root) {
    List<Module> out = new ArrayList<>();
    collect(root, root, out);
    return out;
  }

  private static void collect(Path root, Path dir, List<Module> out) {
    Element project = parse(dir.resolve("pom.xml"));
    for (String m : childTexts(child(project, "modules"), "module")) {
      Path moduleDir = dir.resolve(m).normalize();
      String rel = root.relativize(moduleDir).toString().replace('\\', '/');
      Element pom = parse(moduleDir.resolve("pom.xml"));
      String packaging = text(child(pom, "packaging"), "jar");
      boolean aggregator = child(pom, "modules") != null;
      out.add(
          new Module(
              rel,
              text(child(pom, "artifactId"), null),
              packaging,
              isPublished(rel) && !aggregator));
      if (aggregator) {
        collect(root, moduleDir, out);
      }
    }
  }

  /** groupId:artifactId → version of every managed dependency of a pom. */
  static Map<String, String> managedDependencies(Path pomFile) {
    Element deps = child(child(parse(pomFile), "dependencyManagement"), "dependencies");
    return dependencies(deps);
  }

  /** groupId:artifactId → version of every direct dependency of a pom. */
  static Map<String, String> dependencies(Path pomFile) {
    return dependencies(child(parse(pomFile), "dependencies"));
  }

  private static Map<String, String> dependencies(Element deps) {
    Map<String, String> out = new LinkedHashMap<>();
    if (deps == null) {
      return out;
    }
    for (Element d : children(deps, "dependency")) {
      out.put(
          text(child(d, "groupId"), "") + ":" + text(child(d, "artifactId"), ""),
          text(child(d, "version"), null));
    }
    return out;
  }

  /**
   * groupId:artifactId → version of every managed dependency, with {@code ${name}} replaced by the
   * pom's own {@code <properties>}.
   */
  static Map<String, String> resolvedManagedDependencies(Path pomFile) {
    Map<String, String> props = new LinkedHashMap<>();
    Element p = child(parse(pomFile), "properties");
    if (p != null) {
      for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          props.put(e.getTagName(), text(e, ""));
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    managedDependencies(pomFile)
        .forEach(
            (k, v) -> {
              String r = v;
              for (Map.Entry<String, String> e : props.entrySet()) {
                r = r == null ? null : r.replace("${" + e.getKey() + "}", e.getValue());
              }
              out.put(k, r);
            });
    return out;
  }

  static String version(Path pomFile) {
    return text(child(parse(pomFile), "version"), null);
  }

  /** Every test source whose file name ends with {@code CompatibilityTest.java}. */
  static Map<Path, String> compatibilityTestSources(Path root) {
    Map<Path, String> out = new LinkedHashMap<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
              boolean skip =
                  !dir.equals(root)
                      && (name.equals("target") || name.startsWith(".") || name.equals("main"));
              return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              String path = file.toString().replace('\\', '/');
              if (path.endsWith("CompatibilityTest.java") && path.contains("/src/test/java/")) {
                out.put(root.relativize(file), Files.readString(file));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Element parse(Path pom) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = f.newDocumentBuilder().parse(pom.toFile());
      return doc.getDocumentElement();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot parse " + pom + ": " + e.getMessage(), e);
    }
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<String> childTexts(Element parent, String name) {
    return parent == null
        ? List.of()
        : children(parent, name).stream().map(e -> text(e, "")).toList();
  }

  private static String text(Element e, String fallback) {
    return e == null ? fallback : e.getTextContent().trim();
  }
}
