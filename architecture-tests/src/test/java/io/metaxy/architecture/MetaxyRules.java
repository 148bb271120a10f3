package io.metaxy.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The architecture rules, parameterised by package root so that the same rule runs against the real
 * modules ({@code io.metaxy}) and against deliberately bad fixtures ({@code
 * io.metaxy.archfixture.bad}).
 */
final class MetaxyRules {
  /** Modules allowed to print to the console: applications, not libraries. */
  static final String[] CONSOLE_ALLOWED = {"cli", "examples", "benchmarks"};

  private MetaxyRules() {}

  /** Every production class of every module on this module's classpath (test classes excluded). */
  private static JavaClasses production;

  /** {@link #importProduction()} once per test JVM, shared by every test class. */
  static synchronized JavaClasses production() {
    if (production == null) {
      production = importProduction();
    }
    return production;
  }

  static JavaClasses importProduction() {
    // Scan only Metaxy's own class path entries (module jars or target/classes directories):
    // scanning every third-party jar for io.metaxy would cost most of this module's test time.
    List<Location> own = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      boolean moduleJar = name.startsWith("metaxy-") && name.endsWith(".jar");
      boolean moduleClasses =
          name.equals("classes")
              && p.getParent() != null
              && p.getParent().getFileName().toString().equals("target");
      if (moduleJar && Files.exists(p)) {
        own.add(Location.of(URI.create("jar:" + p.toUri() + "!/")));
      } else if (moduleClasses && Files.isDirectory(p)) {
        own.add(Location.of(p));
      }
    }
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> location.contains("/io/metaxy/"))
        .importLocations(own);
  }

  /** JDK packages that are infrastructure, not computation: no place in a pure domain. */
  static final String[] JDK_INFRASTRUCTURE = {
    "java.sql..", "java.net..", "java.nio.file..", "java.rmi..", "java.awt..", "javax.."
  };

  /** The domain depends on the JDK (minus I/O infrastructure) and vavr only. */
  static ArchRule domainIsPure(String root) {
    return classes()
        .that()
        .resideInAPackage(root + ".domain..")
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(root + ".domain..", "java..", "io.vavr..")
                .and(not(resideInAnyPackage(JDK_INFRASTRUCTURE))))
        .as(
            "the domain ("
                + root
                + ".domain..) depends on the JDK and vavr only (no JDBC, network or file"
                + " system)");
  }

  /** Ports depend on the domain and the JDK only (no vavr, no library types at the port). */
  static ArchRule portsDependOnDomainAndJdkOnly(String root) {
    return classes()
        .that()
        .resideInAPackage(root + ".ports..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(root + ".ports..", root + ".domain..", "java..")
        .as("the ports (" + root + ".ports..) depend on the domain and the JDK only");
  }

  /**
   * vavr stays inside the core: what adapters implement or call (ports, adapters, the kit, the
   * codecs, hashing) never touches a vavr type. The domain and the configuration use it to
   * accumulate validation problems.
   */
  static ArchRule vavrStaysOutOfPortsAndAdapters(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(
            root + ".ports..",
            root + ".adapter..",
            root + ".tck..",
            root + ".json..",
            root + ".hashing..",
            root + ".sql..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.vavr..")
        .as("ports, adapters, kit, json, hashing and sql never use vavr");
  }

  /**
   * The domain's API hides vavr: no public field, constructor or method of a public class outside
   * {@code ..internal..} has a vavr type in its signature (type arguments included), so adapters
   * calling the domain never need vavr.
   */
  static ArchRule domainApiHidesVavr(String root) {
    return classes()
        .that()
        .resideInAPackage(root + ".domain..")
        .and()
        .resideOutsideOfPackage(root + ".domain..internal..")
        .and()
        .arePublic()
        .should(
            new ArchCondition<JavaClass>("expose no vavr type in a public signature") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                for (JavaMember m : c.getMembers()) {
                  if (!m.getModifiers().contains(JavaModifier.PUBLIC)) {
                    continue;
                  }
                  List<JavaType> types = new ArrayList<>();
                  if (m instanceof JavaField f) {
                    types.add(f.getType());
                  } else if (m instanceof JavaCodeUnit u) {
                    types.add(u.getReturnType());
                    types.addAll(u.getParameterTypes());
                  }
                  for (JavaType t : types) {
                    for (JavaClass raw : t.getAllInvolvedRawTypes()) {
                      if (raw.getPackageName().startsWith("io.vavr")) {
                        events.add(
                            SimpleConditionEvent.violated(
                                m, m.getFullName() + " exposes " + raw.getName()));
                      }
                    }
                  }
                }
              }
            })
        .as("public domain signatures (" + root + ".domain.., not internal) expose no vavr type");
  }

  /** No cycles between top-level module packages ({@code io.metaxy.(*)..}). */
  static ArchRule noCyclesBetweenModules(String root) {
    return slices()
        .matching(root + ".(*)..")
        .should()
        .beFreeOfCycles()
        .as("no package cycles between " + root + ".(*)..");
  }

  /** No cycles between the packages of the domain. */
  static ArchRule noCyclesInsideDomain(String root) {
    return slices()
        .matching(root + ".domain.(*)..")
        .should()
        .beFreeOfCycles()
        .as("no package cycles between " + root + ".domain.(*)..");
  }

  /** Adapters never depend on each other. */
  static ArchRule adaptersAreIndependent(String root) {
    return slices()
        .matching(root + ".adapter.(*)..")
        .should()
        .notDependOnEachOther()
        .as("adapters (" + root + ".adapter.(*)..) never depend on each other");
  }

  /** The domain, ports and codecs never reach outwards to adapters or applications. */
  static ArchRule coreDoesNotDependOnOuterModules(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(root + ".domain..", root + ".ports..", root + ".json..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            root + ".adapter..",
            root + ".config..",
            root + ".cli..",
            root + ".tck..",
            root + ".examples..",
            root + ".benchmarks..")
        .as("domain, ports and json never depend on adapters, config, cli, tck or applications");
  }

  /**
   * The shared SQL module ({@code io.metaxy.sql}) is core support like hashing: it depends on the
   * domain (and the ports), jOOQ and the JDK, never on an adapter, the configuration, the kit or an
   * application, so both SQL adapters can use it without depending on each other.
   */
  static ArchRule sharedSqlDependsOnNoAdapter(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".sql..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            root + ".adapter..",
            root + ".config..",
            root + ".cli..",
            root + ".tck..",
            root + ".examples..",
            root + ".benchmarks..")
        .as(
            "the shared SQL module ("
                + root
                + ".sql..) never depends on adapters, config, cli,"
                + " tck or applications");
  }

  /** Nothing depends on the applications (cli, examples, benchmarks). */
  static ArchRule nobodyDependsOnApplications(String root) {
    return noClasses()
        .that()
        .resideOutsideOfPackages(root + ".cli..", root + ".examples..", root + ".benchmarks..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(root + ".cli..", root + ".examples..", root + ".benchmarks..")
        .as("no library depends on cli, examples or benchmarks");
  }

  /** Libraries log through SLF4J: no System.out, System.err or printStackTrace(). */
  static ArchRule librariesDoNotUseTheConsole(String root) {
    String[] allowed = new String[CONSOLE_ALLOWED.length];
    for (int i = 0; i < allowed.length; i++) {
      allowed[i] = root + "." + CONSOLE_ALLOWED[i] + "..";
    }
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackages(allowed)
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .as(
            "library code ("
                + root
                + ".. except cli, examples, benchmarks) uses no System.out, System.err or"
                + " printStackTrace()");
  }

  /**
   * An {@code ...internal} package is used only by the module that owns it: the classes of {@code
   * a.b.internal..} are accessed only from {@code a.b..}.
   */
  static ArchRule internalPackagesStayInside(String root) {
    return classes()
        .that()
        .resideInAPackage(root + "..internal..")
        .should(
            new ArchCondition<JavaClass>(
                "be used only inside the module owning the internal package") {
              @Override
              public void check(JavaClass item, ConditionEvents events) {
                String pkg = item.getPackageName();
                String owner = pkg.substring(0, pkg.indexOf(".internal"));
                for (Dependency d : item.getDirectDependenciesToSelf()) {
                  String from = d.getOriginClass().getPackageName();
                  if (!from.equals(owner) && !from.startsWith(owner + ".")) {
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                  }
                }
              }
            })
        .as("internal packages (" + root + "..internal..) are used only by their own module");
  }

  /**
   * Ebean is used through its public API only ({@code io.ebean..}, including the plugin SPI {@code
   * io.ebean.plugin}), never {@code io.ebeaninternal..}, which changes without notice between
   * releases.
   */
  static ArchRule ebeanPublicApiOnly(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.ebeaninternal..")
        .as(
            "classes of "
                + root
                + ".. use Ebean's public API (io.ebean.., io.ebean.plugin..), never"
                + " io.ebeaninternal..");
  }

  static long count(JavaClasses classes, String packagePrefix) {
    return classes.stream()
        .map(JavaClass::getPackageName)
        .filter(p -> p.startsWith(packagePrefix))
        .count();
  }
}
