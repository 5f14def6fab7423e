package jp.mimamori.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import jp.mimamori.server.cli.DemoCommand;
import jp.mimamori.server.cli.MimamoriCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "may depend on" table, enforced on the byte code (issue 15; core's own purity is
 * {@code CoreArchitectureTest} in the core module). Between the server's feature packages the allowed
 * dependencies are listed explicitly in {@link #MAY_DEPEND_ON}: a dependency not listed fails the build
 * naming the two classes, and a listed one no longer used fails too (remove it), so the list, the
 * README and {@code docs/modules.md} (generated from it, checked here) say what the code does. Only the
 * demo uses the synthetic city generator ({@link #SYNTH_ONLY_IN_THE_DEMO}).
 */
class ArchitectureTest {

    static final String SERVER = "jp.mimamori.server";
    /** The server's root package (the Spring Boot application, so that its scan covers every feature), named as the table names it. */
    static final String ROOT = "(root)";

    /**
     * What each feature may use of the others. The cycles still in it (access uses audit and web, which
     * use it back; cases and outreach; web's labels and outreach) are the ones left to work off under
     * issue 15. validation depends on no feature, so any feature may take it up (list it here when it does).
     */
    static final Map<String, Set<String>> MAY_DEPEND_ON = new TreeMap<>(Map.ofEntries(
            Map.entry(ROOT, Set.of()),
            Map.entry("access", Set.of("audit", "validation", "web")),
            Map.entry("assess", Set.of("access", "audit", "db", "identity", "ingest", "time", "validation")),
            Map.entry("audit", Set.of("access", "validation")),
            Map.entry("cases", Set.of("access", "audit", "crypto", "identity", "ingest", "outreach", "print", "time", "validation", "web")),
            Map.entry("center", Set.of("audit", "cases")),
            Map.entry("cli", Set.of(ROOT, "access", "assess", "audit", "cases", "db", "identity", "ingest", "report", "retention", "time", "validation")),
            Map.entry("crypto", Set.of()),
            Map.entry("db", Set.of("audit", "time")),
            Map.entry("demo", Set.of("access", "assess", "audit", "cases", "identity", "ingest", "outreach", "time", "validation")),
            Map.entry("identity", Set.of("audit", "db", "time", "web")),
            Map.entry("ingest", Set.of("access", "audit", "db", "time", "validation")),
            Map.entry("outreach", Set.of("access", "assess", "audit", "cases", "crypto", "time", "validation", "web")),
            Map.entry("print", Set.of()),
            Map.entry("report", Set.of("audit", "crypto", "identity", "ingest", "time")),
            Map.entry("retention", Set.of("access", "assess", "audit", "cases", "ingest", "outreach", "time")),
            Map.entry("time", Set.of()),
            Map.entry("validation", Set.of()),
            Map.entry("web", Set.of("access", "audit", "time", "validation"))));

    static JavaClasses server;

    @BeforeAll
    static void importClasses() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(SERVER);
    }

    /**
     * The synthetic city (合成都市, the synth module) belongs to the demo and the bench, never to the
     * product's features: in the server only the demo package, the {@code demo} command that generates
     * the demo's city and the command line that offers the {@code synth} subcommand may use it.
     */
    static final ArchRule SYNTH_ONLY_IN_THE_DEMO = noClasses().that().resideInAPackage("jp.mimamori.server..")
            .and().resideOutsideOfPackage("jp.mimamori.server.demo..")
            .and().doNotHaveFullyQualifiedName(DemoCommand.class.getName())
            .and().doNotHaveFullyQualifiedName(MimamoriCli.class.getName())
            .should().dependOnClassesThat().resideInAPackage("jp.mimamori.synth..")
            .as("only the demo (the demo package, DemoCommand, MimamoriCli's synth subcommand) uses the synthetic city generator");

    /** web → services → core: a service never reaches back into a controller. */
    static final ArchRule SERVICES_BELOW_CONTROLLERS = noClasses().that().haveSimpleNameEndingWith("Service")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Controller")
            .as("services do not depend on controllers");

    @Test
    void servicesDoNotDependOnControllers() {
        SERVICES_BELOW_CONTROLLERS.check(server);
    }

    @Test
    void onlyTheDemoUsesTheGenerator() {
        SYNTH_ONLY_IN_THE_DEMO.check(server);
    }

    @Test
    void featuresDependOnlyOnWhatTheTableAllows() {
        assertThat(violations(server)).as("dependencies not in ArchitectureTest.MAY_DEPEND_ON (and the README's table)").isEmpty();
    }

    @Test
    void everyFeatureIsInTheTableAndEveryAllowedDependencyIsUsed() {
        Map<String, Set<String>> used = dependencies(server);
        Set<String> features = server.stream().map(c -> feature(c.getPackageName())).collect(Collectors.toCollection(TreeSet::new));
        assertThat(MAY_DEPEND_ON.keySet()).as("every server package has a line in MAY_DEPEND_ON").containsAll(features);
        Set<String> unused = new TreeSet<>();
        MAY_DEPEND_ON.forEach((f, allowed) -> allowed.stream().filter(g -> !used.getOrDefault(f, Set.of()).contains(g))
                .forEach(g -> unused.add(f + " → " + g)));
        assertThat(unused).as("allowed but no longer used: remove from MAY_DEPEND_ON, the README and docs/modules.md").isEmpty();
    }

    @Test
    void aDeliberateViolationIsCaught() {
        // A class of this test's own package that uses the generator and a controller: each rule,
        // given it, must report a violation — so a rule that silently checks nothing would fail here.
        JavaClasses fixture = new ClassFileImporter().importClasses(BoundaryViolationService.class);
        assertThat(SYNTH_ONLY_IN_THE_DEMO.evaluate(fixture).hasViolation()).isTrue();
        // …while the classes it names as the demo's, which use the generator too, are not reported.
        String report = SYNTH_ONLY_IN_THE_DEMO.evaluate(new ClassFileImporter().importClasses(BoundaryViolationService.class, DemoCommand.class,
                MimamoriCli.class)).getFailureReport().toString();
        assertThat(report).contains(BoundaryViolationService.class.getName()).doesNotContain(DemoCommand.class.getName())
                .doesNotContain(MimamoriCli.class.getName());
        assertThat(SERVICES_BELOW_CONTROLLERS.evaluate(fixture).hasViolation()).isTrue();
        // A feature (time) using another's internal type (cases) it may not depend on.
        JavaClasses feature = new ClassFileImporter().importClasses(jp.mimamori.server.time.TimeUsesCasesFixture.class);
        assertThat(violations(feature)).anySatisfy(v -> assertThat(v).startsWith("time → cases: ").contains("TimeUsesCasesFixture").contains("CaseFiles"));
    }

    @Test
    void modulesDocumentMatchesTheTables() throws IOException {
        Path doc = Path.of("../docs/modules.md");
        String expected = ModulesDocument.render(MAY_DEPEND_ON, TableOwnershipTest.OWNER, TableOwnershipTest.PUBLISHED, TableOwnershipTest.MAIN);
        if (Boolean.getBoolean("mimamori.write-docs")) {
            Files.writeString(doc, expected);
        }
        assertThat(Files.exists(doc) ? Files.readString(doc) : "")
                .as("docs/modules.md is generated from MAY_DEPEND_ON, TableOwnershipTest.OWNER and the package-info files: "
                        + "regenerate with mvn -pl server test -Dtest=ArchitectureTest -Dmimamori.write-docs=true")
                .isEqualTo(expected);
    }

    /** "feature → feature: origin → target" for each dependency between server features that the table does not allow. */
    static Set<String> violations(JavaClasses classes) {
        Set<String> out = new TreeSet<>();
        for (JavaClass c : classes) {
            String from = feature(c.getPackageName());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getPackageName();
                if (!isServer(target)) {
                    continue;
                }
                String to = feature(target);
                if (!to.equals(from) && !MAY_DEPEND_ON.getOrDefault(from, Set.of()).contains(to)) {
                    out.add(from + " → " + to + ": " + c.getName() + " → " + d.getTargetClass().getName());
                }
            }
        }
        return out;
    }

    /** Which features each feature's classes use. */
    static Map<String, Set<String>> dependencies(JavaClasses classes) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = feature(c.getPackageName());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getPackageName();
                if (isServer(target) && !feature(target).equals(from)) {
                    out.computeIfAbsent(from, x -> new TreeSet<>()).add(feature(target));
                }
            }
        }
        return out;
    }

    static boolean isServer(String pkg) {
        return pkg.equals(SERVER) || pkg.startsWith(SERVER + ".");
    }

    /** The feature a server package belongs to: its first segment under jp.mimamori.server. */
    static String feature(String pkg) {
        if (pkg.equals(SERVER)) {
            return ROOT;
        }
        String rest = pkg.substring(SERVER.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
