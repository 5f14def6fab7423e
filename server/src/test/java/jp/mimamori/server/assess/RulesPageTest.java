package jp.mimamori.server.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.core.assess.Indicator;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The rules page (判定ルール) as a supervisor uses it: a refused form comes back as typed with each problem
 * named once at its field, conditions read and chosen by their Japanese names, and the count of children a
 * typed rule would flag now, before saving. Its own database: the assessment it counts from is written here.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-rules", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesPageTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;

    /** age, 直近3か月の欠席日数, 保育所等の利用 (1/0) of the assessment's children. */
    static final int[][] CHILDREN = {{8, 20, 0}, {9, 15, 0}, {10, 14, 0}, {12, 40, 0}, {5, 30, 1}, {16, 16, 0}, {7, 0, 0}};

    @BeforeAll
    void anAssessmentToCountFrom() {
        long link = jdbc.sql("insert into link_run (run_by, finished_at) values ('test', now()) returning id").query(Long.class).single();
        // The stored order on purpose not the enum's: the count must find each indicator by the run's own list.
        List<String> names = List.of(Indicator.CHILDCARE.name(), Indicator.ABSENCE_90.name());
        long run = jdbc.sql("insert into assess_run (link_run, as_of, indicators, run_by, finished_at) values (:l, date '2026-04-30', :n, 'test', now()) returning id")
                .param("l", link).param("n", names.toArray(String[]::new)).query(Long.class).single();
        int n = 0;
        for (int[] c : CHILDREN) {
            jdbc.sql("insert into child_indicator (run_id, person_id, age, vals) values (:r, :p, :a, :v)")
                    .param("r", run).param("p", "P" + n++).param("a", c[0]).param("v", new Float[] {(float) c[2], (float) c[1]}).update();
        }
    }

    MockHttpServletRequestBuilder rule(String url, String code, String minAge, String maxAge, String... conditions) {
        return named(url, "長期欠席（テスト）", code, minAge, maxAge, conditions);
    }

    MockHttpServletRequestBuilder named(String url, String name, String code, String minAge, String maxAge, String... conditions) {
        MockHttpServletRequestBuilder b = post(url).with(csrf()).param("code", code).param("nameJa", name).param("reasonJa", "欠席が多い")
                .param("minAge", minAge).param("maxAge", maxAge).param("active", "on");
        for (int i = 0; i < conditions.length; i += 3) {
            b.param("ind", conditions[i]).param("op", conditions[i + 1]).param("val", conditions[i + 2]);
        }
        return b;
    }

    static int occurrences(String page, String text) {
        Matcher m = Pattern.compile(Pattern.quote(text)).matcher(page);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aRefusedFormComesBackAsTypedWithEachProblemOnce() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure("t-rules-sup", Role.CENTER_SUPERVISOR, null));
        long before = jdbc.sql("select count(*) from assess_rule").query(Long.class).single();
        MockHttpServletResponse r = mvc.perform(named("/center/rules", "", "bad code", "12", "3", "ABSENCE_90", "GE", "十五", "", "GE", "", "CHILDCARE", "LE", "0")
                .session(s)).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(400);
        String page = r.getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).as("what was typed").contains("value=\"bad code\"", "value=\"12\"", "value=\"3\"", "value=\"十五\"", "value=\"欠席が多い\"");
        assertThat(page).containsPattern("<option value=\"ABSENCE_90\" selected=\"selected\">直近3か月の欠席日数（日）</option>")
                .containsPattern("<option value=\"CHILDCARE\" selected=\"selected\">");
        for (String problem : List.of("コードは英大文字", "名称は1〜60文字", "年齢の上限（3歳）が下限（12歳）より小さい", "条件 1（直近3か月の欠席日数）: 値は数で入力してください")) {
            assertThat(occurrences(page, problem)).as(problem).isEqualTo(1);
        }
        assertThat(page).contains("入力に 4 件の問題があります").doesNotContain("ABSENCE_90&gt;=", "ABSENCE_90>=");
        assertThat(jdbc.sql("select count(*) from assess_rule").query(Long.class).single()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void conditionsAreReadAndChosenByTheirJapaneseNames() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure("t-rules-sup", Role.CENTER_SUPERVISOR, null));
        String page = mvc.perform(get("/center/rules").session(s)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("3歳児健診の未受診 あり かつ 保育所・幼稚園等の利用 なし", "直近3か月の欠席日数 15日以上")
                .doesNotContain("HEALTH_CHECK_3Y_MISSED&gt;=1", "<code>ABSENCE_90</code>");
        String edit = mvc.perform(get("/center/rules").param("edit", "UNSEEN_PRESCHOOL").session(s)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(edit).containsPattern("<option value=\"HEALTH_CHECK_3Y_MISSED\" selected=\"selected\">3歳児健診の未受診（1 あり / 0 なし）</option>")
                .containsPattern("<option value=\"CHILDCARE\" selected=\"selected\">");
    }

    @Test
    void aTypedRuleIsCountedBeforeSavingAndNothingIsSaved() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure("t-rules-sup", Role.CENTER_SUPERVISOR, null));
        long before = jdbc.sql("select count(*) from assess_rule").query(Long.class).single();
        // Ages 6–15, 15 days or more absent, no nursery: the 8-, 9- and 12-year-olds (the 10-year-old has 14 days, the 16-year-old is too old).
        String fragment = mvc.perform(rule("/center/rules/preview", "LONG_ABSENCE_TEST", "6", "15", "ABSENCE_90", "GE", "15", "CHILDCARE", "LE", "0")
                .header("HX-Request", "true").session(s)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(fragment).contains("今このルールに該当するこども 3 人", "こども 7 人のうち").doesNotContain("<html", "rule-form");
        MockHttpServletResponse full = mvc.perform(rule("/center/rules/preview", "LONG_ABSENCE_TEST", "6", "17", "ABSENCE_90", "GE", "１５")
                .session(s)).andReturn().getResponse();
        assertThat(full.getStatus()).isEqualTo(200);
        assertThat(full.getContentAsString(StandardCharsets.UTF_8)).as("without JavaScript: the whole page, as typed, with the count")
                .contains("今このルールに該当するこども 4 人", "value=\"LONG_ABSENCE_TEST\"", "id=\"rule-form\"");
        String wrong = mvc.perform(rule("/center/rules/preview", "X", "6", "17", "ABSENCE_90", "GE", "many").header("HX-Request", "true").session(s))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(wrong).contains("値は数で入力してください").doesNotContain("該当するこども");
        assertThat(jdbc.sql("select count(*) from assess_rule").query(Long.class).single()).isEqualTo(before);

        MockHttpServletResponse saved = mvc.perform(rule("/center/rules", "LONG_ABSENCE_TEST", "6", "15", "ABSENCE_90", "GE", "15", "CHILDCARE", "LE", "0")
                .session(s)).andReturn().getResponse();
        assertThat(saved.getRedirectedUrl()).isEqualTo("/center/rules");
        assertThat(jdbc.sql("select conditions from assess_rule where code = 'LONG_ABSENCE_TEST'").query(String.class).single())
                .isEqualTo("ABSENCE_90>=15;CHILDCARE<=0");
        // Who changed it is shown by display name, never the user id.
        org.jsoup.nodes.Document rules = org.jsoup.Jsoup.parse(mvc.perform(get("/center/rules").param("history", "LONG_ABSENCE_TEST").session(s))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(rules.select("#history tbody tr td:last-child").text()).startsWith("テスト " + Role.CENTER_SUPERVISOR.labelJa());
        assertThat(rules.body().text()).doesNotContain("t-rules-sup");
    }

    @Test
    void aCaseworkerMayReadTheRulesButNeitherCountNorSaveAndAnAnalystNotEvenRead() throws Exception {
        String cw = users.ensure("t-rules-caseworker", Role.CENTER_CASEWORKER, null);
        MockHttpSession s = TestUsers.signIn(mvc, cw);
        assertThat(mvc.perform(get("/center/rules").session(s)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("長期欠席").doesNotContain("id=\"rule-form\"");
        long denied = audit.count(AuditAction.ACCESS_DENIED, cw);
        assertThat(mvc.perform(rule("/center/rules/preview", "X", "6", "17", "ABSENCE_90", "GE", "15").session(s)).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(rule("/center/rules", "X_RULE", "6", "17", "ABSENCE_90", "GE", "15").session(s)).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(audit.count(AuditAction.ACCESS_DENIED, cw)).isEqualTo(denied + 2);
        assertThat(jdbc.sql("select count(*) from assess_rule where code = 'X_RULE'").query(Long.class).single()).isZero();
        String analyst = users.ensure(Role.ANALYST);
        assertThat(mvc.perform(get("/center/rules").session(TestUsers.signIn(mvc, analyst))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(audit.count(AuditAction.ACCESS_DENIED, analyst)).isPositive();
    }
}
