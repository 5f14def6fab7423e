package jp.mimamori.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Normalisation, linkage and scoring run unchanged in the server, the bench and a Spark job, so the
 * core depends on no framework, no database API and nothing of the modules that use it (issue 15).
 */
class CoreArchitectureTest {

    static final ArchRule CORE_IS_PURE = noClasses().that().resideInAPackage("jp.mimamori.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "jp.mimamori.server..",
                    "jp.mimamori.synth..", "jp.mimamori.bench..")
            .as("core knows nothing of Spring, SQL, the server, the generator or the bench");

    @Test
    void coreKnowsNothingOfSpringOrSql() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("jp.mimamori.core");
        assertThat(core.size()).as("the core's classes were found").isGreaterThan(30);
        CORE_IS_PURE.check(core);
    }

    @Test
    void aClassUsingJdbcBreaksTheRule() {
        assertThat(CORE_IS_PURE.evaluate(new ClassFileImporter().importClasses(UsesJdbc.class)).hasViolation()).isTrue();
    }

    /** On purpose: a core-package class that reaches for JDBC. */
    static final class UsesJdbc {
        Object connection() {
            return java.sql.Connection.class;
        }
    }
}
