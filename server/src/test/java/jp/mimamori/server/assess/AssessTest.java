package jp.mimamori.server.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.mimamori.core.assess.Indicator;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.cases.CasesFixture;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.ingest.FolderIngest;
import jp.mimamori.synth.SyntheticCity;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authorization.AuthorizationDeniedException;

/**
 * The monthly assessment on a linked synthetic city, checked against the city's ground truth: the
 * household indicators agree with what the simulation knows, every flag carries its rule's reason.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-assess", "mimamori.db.embedded.clean=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessTest {

    @Autowired AssessService assess;
    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;
    @Autowired JdbcClient jdbc;

    @TempDir static Path city;
    AssessService.Summary summary;

    @BeforeAll
    void assessACity() throws Exception {
        CasesFixture.cityLinked(ingest, identity, city, 5_000, 29);
        summary = SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.run());
    }

    static List<CSVRecord> csv(Path f) throws Exception {
        try (Reader r = Files.newBufferedReader(f)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    /** Indicator value per truth person, through the child's registry record. */
    Map<String, Float> byTruthPerson(Indicator indicator) throws Exception {
        Map<String, String> truthOf = new HashMap<>();
        for (CSVRecord r : csv(city.resolve("truth/records.csv"))) {
            if (r.get("source").equals("juki")) {
                truthOf.put(r.get("record_id"), r.get("person_id"));
            }
        }
        Map<String, Float> out = new HashMap<>();
        jdbc.sql("""
                select k.record_id, c.vals[:i] from child_indicator c join record_link k on k.person_id = c.person_id and k.source_code = 'juki'
                  and k.run_id = (select link_run from assess_run where id = :run)
                where c.run_id = :run""")
                .param("i", indicator.ordinal() + 1).param("run", summary.runId())
                .query(rs -> {
                    String truth = truthOf.get(rs.getString(1));
                    if (truth != null) {
                        out.put(truth, rs.getFloat(2));
                    }
                });
        return out;
    }

    @Test
    void everyResidentChildIsAssessedAndHouseholdIndicatorsAgreeWithTheTruth() throws Exception {
        assertThat(summary.asOf()).isEqualTo(YearMonth.of(2026, 4).atEndOfMonth());
        long residentChildren = csv(city.resolve("truth/persons.csv")).stream()
                .filter(p -> p.get("status").equals("RESIDENT") && java.time.Period.between(java.time.LocalDate.parse(p.get("birth_date")), summary.asOf()).getYears() < 18)
                .count();
        assertThat((double) summary.children()).isBetween(residentChildren * 0.97, residentChildren * 1.03);

        Map<String, String> household = new HashMap<>();
        Map<String, Boolean> assisted = new HashMap<>();
        Map<String, String> type = new HashMap<>();
        for (CSVRecord h : csv(city.resolve("truth/households.csv"))) {
            assisted.put(h.get("household_id"), h.get("on_assistance").equals("1"));
            type.put(h.get("household_id"), h.get("type"));
        }
        for (CSVRecord p : csv(city.resolve("truth/persons.csv"))) {
            household.put(p.get("person_id"), p.get("household_id"));
        }
        Map<String, Float> assistance = byTruthPerson(Indicator.PUBLIC_ASSISTANCE);
        assertThat(assistance).hasSizeGreaterThan(500);
        long agree = assistance.entrySet().stream().filter(e -> (e.getValue() > 0) == assisted.get(household.get(e.getKey()))).count();
        assertThat(agree / (double) assistance.size()).as("public assistance agrees with the truth").isGreaterThanOrEqualTo(0.97);
        assertThat(assistance.values().stream().filter(v -> v > 0).count()).as("some children are in assisted households").isPositive();

        Map<String, Float> allowance = byTruthPerson(Indicator.CHILD_REARING_ALLOWANCE);
        long single = allowance.entrySet().stream().filter(e -> e.getValue() > 0)
                .filter(e -> type.get(household.get(e.getKey())).startsWith("SINGLE_")).count();
        long flaggedAllowance = allowance.values().stream().filter(v -> v > 0).count();
        assertThat(flaggedAllowance).isPositive();
        assertThat(single / (double) flaggedAllowance).as("児童扶養手当 goes to single-parent households").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void everyFlagCarriesItsRulesReasonAndMatchesTheRule() {
        assertThat(summary.flagged()).isPositive();
        List<Map<String, Object>> flags = jdbc.sql("""
                select f.rule_code, f.reason_ja, c.age, c.vals from rule_flag f join child_indicator c on c.run_id = f.run_id and c.person_id = f.person_id
                where f.run_id = :r""").param("r", summary.runId()).query().listOfRows();
        assertThat(flags).isNotEmpty().allSatisfy(f -> assertThat((String) f.get("reason_ja")).isNotBlank());
        for (Map<String, Object> f : flags) {
            if (f.get("rule_code").equals("LONG_ABSENCE")) {
                assertThat((Integer) f.get("age")).isBetween(6, 17);
            }
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ASSESS_RUN'").query(Long.class).single()).isPositive();
    }

    @Test
    void onlyTheAdministratorRunsIt() {
        for (Role role : List.of(Role.CENTER_SUPERVISOR, Role.CENTER_CASEWORKER, Role.ANALYST, Role.DEPT_UPLOADER)) {
            assertThatThrownBy(() -> SystemActor.runAs("t-" + role, role, () -> assess.run())).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> SystemActor.runAs("t-" + role, role, () -> {
                try {
                    return assess.exportScores(new java.io.StringWriter(), false);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).isInstanceOf(AuthorizationDeniedException.class);
        }
    }

    @Autowired jp.mimamori.server.outreach.OutreachService outreach;

    @Test
    void theModelRanksWithReasonsAndADismissedChildIsNotProposedAgainUnlessSomethingNewHappens() {
        assertThat(summary.positives()).isPositive();
        assertThat(summary.labelFrequency()).isBetween(0.0, 1.0);
        List<Map<String, Object>> top = jdbc.sql("select person_id, score, rank, raised from child_score where run_id = :r and rank <= 20 order by rank")
                .param("r", summary.runId()).query().listOfRows();
        assertThat(top).hasSize(20).allSatisfy(t -> assertThat((String) t.get("raised")).as("every listed child carries a reason").isNotBlank());
        assertThat((Double) top.get(0).get("score")).isGreaterThanOrEqualTo((Double) top.get(19).get("score"));
        assertThat(jdbc.sql("select count(*) from child_score s join child_indicator c on c.run_id = s.run_id and c.person_id = s.person_id "
                + "where s.run_id = :r and s.rank is not null and c.vals[:i] > 0").param("r", summary.runId())
                .param("i", Indicator.CONSULTATIONS.ordinal() + 1).query(Long.class).single()).as("children who came forward are not ranked").isZero();

        Map<String, Object> first = jdbc.sql("select id, person_id from outreach_item where assess_run = :r order by id limit 1")
                .param("r", summary.runId()).query().singleRow();
        SystemActor.runAs("t-supervisor", Role.CENTER_SUPERVISOR, () -> {
            outreach.dismiss((Long) first.get("id"), "学校が既に見守っている");
            return null;
        });
        AssessService.Summary again = SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.run());
        assertThat(jdbc.sql("select count(*) from outreach_item where assess_run = :r and person_id = :p").param("r", again.runId())
                .param("p", first.get("person_id")).query(Long.class).single()).as("dismissed for 180 days").isZero();
        assertThat(jdbc.sql("select count(*) from outreach_item where assess_run = :r").param("r", again.runId()).query(Long.class).single()).isPositive();
        assertThatThrownBy(() -> SystemActor.runAs("t-caseworker", Role.CENTER_CASEWORKER, () -> {
            outreach.approve((Long) first.get("id"));
            return null;
        })).isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    void theAdministratorExportsTheRankingWithReasons() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        long n = SystemActor.runAs("t-assess", Role.ADMIN, () -> {
            try {
                return assess.exportScores(out, true);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(out.toString())).getRecords();
        assertThat(rows).hasSize((int) n);
        assertThat(rows.get(0).get("rank")).isEqualTo("1");
        assertThat(rows.get(0).get("child_id")).matches("P[0-9A-Z]{12}");
        assertThat(rows.get(0).isMapped("absence_90")).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'SCORES_EXPORTED'").query(Long.class).single()).isPositive();
    }
}
