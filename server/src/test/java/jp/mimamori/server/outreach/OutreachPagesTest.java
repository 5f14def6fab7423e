package jp.mimamori.server.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.time.Times;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A supervisor's month of outreach: 320 proposed children (40 flagged by a rule, the rest ranked by the
 * model with gaps in its ranks, as a real run leaves them) in two towns, written straight into the
 * tables the assessment fills, so that every total and order is known here independently of the page.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-outreach-pages", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// By name: the untouched list is read first, then decisions change it.
@TestMethodOrder(MethodOrderer.MethodName.class)
class OutreachPagesTest {

    static final int ITEMS = 320;
    static final int RULE = 40;

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;
    @Autowired Times times;

    final List<Long> ids = new ArrayList<>();
    MockHttpSession supervisor;
    MockHttpSession caseworker;
    String caseworkerName;
    long kawabata;

    @BeforeAll
    void aMonthOfProposals() throws Exception {
        LocalDate today = times.today();
        long link = jdbc.sql("insert into link_run (finished_at, run_by) values (now(), 't') returning id").query(Long.class).single();
        long run = jdbc.sql("insert into assess_run (link_run, as_of, indicators, run_by, finished_at) values (:l, :d, '{}', 't', now()) returning id")
                .param("l", link).param("d", today).query(Long.class).single();
        for (int i = 0; i < ITEMS; i++) {
            String person = "PO%011d".formatted(i);
            String town = i % 3 == 0 ? "川端町" : "見守町";
            kawabata += i % 3 == 0 ? 1 : 0;
            jdbc.sql("insert into person (person_id, first_run) values (:p, :r)").param("p", person).param("r", link).update();
            jdbc.sql("""
                    insert into person_profile (person_id, run_id, is_child, name, birth_date, sex, address, address_key, sources)
                    values (:p, :r, true, :n, :b, 'M', :a, :k, 'juki')""")
                    .param("p", person).param("r", link).param("n", "見守 児" + i).param("b", today.minusYears(i % 17).minusDays(5))
                    .param("a", town + "3丁目1番1号").param("k", JapaneseText.nameKey(town) + "|3|1|1").update();
            // Rule-flagged children carry no model rank; the model's ranks skip (those who came forward are not proposed).
            boolean rule = i < RULE;
            ids.add(jdbc.sql("""
                    insert into outreach_item (assess_run, person_id, as_of, score, rank, reasons, rule_codes)
                    values (:r, :p, :d, :s, :k, :why, :codes) returning id""")
                    .param("r", run).param("p", person).param("d", today).param("s", rule ? null : 0.9 - i / 1000.0)
                    .param("k", rule ? null : 3 + 2 * (i - RULE)).param("why", "乳幼児健診の未受診").param("codes", rule ? "R1" : "")
                    .query(Long.class).single());
        }
        supervisor = TestUsers.signIn(mvc, users.ensure(Role.CENTER_SUPERVISOR));
        caseworkerName = users.ensure(Role.CENTER_CASEWORKER);
        caseworker = TestUsers.signIn(mvc, caseworkerName);
    }

    String page(MockHttpSession s, String url) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(url).session(s)).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    static List<Long> itemIds(String html) {
        List<Long> out = new ArrayList<>();
        Matcher m = Pattern.compile("<section class=\"card outreach-item\" id=\"item-(\\d+)\"").matcher(html);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    MockHttpServletResponse htmx(String url, String... params) throws Exception {
        var req = post(url).session(supervisor).with(csrf()).header("HX-Request", "true");
        for (int i = 0; i < params.length; i += 2) {
            req = req.param(params[i], params[i + 1]);
        }
        return mvc.perform(req).andReturn().getResponse();
    }

    String displayName(String user) {
        return jdbc.sql("select display_name from app_user where username = :u").param("u", user).query(String.class).single();
    }

    @Test
    void a_theListIsPagedInItsOwnOrderWithTotalsAndJapaneseWords() throws Exception {
        String first = page(supervisor, "/center/outreach");
        assertThat(itemIds(first)).isEqualTo(ids.subList(0, 50));
        assertThat(first).contains("全 320 件（1–50 件目、1 / 7 ページ）", ">1.<", ">50.<", "状態 / status: 提案", "rel=\"next\"", "/js/outreach.js",
                "purpose=outreach:DECIDE-" + ids.get(0), "hx-post=\"/center/outreach/" + ids.get(0) + "/approve\"");
        assertThat(first).doesNotContain("PROPOSED<", "status: PROPOSED", "style=");
        // The caseworker picker lists staff by name, not by user id.
        assertThat(first).contains("<option value=\"" + caseworkerName + "\">" + displayName(caseworkerName) + "</option>");
        // Page 2 continues where page 1 stopped: the list's own place numbers, not the model's gapped ranks.
        String second = page(supervisor, "/center/outreach?page=2");
        assertThat(itemIds(second)).isEqualTo(ids.subList(50, 100));
        assertThat(second).contains(">51.<", "モデル順位 / model rank " + (3 + 2 * (50 - RULE)));
        assertThat(itemIds(page(supervisor, "/center/outreach?page=7"))).isEqualTo(ids.subList(300, 320));

        assertThat(page(supervisor, "/center/outreach?kind=rule")).contains("全 40 件");
        assertThat(page(supervisor, "/center/outreach?kind=model")).contains("全 280 件");
        assertThat(page(supervisor, "/center/outreach?town=川端町")).contains("全 " + kawabata + " 件");
        long infants = 0;
        for (int i = 0; i < ITEMS; i++) {
            infants += i % 17 <= 5 ? 1 : 0;
        }
        assertThat(page(supervisor, "/center/outreach?age=infant")).contains("全 " + infants + " 件");
        for (String bad : List.of("status=NOPE", "kind=x", "age=old", "page=0")) {
            MockHttpServletResponse r = mvc.perform(get("/center/outreach?" + bad).session(supervisor)).andReturn().getResponse();
            assertThat(r.getStatus()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void b_anActionSwapsOnlyItsItemAndShowsItsErrorThere() throws Exception {
        long id = ids.get(60);
        MockHttpServletResponse ok = htmx("/center/outreach/" + id + "/approve", "pos", "61");
        assertThat(ok.getStatus()).isEqualTo(200);
        String html = ok.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).startsWith("<section").contains("id=\"item-" + id + "\"", ">61.<", "状態 / status: 承認済み", "保存しました")
                .doesNotContain("<html", "item-" + ids.get(61));
        assertThat(jdbc.sql("select status from outreach_item where id = :i").param("i", id).query(String.class).single()).isEqualTo("APPROVED");
        // Approving twice: refused, the reason at the item, the item still there.
        MockHttpServletResponse again = htmx("/center/outreach/" + id + "/approve", "pos", "61");
        assertThat(again.getStatus()).isEqualTo(400);
        assertThat(again.getContentAsString(StandardCharsets.UTF_8)).startsWith("<section").contains("id=\"item-" + id + "\"", "承認済み", "class=\"errors\"")
                .doesNotContain("APPROVED");
        // Assigning without choosing anyone: refused at the item.
        MockHttpServletResponse nobody = htmx("/center/outreach/" + id + "/assign", "assignee", "", "action", "VISIT");
        assertThat(nobody.getStatus()).isEqualTo(400);
        assertThat(nobody.getContentAsString(StandardCharsets.UTF_8)).contains("担当する職員を選んでください");
        MockHttpServletResponse assigned = htmx("/center/outreach/" + id + "/assign", "assignee", caseworkerName, "action", "VISIT", "pos", "61");
        assertThat(assigned.getStatus()).isEqualTo(200);
        assertThat(assigned.getContentAsString(StandardCharsets.UTF_8)).contains("割当済み", "担当 / assigned to " + displayName(caseworkerName) + "（訪問");
        // Without htmx the form posts and comes back to the same list page.
        MockHttpServletResponse plain = mvc.perform(post("/center/outreach/" + ids.get(61) + "/approve").session(supervisor).with(csrf())
                .param("back", "page=2&kind=model")).andReturn().getResponse();
        assertThat(plain.getStatus()).isEqualTo(302);
        assertThat(plain.getRedirectedUrl()).isEqualTo("/center/outreach?page=2&kind=model#item-" + ids.get(61));
    }

    @Test
    void c_bulkApproveAndAssignDoWhatTheyCanAndNameTheRest() throws Exception {
        long already = ids.get(61); // approved above
        String who = users.ensure(Role.CENTER_SUPERVISOR);
        long decided = audit.count(AuditAction.OUTREACH_DECIDED, who);
        MockHttpServletResponse r = mvc.perform(post("/center/outreach/bulk").session(supervisor).with(csrf()).param("op", "approve")
                .param("ids", ids.get(100).toString(), ids.get(101).toString(), ids.get(60).toString())).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        assertThat(audit.count(AuditAction.OUTREACH_DECIDED, who)).isEqualTo(decided + 2);
        assertThat(jdbc.sql("select count(*) from outreach_item where id in (:a, :b) and status = 'APPROVED'").param("a", ids.get(100)).param("b", ids.get(101))
                .query(Long.class).single()).isEqualTo(2);
        mvc.perform(post("/center/outreach/bulk").session(supervisor).with(csrf()).param("op", "assign").param("assignee", caseworkerName)
                .param("action", "PHONE").param("ids", ids.get(100).toString(), ids.get(102).toString(), String.valueOf(already))).andReturn();
        assertThat(jdbc.sql("select count(*) from outreach_item where id in (:a, :b, :c) and status = 'ASSIGNED' and assignee = :u and action = 'PHONE'")
                .param("a", ids.get(100)).param("b", ids.get(102)).param("c", already).param("u", caseworkerName).query(Long.class).single()).isEqualTo(3);
        // Nothing ticked: told so, nothing done.
        var none = mvc.perform(post("/center/outreach/bulk").session(supervisor).with(csrf()).param("op", "approve")).andReturn();
        assertThat(none.getResponse().getStatus()).isEqualTo(302);
        assertThat(none.getFlashMap().get("errors")).isNotNull();
    }

    @Test
    void d_decidedAndDismissedItemsAreViewableWithWhoAndWhy() throws Exception {
        htmx("/center/outreach/" + ids.get(200) + "/dismiss", "reason", "学校が既に見守っている");
        String dismissed = page(supervisor, "/center/outreach?status=DISMISSED");
        assertThat(itemIds(dismissed)).containsExactly(ids.get(200));
        assertThat(dismissed).contains("判断 / decided: " + displayName(users.ensure(Role.CENTER_SUPERVISOR)), "見送りの理由 / why not: 学校が既に見守っている",
                "状態 / status: 見送り");
        assertThat(page(supervisor, "/center/outreach?status=ASSIGNED")).contains("全 4 件");
        // The caseworker sees only their own assignments.
        String mine = page(caseworker, "/center/outreach");
        assertThat(mine).contains("全 4 件").doesNotContain("name=\"ids\"", "/approve");
    }

    @Test
    void e_aSupervisorOpensAProposedChildForDecidingItAuditedAsSuchNotBreakGlass() throws Exception {
        long id = ids.get(250);
        String person = "PO%011d".formatted(250);
        MockHttpServletResponse r = mvc.perform(get("/center/children/" + person).param("purpose", "outreach:DECIDE-" + id).session(supervisor))
                .andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        String who = users.ensure(Role.CENTER_SUPERVISOR);
        assertThat(jdbc.sql("select count(*) from audit_event where actor = :u and purpose = :p").param("u", who).param("p", "outreach:DECIDE-" + id)
                .query(Long.class).single()).isPositive();
        assertThat(audit.count(AuditAction.BREAK_GLASS, who)).isZero();
        // The same purpose does not open another child, nor serve a caseworker.
        assertThat(mvc.perform(get("/center/children/" + "PO%011d".formatted(251)).param("purpose", "outreach:DECIDE-" + id).session(supervisor))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/center/children/" + person).param("purpose", "outreach:DECIDE-" + id).session(caseworker))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void f_otherRolesAreRefusedAndAudited() throws Exception {
        for (Role role : List.of(Role.ANALYST, Role.DEPT_UPLOADER)) {
            String who = users.ensure(role);
            MockHttpSession s = TestUsers.signIn(mvc, who);
            long denied = audit.count(AuditAction.ACCESS_DENIED, who);
            assertThat(mvc.perform(get("/center/outreach?page=2").session(s)).andReturn().getResponse().getStatus()).isEqualTo(403);
            assertThat(mvc.perform(post("/center/outreach/bulk").session(s).with(csrf()).param("op", "approve").param("ids", ids.get(300).toString()))
                    .andReturn().getResponse().getStatus()).isEqualTo(403);
            assertThat(audit.count(AuditAction.ACCESS_DENIED, who)).isEqualTo(denied + 2);
        }
        // A caseworker may not decide, alone or in bulk.
        long denied = audit.count(AuditAction.ACCESS_DENIED, caseworkerName);
        assertThat(mvc.perform(post("/center/outreach/bulk").session(caseworker).with(csrf()).param("op", "approve").param("ids", ids.get(300).toString()))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/center/outreach/" + ids.get(301) + "/approve").session(caseworker).with(csrf()).header("HX-Request", "true"))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(audit.count(AuditAction.ACCESS_DENIED, caseworkerName)).isEqualTo(denied + 2);
        assertThat(jdbc.sql("select count(*) from outreach_item where id in (:a, :b) and status = 'PROPOSED'").param("a", ids.get(300)).param("b", ids.get(301))
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void g_theAuditPageNamesActionsRolesAndStaffInWords() throws Exception {
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        String html = page(admin, "/admin/audit?action=OUTREACH_DECIDED");
        assertThat(html).contains("<td>アウトリーチの決定</td>", displayName(users.ensure(Role.CENTER_SUPERVISOR)), "<option value=\"LOGIN_SUCCESS\">ログイン成功</option>")
                .doesNotContain("<td>OUTREACH_DECIDED</td>", "<td>CENTER_SUPERVISOR</td>", ">LOGIN_SUCCESS<");
    }
}
