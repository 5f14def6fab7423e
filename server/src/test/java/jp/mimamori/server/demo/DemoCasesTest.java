package jp.mimamori.server.demo;

import jp.mimamori.server.audit.Actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.assess.AssessService;
import jp.mimamori.server.cases.CasesFixture;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.ingest.FolderIngest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The demo's case work on a linked synthetic city: cases in every status shared among the demo
 * caseworkers, contacts, overdue follow-ups, cases without contact, registrations and restricted cases,
 * made once; and the pages a caseworker and a supervisor start their day on show them.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-demo-cases", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
class DemoCasesTest {

    @Autowired DemoCases demo;
    @Autowired DemoOutreach outreach;
    @Autowired AssessService assess;
    @Autowired JdbcClient jdbc;
    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;
    @Autowired MockMvc mvc;
    @Autowired TestUsers users;

    @TempDir static Path city;

    long count(String sql) {
        return jdbc.sql("select count(*) from " + sql).query(Long.class).single();
    }

    @Test
    void theDemoOpensCasesInEveryStatusWithContactsAndOverdueFollowUpsOnce() throws Exception {
        CasesFixture.cityLinked(ingest, identity, city, 2_000, 23);
        int opened = demo.open(120, 14);
        assertThat(opened).isEqualTo(120);
        assertThat(jdbc.sql("select distinct status from case_file").query(String.class).list())
                .containsExactlyInAnyOrder("RECEIVED", "INVESTIGATION", "ASSESSMENT", "SUPPORT", "MONITORING", "CLOSED");
        assertThat(jdbc.sql("select distinct caseworker from case_file").query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(List.of("caseworker", "caseworker2", "caseworker3"));
        assertThat(count("case_contact")).isGreaterThan(120);
        assertThat(count("case_contact_version v where v.contact_at > now()")).as("no contact in the future").isZero();
        assertThat(count("case_file where status <> 'CLOSED' and next_due < current_date - 1")).as("overdue follow-ups").isGreaterThan(5);
        assertThat(count("case_file where status <> 'CLOSED' and last_contact_at < now() - interval '30 days'")).as("no contact for a month").isGreaterThan(3);
        assertThat(count("case_file where yotaikyo <> 'NONE' and status <> 'CLOSED'")).isGreaterThan(3);
        assertThat(count("case_file where restricted")).isEqualTo(2);
        assertThat(count("case_file where opened_at < now() - interval '60 days'")).as("cases opened months ago").isGreaterThan(30);
        assertThat(demo.open(120, 14)).as("made once").isZero();

        // The pages of the day: the caseworker's alerts and cases, the supervisor's whole centre and register.
        String caseworker = users.ensure("caseworker", Role.CENTER_CASEWORKER, null);
        MockHttpSession cw = TestUsers.signIn(mvc, caseworker);
        String home = mvc.perform(get("/").session(cw)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(home).contains("期限超過", "長期間接触なし");
        String list = mvc.perform(get("/center/cases").session(cw)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("支援中", "見守り", "調査");
        MockHttpSession sup = TestUsers.signIn(mvc, users.ensure(Role.CENTER_SUPERVISOR));
        assertThat(mvc.perform(get("/center/registers/yotaikyo.pdf").session(sup)).andReturn().getResponse().getStatus()).isEqualTo(200);
        String someCase = jdbc.sql("select case_no from case_file where caseworker = 'caseworker' and status = 'SUPPORT' and not restricted limit 1")
                .query(String.class).single();
        String page = mvc.perform(get("/center/cases/" + someCase).session(cw)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("接触記録", "リスクアセスメント").doesNotContain(">SUPPORT<", ">HOME_VISIT<", ">MEDIUM<");

        // The month's outreach under way: proposals in every state, decided once, each decision audited as the demo job.
        users.ensure("caseworker2", Role.CENTER_CASEWORKER, null);
        SystemActor.runAs("t-assess", Role.ADMIN, () -> assess.run(Actor.current()));
        long proposed = count("outreach_item");
        assertThat(proposed).as("the assessment proposed children").isGreaterThan(10);
        DemoOutreach.Done done = outreach.decide(10, List.of("caseworker", "caseworker2", "no-such-user"));
        assertThat(done.total()).isEqualTo(10);
        assertThat(jdbc.sql("select distinct status from outreach_item").query(String.class).list())
                .containsExactlyInAnyOrder("PROPOSED", "APPROVED", "ASSIGNED", "DONE", "DISMISSED");
        assertThat(jdbc.sql("select distinct assignee from outreach_item where assignee is not null").query(String.class).list())
                .as("only caseworkers with an account").containsExactlyInAnyOrder("caseworker", "caseworker2");
        assertThat(count("outreach_item where status = 'DISMISSED' and dismiss_reason is null")).isZero();
        assertThat(count("audit_event where action = 'OUTREACH_DECIDED' and actor = 'demo-pipeline'")).isEqualTo(done.total());
        assertThat(outreach.decide(10, List.of("caseworker")).total()).as("made once").isZero();
        String worklist = mvc.perform(get("/center/outreach").session(sup)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(worklist).contains("承認済み", "割当済み").doesNotContain(">APPROVED<", ">ASSIGNED<");
    }
}
