package jp.mimamori.server.assess;

import jp.mimamori.server.audit.Actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.mimamori.core.assess.Assessment;
import jp.mimamori.core.assess.AssessmentFiles;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.cases.CasesFixture;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.ingest.FolderIngest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authorization.AuthorizationDeniedException;

/**
 * An assessment computed outside the server from the exported inputs, stored with import-assessment, is the
 * same run as the in-process one: the same indicators, flags, scores, ranks, reasons, group figures and
 * outreach proposals. (The files are computed here with the core {@link Assessment} from the export, as
 * {@code spark assess} computes them; SparkAssessTest proves Spark decides the same as the core.) A file that
 * cannot be read is named with its row and column, and nothing is stored.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-import-assessment", "mimamori.db.embedded.clean=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportAssessmentTest {

    @Autowired AssessService assess;
    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;
    @Autowired JdbcClient jdbc;

    @TempDir static Path city;
    @TempDir static Path work;
    AssessService.Summary inProcess;
    Path result;

    @BeforeAll
    void assessTwoWays() throws Exception {
        CasesFixture.cityLinked(ingest, identity, city, 5_000, 29);
        inProcess = SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.run(Actor.current()));
        Path extracts = work.resolve("extracts");
        long n = SystemActor.runAs("t-assess", Role.ADMIN, () -> {
            try {
                return assess.exportInputs(Actor.current(), extracts);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(n).isPositive();
        AssessmentFiles.Inputs in = AssessmentFiles.readInputs(extracts, true);
        Assessment.Outcome o = Assessment.assess(in.settings(), in.facts(), in.rules(), in.connected());
        result = work.resolve("result");
        AssessmentFiles.writeOutcome(result, in.linkRun(), o);
    }

    List<Map<String, Object>> rows(String sql, long run) {
        return jdbc.sql(sql).param("r", run).query().listOfRows();
    }

    @Test
    void theImportedRunIsTheInProcessRun() {
        AssessService.Summary imported = SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.importRun(Actor.current(), result));
        long a = inProcess.runId();
        long b = imported.runId();
        assertThat(b).isNotEqualTo(a);
        assertThat(List.of(imported.children(), imported.flagged(), imported.positives(), imported.asOf()))
                .isEqualTo(List.of(inProcess.children(), inProcess.flagged(), inProcess.positives(), inProcess.asOf()));
        assertThat(imported.labelFrequency()).isEqualTo(inProcess.labelFrequency());
        assertThat(imported.features()).isEqualTo(inProcess.features());
        for (String sql : List.of(
                "select person_id, age, vals::text from child_indicator where run_id = :r order by person_id",
                "select person_id, rule_code, rule_version, reason_ja from rule_flag where run_id = :r order by person_id, rule_code",
                "select person_id, score, rank, raised, lowered from child_score where run_id = :r order by person_id",
                "select dimension, grp, sort, children, came, ranked, top5, round(mean_score::numeric, 12) from assess_group_stat where run_id = :r order by sort",
                "select person_id, as_of, score, rank, reasons, rule_codes, open_case, status from outreach_item where assess_run = :r order by person_id",
                """
                select link_run, as_of, children, flagged, positives, label_frequency, class_prior, features::text, estimated_prior, prior_configured,
                       finished_at is not null from assess_run where id = :r""")) {
            List<Map<String, Object>> want = rows(sql, a);
            assertThat(want).as(sql).isNotEmpty();
            assertThat(rows(sql, b)).as(sql).isEqualTo(want);
        }
        assertThat(jdbc.sql("select count(*) from child_score where run_id = :r and rank is not null").param("r", b).query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select detail from audit_event where action = 'ASSESS_RUN' and target = :t").param("t", "assess_run:" + b)
                .query(String.class).single()).startsWith("imported from ");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LINK_EXPORTED' and target like 'assess-inputs:%'").query(Long.class).single())
                .isPositive();
    }

    /** A copy of the result with one line of one file replaced. */
    Path broken(String name, String file, int line, java.util.function.UnaryOperator<String> change) throws Exception {
        Path d = work.resolve(name);
        Files.createDirectories(d);
        try (var files = Files.list(result)) {
            for (Path f : files.toList()) {
                Files.copy(f, d.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(d.resolve(file), StandardCharsets.UTF_8));
        lines.set(line - 1, change.apply(lines.get(line - 1)));
        Files.write(d.resolve(file), lines, StandardCharsets.UTF_8);
        return d;
    }

    long runs() {
        return jdbc.sql("select count(*) from assess_run").query(Long.class).single();
    }

    @Test
    void aMalformedFileIsNamedWithItsRowAndColumnAndNothingIsStored() throws Exception {
        long before = runs();
        long items = jdbc.sql("select count(*) from outreach_item").query(Long.class).single();
        // children.csv row 3: the score (sixth column) is not a number.
        Path badScore = broken("bad-score", AssessmentFiles.CHILDREN, 3, l -> {
            String[] c = l.split(",", -1);
            c[5] = "abc";
            return String.join(",", c);
        });
        assertThatThrownBy(() -> SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.importRun(Actor.current(), badScore)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("children.csv 3行目 列 score").hasMessageContaining("row 3 column score")
                .hasMessageContaining("abc");
        // A rank that does not follow the scores.
        Path badRank = broken("bad-rank", AssessmentFiles.CHILDREN, 2, l -> {
            String[] c = l.split(",", -1);
            c[7] = c[7].isEmpty() ? "1" : "999999";
            return String.join(",", c);
        });
        assertThatThrownBy(() -> SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.importRun(Actor.current(), badRank)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("children.csv").hasMessageContaining("column rank");
        // A flag naming a rule version the rule book does not hold.
        Path badRule = broken("bad-rule", AssessmentFiles.FLAGS, 2, l -> l.replaceFirst(",1,", ",77,"));
        assertThatThrownBy(() -> SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.importRun(Actor.current(), badRule)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flags.csv").hasMessageContaining("v77");
        // An assessment of another linkage run.
        Path otherRun = broken("other-run", AssessmentFiles.RESULT, 1, l -> l);
        String props = Files.readString(otherRun.resolve(AssessmentFiles.RESULT)).replaceFirst("link_run=\\d+", "link_run=999");
        Files.writeString(otherRun.resolve(AssessmentFiles.RESULT), props);
        assertThatThrownBy(() -> SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.importRun(Actor.current(), otherRun)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("link_run");
        // A missing file.
        Path missing = broken("missing", AssessmentFiles.RESULT, 1, l -> l);
        Files.delete(missing.resolve(AssessmentFiles.REASONS));
        assertThatThrownBy(() -> SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.importRun(Actor.current(), missing)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reasons.csv");
        assertThat(runs()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from outreach_item").query(Long.class).single()).isEqualTo(items);
    }

    @Test
    void onlyTheAdministratorImportsOrExports() {
        for (Role role : List.of(Role.CENTER_SUPERVISOR, Role.CENTER_CASEWORKER, Role.ANALYST, Role.DEPT_UPLOADER)) {
            assertThatThrownBy(() -> SystemActor.runAs("t-" + role, role, () -> assess.importRun(Actor.current(), result))).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> SystemActor.runAs("t-" + role, role, () -> {
                try {
                    return assess.exportInputs(Actor.current(), work.resolve("refused"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).isInstanceOf(AuthorizationDeniedException.class);
        }
        assertThat(Files.exists(work.resolve("refused"))).isFalse();
    }
}
