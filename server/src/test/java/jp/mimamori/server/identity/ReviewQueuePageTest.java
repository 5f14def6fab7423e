package jp.mimamori.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The review queue as a supervisor works it: 45 open pairs of which every third has a child record,
 * written straight into the linkage tables (the page reads only those), so that which pair belongs on
 * which page is known exactly: the 15 child pairs first in the run's order, then the adult pairs.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-review", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// By name: the counts of the first page are read before a decision changes them.
@TestMethodOrder(MethodOrderer.MethodName.class)
class ReviewQueuePageTest {

    static final int PAIRS = 45;

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;

    long run;
    MockHttpSession supervisor;

    @BeforeAll
    void aRunWithPairsLeftToAPerson() throws Exception {
        // An older run's pairs must not show: only the latest finished run's queue is open.
        long old = jdbc.sql("insert into link_run (finished_at, run_by) values (now() - interval '40 days', 't') returning id").query(Long.class).single();
        jdbc.sql("""
                insert into link_review (run_id, seq, source_a, record_a, source_b, record_b, probability, explanation)
                values (:r, 1, 'juki', 'OLD-A', 'zei', 'OLD-B', 0.5, '{"contributions":[]}')""").param("r", old).update();
        run = jdbc.sql("insert into link_run (finished_at, run_by) values (now(), 't') returning id").query(Long.class).single();
        for (int seq = 1; seq <= PAIRS; seq++) {
            jdbc.sql("""
                    insert into link_review (run_id, seq, source_a, record_a, source_b, record_b, probability, explanation)
                    values (:r, :s, 'juki', :a, 'kenko', :b, 0.6, '{"contributions":[{"label":"姓","level":"一致","bits":6.5}]}')""")
                    .param("r", run).param("s", seq).param("a", "A" + seq).param("b", "B" + seq).update();
            // Every third pair: the health record (B) is a child's; the registry record (A) never is.
            jdbc.sql("insert into record_link (run_id, source_code, record_id, person_id, is_child, match_probability) values (:r, 'juki', :a, 'PAAAAAAAAAAAA', false, 1)")
                    .param("r", run).param("a", "A" + seq).update();
            jdbc.sql("insert into record_link (run_id, source_code, record_id, person_id, is_child, match_probability) values (:r, 'kenko', :b, 'PBBBBBBBBBBBB', :c, 1)")
                    .param("r", run).param("b", "B" + seq).param("c", seq % 3 == 0).update();
        }
        supervisor = TestUsers.signIn(mvc, users.ensure(Role.CENTER_SUPERVISOR));
    }

    String page(String url) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(url).session(supervisor)).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    /** The registry record ids of the pairs on a page, in the page's order. */
    static List<Integer> seqs(String html) {
        List<Integer> out = new ArrayList<>();
        Matcher m = Pattern.compile("name=\"recordA\" value=\"A(\\d+)\"").matcher(html);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    @Test
    void childPairsComeFirstThenAdultsPagedWithCountsProgressAndShortcuts() throws Exception {
        String first = page("/center/review");
        List<Integer> children = new ArrayList<>();
        List<Integer> adults = new ArrayList<>();
        for (int s = 1; s <= PAIRS; s++) {
            (s % 3 == 0 ? children : adults).add(s);
        }
        List<Integer> expected = new ArrayList<>(children);
        expected.addAll(adults);
        assertThat(seqs(first)).isEqualTo(expected.subList(0, 20));
        assertThat(seqs(page("/center/review?page=2"))).isEqualTo(expected.subList(20, 40));
        assertThat(seqs(page("/center/review?page=3"))).isEqualTo(expected.subList(40, 45));
        assertThat(first).contains("残り 45 組", "全 45 組中 0 組判断済み・0%", "こどもを含む組 15 組", "1–20 組目を表示（1 / 3 ページ）",
                "href=\"/center/review?page=2\"", "こどもを含む / includes a child", "/js/review-keys.js", "data-key=\"s\"", "data-key=\"d\"");
        assertThat(first).doesNotContain("OLD-A", "rel=\"prev\"", "style=");
        // Sources by name, never the code.
        assertThat(first).contains("住民記録 A3", "健康管理 B3").doesNotContain(">juki ", ">kenko ");
        assertThat(page("/center/review?page=3")).doesNotContain("rel=\"next\"").contains("rel=\"prev\"");
    }

    @Test
    void decidingKeepsThePageCountsAndIsAudited() throws Exception {
        String who = users.ensure(Role.CENTER_SUPERVISOR);
        long decisions = audit.count(AuditAction.LINK_DECISION, who);
        MockHttpServletResponse r = mvc.perform(post("/center/review/decide").session(supervisor).with(csrf())
                .param("sourceA", "juki").param("recordA", "A4").param("sourceB", "kenko").param("recordB", "B4")
                .param("same", "false").param("reason", "生年月日が違う").param("page", "2")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        assertThat(r.getRedirectedUrl()).isEqualTo("/center/review?page=2");
        assertThat(audit.count(AuditAction.LINK_DECISION, who)).isEqualTo(decisions + 1);
        String after = page("/center/review?page=2");
        assertThat(after).contains("残り 44 組", "全 45 組中 1 組判断済み・2%");
        assertThat(seqs(after)).doesNotContain(4);
        // The reverse order of the same pair counts as decided too.
        jdbc.sql("insert into link_decision (source_a, record_a, source_b, record_b, same, decided_by) values ('kenko', 'B5', 'juki', 'A5', true, 't')").update();
        assertThat(page("/center/review")).contains("残り 43 組");
    }

    @Test
    void aPageThatIsNotAWholeNumberFromOneIs400WithAMessage() throws Exception {
        for (String bad : List.of("0", "-1", "abc", "１x", "99999999999")) {
            MockHttpServletResponse r = mvc.perform(get("/center/review").param("page", bad).session(supervisor)).andReturn().getResponse();
            assertThat(r.getStatus()).as(bad).isEqualTo(400);
            assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains(ReviewController.BAD_PAGE);
        }
        // Past the end: to the last page that has pairs.
        MockHttpServletResponse r = mvc.perform(get("/center/review?page=40").session(supervisor)).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        assertThat(r.getRedirectedUrl()).startsWith("/center/review?page=");
    }

    @Test
    void everyOtherRoleIsRefusedAndAudited() throws Exception {
        for (Role role : List.of(Role.CENTER_CASEWORKER, Role.ANALYST, Role.DEPT_UPLOADER)) {
            String who = users.ensure(role);
            MockHttpSession s = TestUsers.signIn(mvc, who);
            long denied = audit.count(AuditAction.ACCESS_DENIED, who);
            assertThat(mvc.perform(get("/center/review?page=2").session(s)).andReturn().getResponse().getStatus()).as("%s", role).isEqualTo(403);
            assertThat(mvc.perform(post("/center/review/decide").session(s).with(csrf()).param("sourceA", "juki").param("recordA", "A1")
                    .param("sourceB", "kenko").param("recordB", "B1").param("same", "true")).andReturn().getResponse().getStatus()).as("%s", role).isEqualTo(403);
            assertThat(audit.count(AuditAction.ACCESS_DENIED, who)).as("%s", role).isEqualTo(denied + 2);
        }
        assertThat(jdbc.sql("select count(*) from link_decision where record_a = 'A1'").query(Long.class).single()).isZero();
    }
}
