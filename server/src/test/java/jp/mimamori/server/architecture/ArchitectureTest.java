package jp.mimamori.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "may depend on" table, enforced on the byte code (issue 15; core's own purity is
 * {@code CoreArchitectureTest} in the core module). Rules that today's code
 * already keeps are checked as they are; those it does not yet keep (feature packages that call each
 * other both ways, the server using the generator beyond the demo) are frozen: the violations known
 * today are listed in {@code src/test/resources/archunit_store}, a new one fails the build, and one
 * that is fixed drops out of the store.
 */
class ArchitectureTest {

    static JavaClasses server;

    @BeforeAll
    static void importClasses() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("jp.mimamori.server");
    }

    /** The synthetic city belongs to the demo (and the bench), never to the product's features. */
    static final ArchRule SYNTH_ONLY_IN_THE_DEMO = noClasses().that().resideInAPackage("jp.mimamori.server..")
            .and().resideOutsideOfPackage("jp.mimamori.server.demo..")
            .should().dependOnClassesThat().resideInAPackage("jp.mimamori.synth..")
            .as("only the demo uses the synthetic city generator");

    /** Features call each other one way; a cycle is two features that cannot change apart. */
    static final ArchRule FEATURES_WITHOUT_CYCLES = slices().matching("jp.mimamori.server.(*)..").should().beFreeOfCycles()
            .as("the server's feature packages have no dependency cycles");

    /** web → services → core: a service never reaches back into a controller. */
    static final ArchRule SERVICES_BELOW_CONTROLLERS = noClasses().that().haveSimpleNameEndingWith("Service")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Controller")
            .as("services do not depend on controllers");

    @Test
    void servicesDoNotDependOnControllers() {
        SERVICES_BELOW_CONTROLLERS.check(server);
    }

    @Test
    void noNewUseOfTheGeneratorOutsideTheDemo() {
        FreezingArchRule.freeze(SYNTH_ONLY_IN_THE_DEMO).check(server);
    }

    @Test
    void noNewCycleBetweenFeatures() {
        FreezingArchRule.freeze(FEATURES_WITHOUT_CYCLES).check(server);
    }

    @Test
    void aDeliberateViolationIsCaught() {
        // A class of this test's own package that uses the generator and a controller: each rule,
        // given it, must report a violation — so a rule that silently checks nothing would fail here.
        JavaClasses fixture = new ClassFileImporter().importClasses(BoundaryViolationService.class);
        assertThat(SYNTH_ONLY_IN_THE_DEMO.evaluate(fixture).hasViolation()).isTrue();
        assertThat(SERVICES_BELOW_CONTROLLERS.evaluate(fixture).hasViolation()).isTrue();
    }
}
