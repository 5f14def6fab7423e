package jp.mimamori.server.assess;

import jp.mimamori.server.audit.Actor;
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
@org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc
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
        summary = SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.run(Actor.current()));
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
            assertThatThrownBy(() -> SystemActor.runAs("t-" + role, role, () -> assess.run(Actor.current()))).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> SystemActor.runAs("t-" + role, role, () -> {
                try {
                    return assess.exportScores(Actor.current(), new java.io.StringWriter(), false);
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
            outreach.dismiss(Actor.current(), (Long) first.get("id"), "学校が既に見守っている");
            return null;
        });
        AssessService.Summary again = SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.run(Actor.current()));
        assertThat(jdbc.sql("select count(*) from outreach_item where assess_run = :r and person_id = :p").param("r", again.runId())
                .param("p", first.get("person_id")).query(Long.class).single()).as("dismissed for 180 days").isZero();
        assertThat(jdbc.sql("select count(*) from outreach_item where assess_run = :r").param("r", again.runId()).query(Long.class).single()).isPositive();
        assertThatThrownBy(() -> SystemActor.runAs("t-caseworker", Role.CENTER_CASEWORKER, () -> {
            outreach.approve(Actor.current(), (Long) first.get("id"));
            return null;
        })).isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    void theAdministratorExportsTheRankingWithReasons() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        long n = SystemActor.runAs("t-assess", Role.ADMIN, () -> {
            try {
                return assess.exportScores(Actor.current(), out, true);
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

    @Autowired RuleBook rules;
    @Autowired jp.mimamori.server.outreach.Letters letters;
    @Autowired jp.mimamori.server.TestUsers users;

    private static <T> T as(String user, Role role, java.util.function.Supplier<T> work) {
        return SystemActor.runAs(user, role, work::get);
    }

    @Test
    void staffRulesAreVersionedAuditedAndAppliedByTheNextAssessment() throws Exception {
        long before = jdbc.sql("select count(*) from assess_rule").query(Long.class).single();
        assertThatThrownBy(() -> as("t-supervisor", Role.CENTER_SUPERVISOR,
                () -> rules.save(Actor.current(), "LONG_ABSENCE", "長期欠席", "欠席が多い", "x", "17", "ABSENCE_90>>30", true)))
                .isInstanceOfSatisfying(jp.mimamori.server.validation.InvalidInputException.class, e -> {
                    assertThat(e.errors()).extracting(jp.mimamori.server.validation.FieldError::field).containsExactlyInAnyOrder("minAge", "conditions");
                    assertThat(e.errors().toString()).contains("ABSENCE_90>>30");
                });
        assertThatThrownBy(() -> as("t-supervisor", Role.CENTER_SUPERVISOR,
                () -> rules.save(Actor.current(), "NEW_RULE", "新", "理由", "0", "5", "NO_SUCH_INDICATOR>=1", true)))
                .isInstanceOfSatisfying(jp.mimamori.server.validation.InvalidInputException.class,
                        e -> assertThat(e.errors().toString()).contains("NO_SUCH_INDICATOR"));
        assertThatThrownBy(() -> as("t-caseworker", Role.CENTER_CASEWORKER,
                () -> rules.save(Actor.current(), "LONG_ABSENCE", "長期欠席", "欠席が多い", "6", "17", "ABSENCE_90>=30", true)))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> as("t-analyst", Role.ANALYST, () -> rules.latest())).isInstanceOf(AuthorizationDeniedException.class);
        assertThat(jdbc.sql("select count(*) from assess_rule").query(Long.class).single()).as("refused changes store nothing").isEqualTo(before);

        // The page: a supervisor's bad form comes back with the field named and stores nothing; a caseworker's POST is refused.
        var supervisorSession = jp.mimamori.server.TestUsers.signIn(mvc, users.ensure("t-rules-supervisor", Role.CENTER_SUPERVISOR, null));
        var bad = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/center/rules").session(supervisorSession)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("code", "NEW_RULE").param("nameJa", "新").param("reasonJa", "理由").param("minAge", "12").param("maxAge", "3")
                .param("conditions", "ABSENCE_90>=1")).andReturn();
        assertThat(bad.getResponse().getStatus()).as("the form comes back as typed").isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("data-field=\"maxAge\"", "value=\"NEW_RULE\"");
        var cw = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/center/rules")
                .session(jp.mimamori.server.TestUsers.signIn(mvc, users.ensure("t-rules-cw", Role.CENTER_CASEWORKER, null)))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("code", "NEW_RULE").param("nameJa", "新").param("reasonJa", "理由").param("minAge", "0").param("maxAge", "3")
                .param("conditions", "ABSENCE_90>=1")).andReturn();
        assertThat(cw.getResponse().getStatus()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from assess_rule").query(Long.class).single()).isEqualTo(before);
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/center/rules").param("edit", "LONG_ABSENCE")
                .session(supervisorSession)).andReturn().getResponse().getContentAsString();
        assertThat(page).containsPattern("<option value=\"ABSENCE_90\" selected=\"selected\">").contains("value=\"15\"");

        int v = as("t-supervisor", Role.CENTER_SUPERVISOR, () -> rules.save(Actor.current(), " LONG_ABSENCE ", "長期欠席（30日）", "直近3か月の欠席が30日以上", "6", "17", "ABSENCE_90 >= 30", true));
        assertThat(v).isEqualTo(2);
        int retired = as("t-supervisor", Role.CENTER_SUPERVISOR, () -> rules.save(Actor.current(), "MISSED_CHECKS_AND_VACCINES", "健診と予防接種の遅れ",
                "乳幼児健診の未受診と予防接種の遅れが重なっている", "0", "3", "HEALTH_CHECK_MISSED>=1;VACCINATION_OVERDUE>=2", false));
        assertThat(retired).isEqualTo(2);
        assertThat(as("t-caseworker", Role.CENTER_CASEWORKER, () -> rules.history("LONG_ABSENCE"))).extracting(RuleBook.Version::version).containsExactly(2, 1);
        assertThat(as("t-assess", Role.ADMIN, () -> rules.active())).extracting(r -> r.code() + " v" + r.version())
                .contains("LONG_ABSENCE v2", "UNSEEN_PRESCHOOL v1").doesNotContain("MISSED_CHECKS_AND_VACCINES v1", "MISSED_CHECKS_AND_VACCINES v2");
        assertThat(jdbc.sql("select detail from audit_event where action = 'RULE_CHANGED' and target = 'assess_rule:LONG_ABSENCE:v2'")
                .query(String.class).single()).contains("v1", "ABSENCE_90>=15", "v2", "ABSENCE_90>=30");

        AssessService.Summary next = as("t-assess", Role.ADMIN, () -> assess.run(Actor.current()));
        List<Map<String, Object>> flags = jdbc.sql("""
                select f.rule_code, f.rule_version, c.vals[:i] as absence from rule_flag f
                join child_indicator c on c.run_id = f.run_id and c.person_id = f.person_id where f.run_id = :r""")
                .param("i", Indicator.ABSENCE_90.ordinal() + 1).param("r", next.runId()).query().listOfRows();
        assertThat(flags).noneMatch(f -> f.get("rule_code").equals("MISSED_CHECKS_AND_VACCINES"));
        assertThat(flags).filteredOn(f -> f.get("rule_code").equals("LONG_ABSENCE"))
                .allSatisfy(f -> {
                    assertThat(f.get("rule_version")).isEqualTo(2);
                    assertThat(((Number) f.get("absence")).doubleValue()).isGreaterThanOrEqualTo(30);
                });
    }

    @Test
    void aLetterIsAddressedToTheHouseholdAndSaysNothingAboutWhy() throws Exception {
        String caseworker = users.ensure("t-letter-cw", Role.CENTER_CASEWORKER, null);
        String other = users.ensure("t-letter-other", Role.CENTER_CASEWORKER, null);
        Map<String, Object> item = jdbc.sql("""
                select o.id, o.person_id, o.reasons from outreach_item o join person_profile p on p.person_id = o.person_id
                where o.status = 'PROPOSED' and p.sources like '%juki%' order by o.id desc limit 1""").query().singleRow();
        long id = (Long) item.get("id");
        as("t-supervisor", Role.CENTER_SUPERVISOR, () -> {
            outreach.assign(Actor.current(), id, caseworker, jp.mimamori.server.outreach.OutreachAction.LETTER);
            return null;
        });
        assertThatThrownBy(() -> as(other, Role.CENTER_CASEWORKER, () -> letters.print(Actor.current(), id, java.time.LocalDate.of(2026, 11, 23))))
                .isInstanceOf(jp.mimamori.server.access.Refused.class).hasMessageContaining("担当者");
        assertThatThrownBy(() -> as("t-analyst", Role.ANALYST, () -> letters.print(Actor.current(), id, java.time.LocalDate.of(2026, 11, 23))))
                .isInstanceOf(AuthorizationDeniedException.class);

        var printed = as(caseworker, Role.CENTER_CASEWORKER, () -> letters.print(Actor.current(), id, java.time.LocalDate.of(2026, 11, 23)));
        Map<String, Object> head = jdbc.sql("""
                select r.fields->>'name' as name, r.fields->>'address' as address, r.fields->>'postcode' as postcode
                from person_profile c join person_profile p on p.household_id = c.household_id
                join record_link k on k.run_id = p.run_id and k.person_id = p.person_id and k.source_code = 'juki'
                join extract_load l on l.current and l.source_code = 'juki' join extract_row r on r.load_id = l.id and r.record_id = k.record_id
                where c.person_id = :p and r.fields->>'relation' = '世帯主' limit 1""").param("p", item.get("person_id")).query().singleRow();
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(printed.pdf())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("[\\s\u3000]", "");
            assertThat(text).contains(((String) head.get("name")).replaceAll("[\\s\u3000]", "") + "様")
                    .contains(((String) head.get("address")).replaceAll("[\\s\u3000]", "")).contains("〒" + head.get("postcode"))
                    .contains("令和8年11月23日").contains("子育てに関するご案内");
            for (String reason : ((String) item.get("reasons")).split("、")) {
                assertThat(text).as("the letter says nothing about why").doesNotContain(reason.strip());
            }
            for (Indicator i : Indicator.values()) {
                assertThat(text).doesNotContain(i.labelJa());
            }
            var font = pdf.getPage(0).getResources().getFont(pdf.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.isEmbedded()).as("the Japanese font travels inside the PDF").isTrue();
            assertThat(font.getName()).contains("BIZUDGothic");
        }
        assertThat(jdbc.sql("select detail from audit_event where action = 'LETTER_PRINTED' and target = :t").param("t", "outreach:" + id)
                .query(String.class).single()).contains((String) item.get("person_id"));

        // The template: placeholders outside the list and words that give the reason away are refused; nothing is stored.
        var t = as("t-supervisor", Role.CENTER_SUPERVISOR, () -> letters.current());
        assertThatThrownBy(() -> as("t-supervisor", Role.CENTER_SUPERVISOR,
                () -> letters.saveTemplate(Actor.current(), t.title(), t.body() + "\n{理由}のためご連絡しました。", t.sender(), t.contact())))
                .isInstanceOfSatisfying(jp.mimamori.server.validation.InvalidInputException.class, e -> assertThat(e.errors().toString()).contains("{理由}"));
        assertThatThrownBy(() -> as("t-supervisor", Role.CENTER_SUPERVISOR,
                () -> letters.saveTemplate(Actor.current(), "生活保護に関するご案内", t.body(), t.sender(), t.contact())))
                .isInstanceOfSatisfying(jp.mimamori.server.validation.InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(jp.mimamori.server.validation.FieldError::field).containsExactly("title"));
        assertThatThrownBy(() -> as(caseworker, Role.CENTER_CASEWORKER, () -> letters.saveTemplate(Actor.current(), "ご案内", t.body(), t.sender(), t.contact())))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThat(as("t-supervisor", Role.CENTER_SUPERVISOR, () -> letters.current()).version()).isEqualTo(t.version());
        // Over HTTP: the assigned caseworker gets the PDF; another caseworker is refused (403) and the refusal audited, with the reason.
        var pdf = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/center/outreach/" + id + "/letter.pdf")
                .session(jp.mimamori.server.TestUsers.signIn(mvc, caseworker))).andReturn().getResponse();
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.getContentAsByteArray(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        var otherSession = jp.mimamori.server.TestUsers.signIn(mvc, other);
        var refused = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/center/outreach/" + id + "/letter.pdf")
                .session(otherSession)).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(refused.getResponse().getHeader("Location")).isNull();
        assertThat(jdbc.sql("select detail from audit_event where action = 'ACCESS_DENIED' and actor = :u and target = :t")
                .param("u", other).param("t", "GET /center/outreach/" + id + "/letter.pdf").query(String.class).list())
                .singleElement().asString().contains("only the assigned caseworker prints the letter");
        // The outcome of another caseworker's item: the same 403 with an audit row, and nothing recorded.
        var outcome = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/center/outreach/" + id + "/outcome")
                .session(otherSession).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("outcome", "MET").param("note", "訪問しました")).andReturn();
        assertThat(outcome.getResponse().getStatus()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ACCESS_DENIED' and actor = :u and target = :t")
                .param("u", other).param("t", "POST /center/outreach/" + id + "/outcome").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select status from outreach_item where id = :id").param("id", id).query(String.class).single()).isEqualTo("ASSIGNED");
        int v2 = as("t-supervisor", Role.CENTER_SUPERVISOR, () -> letters.saveTemplate(Actor.current(), "子育て応援のお知らせ", t.body(), t.sender(), t.contact()));
        as(caseworker, Role.CENTER_CASEWORKER, () -> letters.print(Actor.current(), id, java.time.LocalDate.of(2026, 11, 24)));
        assertThat(jdbc.sql("select letter_version from outreach_item where id = :id").param("id", id).query(Integer.class).single()).isEqualTo(v2);
    }

    @Autowired jp.mimamori.server.report.Trends trends;
    @Autowired org.springframework.test.web.servlet.MockMvc mvc;

    @Test
    void analystsSeeTrendsAndWhomTheRankingReachesWithSmallCellsHidden() throws Exception {
        var view = as("t-analyst", Role.ANALYST, () -> trends.latest(Actor.current(), false)).orElseThrow();
        assertThat(view.children()).isPositive();
        List<jp.mimamori.server.report.Trends.Cell> cells = new java.util.ArrayList<>();
        for (var c : view.circumstances()) {
            cells.addAll(List.of(c.with(), c.withConsulted(), c.without(), c.withoutConsulted()));
            assertThat(c.withConsulted().hidden()).as("a pair is hidden together: " + c.indicator()).isEqualTo(c.withoutConsulted().hidden());
        }
        view.reach().forEach(r -> cells.addAll(List.of(r.children(), r.came(), r.ranked(), r.top5())));
        assertThat(cells).allSatisfy(c -> assertThat(c.value() == null || c.value() == 0 || c.value() >= view.k()).isTrue());
        assertThat(cells).anyMatch(c -> c.value() != null && c.value() > 0);
        for (var t : List.of(view.byAge(), view.byArea())) {
            t.rows().forEach(r -> r.cells().forEach(v -> {
                if (v.matches("\\d+")) {
                    assertThat(Integer.parseInt(v)).as(r.label()).matches(n -> n == 0 || n >= view.k());
                }
            }));
        }
        assertThat(view.byAge().rows()).isNotEmpty();

        // The figures are the data's: children on public assistance and how many of them were consulted.
        var assistance = view.circumstances().stream().filter(c -> c.indicator() == Indicator.PUBLIC_ASSISTANCE).findFirst().orElseThrow();
        List<Long> direct = jdbc.sql("""
                select count(*) filter (where vals[:a] > 0) as n, count(*) filter (where vals[:a] > 0 and vals[:c] > 0) as c
                from child_indicator where run_id = :r""").param("a", Indicator.PUBLIC_ASSISTANCE.ordinal() + 1)
                .param("c", Indicator.CONSULTATIONS.ordinal() + 1).param("r", view.runId())
                .query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2))).single();
        assertThat(assistance.with().value()).isEqualTo(direct.get(0).intValue());
        if (!assistance.withConsulted().hidden()) {
            assertThat(assistance.withConsulted().value()).isEqualTo(direct.get(1).intValue());
        }
        // Whom the ranking reaches: every child is in one group of each pair.
        assertThat(view.reach()).hasSize(6);
        for (String d : List.of("household", "nationality", "disability")) {
            var pair = view.reach().stream().filter(r -> r.dimension().endsWith(d)).toList();
            assertThat(pair).hasSize(2);
            if (pair.stream().noneMatch(r -> r.children().hidden())) {
                assertThat(pair.stream().mapToInt(r -> r.children().value()).sum()).isEqualTo(view.children());
            }
        }

        assertThatThrownBy(() -> as("t-caseworker", Role.CENTER_CASEWORKER, () -> trends.latest(Actor.current(), false))).isInstanceOf(AuthorizationDeniedException.class);
        String analyst = users.ensure(Role.ANALYST);
        String caseworker = users.ensure("t-stats-cw", Role.CENTER_CASEWORKER, null);
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/stats")
                        .session(jp.mimamori.server.TestUsers.signIn(mvc, analyst)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("相談に先立つ状況", "評価が届いているか");
        for (String name : jdbc.sql("select name from person_profile where is_child and name is not null limit 200").query(String.class).list()) {
            assertThat(page).as("no child is named on the statistics page").doesNotContain(name);
        }
        assertThat(page).doesNotContainPattern("P[0-9A-Z]{12}");
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/stats")
                .session(jp.mimamori.server.TestUsers.signIn(mvc, caseworker))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'STATS_VIEWED'").query(Long.class).single()).isPositive();

        // Charts drawn on the server, every table as CSV with the same cells hidden, a period choice, and the same refusals.
        var analystSession = jp.mimamori.server.TestUsers.signIn(mvc, analyst);
        assertThat(page).contains("<svg", "CSVでダウンロード").doesNotContain("<script src=\"http");
        var csv = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/stats/by-age.csv").session(analystSession))
                .andReturn().getResponse();
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).startsWith("text/csv");
        List<CSVRecord> ageRows = CSVFormat.DEFAULT.parse(new java.io.StringReader(csv.getContentAsString(java.nio.charset.StandardCharsets.UTF_8).substring(1))).getRecords();
        assertThat(ageRows).hasSize(view.byAge().rows().size() + 1);
        for (int i = 0; i < view.byAge().rows().size(); i++) {
            assertThat(ageRows.get(i + 1).toList().subList(1, ageRows.get(i + 1).size())).as("the CSV hides what the page hides")
                    .isEqualTo(view.byAge().rows().get(i).cells());
        }
        for (String t : List.of("circumstances", "by-area", "monthly", "reach")) {
            assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/stats/" + t + ".csv").session(analystSession))
                    .andReturn().getResponse().getStatus()).as(t).isEqualTo(200);
        }
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/stats").param("months", "3").session(analystSession))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("直近 3 か月");
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/stats").param("months", "5").session(analystSession))
                .andReturn().getResponse().getStatus()).isEqualTo(400);
        long denied = jdbc.sql("select count(*) from audit_event where action = 'ACCESS_DENIED' and actor = :a").param("a", caseworker).query(Long.class).single();
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/stats/by-age.csv")
                .session(jp.mimamori.server.TestUsers.signIn(mvc, caseworker))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ACCESS_DENIED' and actor = :a").param("a", caseworker).query(Long.class).single())
                .isEqualTo(denied + 1);
        // Each row's total is the sum of its cells when all are shown, so that the suppression's arithmetic holds for the table shown.
        view.byAge().rows().stream().filter(r -> r.cells().stream().allMatch(c -> c.matches("\\d+"))).forEach(r -> {
            List<Integer> n = r.cells().stream().map(Integer::parseInt).toList();
            assertThat(n.subList(0, n.size() - 1).stream().mapToInt(Integer::intValue).sum()).as(r.label()).isEqualTo(n.get(n.size() - 1));
        });
    }

    @Test
    void aGivenPriorCalibratesTheScoresAndExcludedIndicatorsAreNeverInputsOrReasons() {
        AssessService.Summary s = as("t-assess", Role.ADMIN, () -> assess.run(Actor.current(), 0.05,
                java.util.EnumSet.of(Indicator.DISABILITY_CHILD, Indicator.DISABILITY_PARENT)));
        assertThat(s.priorGiven()).isTrue();
        assertThat(s.classPrior()).isEqualTo(0.05);
        assertThat(s.estimatedPrior()).isBetween(0.0, 1.0);
        assertThat(jdbc.sql("select avg(score) from child_score where run_id = :r").param("r", s.runId()).query(Double.class).single())
                .as("the scores' mean is the given prior").isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(jdbc.sql("select prior_configured from assess_run where id = :r").param("r", s.runId()).query(Boolean.class).single()).isTrue();
        assertThat(s.features()).doesNotContain("DISABILITY_CHILD", "DISABILITY_PARENT", "CONSULTATIONS").contains("ABSENCE_90");
        assertThat(jdbc.sql("select count(*) from child_score where run_id = :r and (raised like '%障害者手帳%' or lowered like '%障害者手帳%')")
                .param("r", s.runId()).query(Long.class).single()).as("an excluded indicator is never a reason").isZero();
        assertThatThrownBy(() -> as("t-assess", Role.ADMIN, () -> assess.run(Actor.current(), 1.5, null))).hasMessageContaining("1.5");
    }
}
