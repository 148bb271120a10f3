package io.metaxy.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each rule fails on a deliberately bad fixture (and the rules accept a good one). */
class RulesCatchViolationsTest {
  private static final String BAD = "io.metaxy.archfixture.bad";
  private static JavaClasses bad;

  @BeforeAll
  static void importFixtures() {
    bad = new ClassFileImporter().importPackages(BAD);
  }

  @Test
  void domainRuleRejectsJdbcAndJackson() {
    assertThatThrownBy(() -> MetaxyRules.domainIsPure(BAD).check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SqlInDomain")
        .hasMessageContaining("java.sql.DriverManager")
        .hasMessageContaining("JacksonInDomain")
        .hasMessageContaining("com.fasterxml.jackson.databind.ObjectMapper");
  }

  @Test
  void domainRuleAcceptsAPureDomain() {
    String good = "io.metaxy.archfixture.good";
    assertThatCode(
            () ->
                MetaxyRules.domainIsPure(good).check(new ClassFileImporter().importPackages(good)))
        .doesNotThrowAnyException();
  }

  @Test
  void portsRuleRejectsVavrAtThePort() {
    assertThatThrownBy(() -> MetaxyRules.portsDependOnDomainAndJdkOnly(BAD).check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PortLeakingVavr")
        .hasMessageContaining("io.vavr.control.Try");
  }

  @Test
  void vavrRuleRejectsAnAdapterAndAPortUsingVavr() {
    assertThatThrownBy(() -> MetaxyRules.vavrStaysOutOfPortsAndAdapters(BAD).check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bad.adapter.three.VavrInAdapter")
        .hasMessageContaining("io.vavr.control.Validation")
        .hasMessageContaining("PortLeakingVavr")
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(e.getMessage())
                    .doesNotContain("bad.domain"));
  }

  @Test
  void domainApiRuleRejectsVavrInAPublicSignatureButNotInternally() {
    assertThatThrownBy(() -> MetaxyRules.domainApiHidesVavr(BAD).check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("VavrInDomainApi.validate()")
        .hasMessageContaining("VavrInDomainApi.problems(java.util.List)")
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(e.getMessage())
                    .doesNotContain("VavrInDomainApi.check(")
                    .doesNotContain("InternalVavr"));
  }

  @Test
  void adapterRuleRejectsAnAdapterUsingAnother() {
    assertThatThrownBy(() -> MetaxyRules.adaptersAreIndependent(BAD).check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("AdapterOne")
        .hasMessageContaining("AdapterTwo");
  }

  @Test
  void cycleRuleRejectsAPackageCycle() {
    String cycles = BAD + ".cycle";
    assertThatThrownBy(() -> MetaxyRules.noCyclesBetweenModules(cycles).check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected")
        .hasMessageContaining("CycleA")
        .hasMessageContaining("CycleB");
  }

  @Test
  void consoleRuleRejectsPrintingLibrariesButNotApplications() {
    assertThatThrownBy(() -> MetaxyRules.librariesDoNotUseTheConsole(BAD).check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ConsolePrinter")
        .hasMessageContaining("System.out")
        .hasMessageContaining("printStackTrace")
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(e.getMessage())
                    .doesNotContain("bad.cli.Main"));
  }

  @Test
  void applicationRuleRejectsALibraryUsingTheCli() {
    assertThatThrownBy(() -> MetaxyRules.nobodyDependsOnApplications(BAD).check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("UsesApplication")
        .hasMessageContaining("bad.cli.Main");
  }

  @Test
  void internalRuleRejectsUseFromAnotherModule() {
    assertThatThrownBy(() -> MetaxyRules.internalPackagesStayInside(BAD).check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bad.adapter.two.internal.Helper")
        .hasMessageContaining("bad.adapter.one.UsesOtherInternals")
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(e.getMessage())
                    .doesNotContain("AdapterTwo.<init>"));
  }

  @Test
  void ebeanRuleRejectsEbeanInternals() {
    assertThatThrownBy(() -> MetaxyRules.ebeanPublicApiOnly(BAD).check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bad.ebean.UsesEbeanInternals")
        .hasMessageContaining("io.ebeaninternal.api.SpiEbeanServer");
  }

  @Test
  void ebeanRuleAcceptsThePublicApi() {
    String good = "io.metaxy.archfixture.good";
    assertThatCode(
            () ->
                MetaxyRules.ebeanPublicApiOnly(good)
                    .check(new ClassFileImporter().importPackages(good)))
        .doesNotThrowAnyException();
  }

  @Test
  void sharedSqlRuleRejectsSqlUsingAnAdapter() {
    assertThatThrownBy(() -> MetaxyRules.sharedSqlDependsOnNoAdapter(BAD).check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SqlUsingAdapter")
        .hasMessageContaining("AdapterOne");
  }

  @Test
  void rulesNeverPassOnAnEmptyImport() {
    JavaClasses none = new ClassFileImporter().importPackages("io.metaxy.archfixture.nothing");
    assertThatThrownBy(() -> MetaxyRules.domainIsPure("io.metaxy.archfixture.nothing").check(none))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("failed to check any classes");
  }
}
