package jp.mimamori.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.PasswordPolicy;
import jp.mimamori.server.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Attacks that must fail safely and leave the data as it was: forged requests without a CSRF token on
 * every state-changing endpoint, SQL in every search and filter, markup and script in names and notes
 * (Japanese included), a session reused after sign-out, after "sign out everywhere" and after the
 * account was disabled, weak passwords, and a named child opened without a purpose.
 */
@MimamoriTest
class SecurityTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired RequestMappingHandlerMapping mappings;

    static final List<String> TABLES = List.of("app_user", "audit_event where action not in ('ACCESS_DENIED', 'LOGIN_SUCCESS', 'LOGIN_FAILURE', 'LOGOUT', "
            + "'CHILD_SEARCHED', 'AUDIT_VIEWED', 'AUDIT_EXPORTED', 'ALERTS_VIEWED', 'CASE_LISTED', 'PURPOSE_REFUSED', 'CHILD_TIMELINE_VIEWED', "
            + "'CONSULTATION_VIEWED', 'CASE_VIEWED')",
            "extract_load", "extract_row", "link_decision", "child_subject", "consultation", "case_file", "case_event", "referral", "code_entry",
            "support_goal", "risk_assessment", "ledger_import");

    Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        for (String t : TABLES) {
            m.put(t, jdbc.sql("select count(*) from " + t).query(Long.class).single());
        }
        m.put("passwords", (long) jdbc.sql("select string_agg(password_hash, ',' order by username) from app_user").query(String.class).single().hashCode());
        return m;
    }

    @Test
    void everyStateChangingRequestWithoutACsrfTokenIsRefusedAndChangesNothing() throws Exception {
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        List<String> posts = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            if (info.getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
                for (String p : info.getPatternValues()) {
                    if (!p.startsWith("/api/")) { // machine clients authenticate every request and carry no cookie to forge with
                        posts.add(p.replaceAll("\\{[^}]+}", "t-admin"));
                    }
                }
            }
        }
        assertThat(posts).contains("/center/consultations", "/center/cases", "/admin/users", "/dept/upload", "/me/password", "/me/sessions/revoke",
                "/center/review/decide", "/center/codes", "/center/import");
        Map<String, Long> before = snapshot();
        for (String p : posts) {
            int status = mvc.perform(post(p).session(admin).param("name", "x").param("password", "Xx-forged-password-1")).andReturn().getResponse().getStatus();
            assertThat(status).as("POST %s without a CSRF token", p).isEqualTo(403);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void sqlInEverySearchAndFilterIsTakenAsText() throws Exception {
        MockHttpSession caseworker = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        Map<String, Long> before = snapshot();
        for (String attack : List.of("' or '1'='1", "'; drop table consultation; --", "1); delete from app_user; --", "%' union select password_hash from app_user --",
                "\\'; truncate audit_event; --", "ｘ' OR 1=1 --")) {
            for (String[] target : List.of(new String[] {"/center/search", "q"}, new String[] {"/admin/audit", "user"}, new String[] {"/admin/audit", "child"},
                    new String[] {"/admin/audit", "action"}, new String[] {"/admin/audit", "from"}, new String[] {"/admin/audit/export.csv", "user"})) {
                String url = target[0] + "?" + target[1] + "=" + attack;
                MvcResult r = mvc.perform(get(target[0]).param(target[1], attack).session(url.startsWith("/admin") ? admin : caseworker)).andReturn();
                assertThat(r.getResponse().getStatus()).as(url).isIn(200, 400);
                assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).as(url).doesNotContain("$2a$", "PSQLException", "SQLState");
            }
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isPositive();
    }

    @Test
    void markupInNamesAndNotesIsShownAsTextOnEveryPage() throws Exception {
        MockHttpSession caseworker = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        String name = "<script>alert('見守り')</script>山田";
        String note = "<img src=x onerror=alert(1)>ネグレクトの疑い\"'&";
        String ref = mvc.perform(post("/center/children").session(caseworker).with(csrf()).param("name", name).param("kana", "やまだ"))
                .andReturn().getResponse().getRedirectedUrl().replaceFirst(".*child=", "");
        String no = mvc.perform(post("/center/consultations").session(caseworker).with(csrf()).param("child", ref).param("receivedAt", "2026-11-01T10:00")
                        .param("channel", "phone").param("contact", "neighbour").param("urgency", "MEDIUM").param("type", "abuse_neglect")
                        .param("content", note).param("staff", "<b>相談員</b>"))
                .andReturn().getResponse().getRedirectedUrl().replaceFirst("^/center/consultations/", "").replaceFirst("\\?saved$", "");
        String caseNo = mvc.perform(post("/center/cases").session(caseworker).with(csrf()).param("child", ref).param("action", "<i>訪問</i>"))
                .andReturn().getResponse().getRedirectedUrl().replaceFirst("^/center/cases/", "");
        List<String> pages = List.of("/center/search?q=やまだ", "/center/consultations/" + no,
                "/center/cases/" + caseNo, "/center/children/" + ref + "?purpose=case:" + caseNo, "/center", "/", "/center/cases");
        for (String page : pages) {
            String html = mvc.perform(get(page).session(caseworker)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).as(page).doesNotContain("<script>alert", "<img src=x", "<b>相談員</b>", "<i>訪問</i>");
        }
        assertThat(mvc.perform(get("/center/consultations/" + no).session(caseworker)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("&lt;img src=x onerror=alert(1)&gt;ネグレクトの疑い");
        String audit = mvc.perform(get("/admin/audit?child=" + ref).session(admin)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(audit).contains(ref).doesNotContain("<script>alert");
    }

    @Test
    void aSessionIsDeadAfterSignOutAfterSignOutEverywhereAndAfterTheAccountIsDisabled() throws Exception {
        String user = users.ensure("t-session-victim", Role.CENTER_CASEWORKER, null);
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));

        MockHttpSession a = TestUsers.signIn(mvc, user);
        mvc.perform(post("/logout").session(a).with(csrf()));
        assertThat(mvc.perform(get("/center").session(a)).andReturn().getResponse().getRedirectedUrl()).endsWith("/login");

        MockHttpSession laptop = TestUsers.signIn(mvc, user);
        MockHttpSession phone = TestUsers.signIn(mvc, user);
        assertThat(mvc.perform(post("/me/sessions/revoke").session(phone).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(302);
        assertThat(mvc.perform(get("/center").session(phone)).andReturn().getResponse().getStatus()).as("the session that asked goes on").isEqualTo(200);
        assertThat(mvc.perform(get("/center").session(laptop)).andReturn().getResponse().getRedirectedUrl()).endsWith("/login?revoked");

        MockHttpSession other = TestUsers.signIn(mvc, user);
        mvc.perform(post("/admin/users/" + user + "/sessions/revoke").session(admin).with(csrf()));
        assertThat(mvc.perform(get("/center").session(other)).andReturn().getResponse().getRedirectedUrl()).endsWith("/login?revoked");
        assertThat(mvc.perform(get("/center").session(phone)).andReturn().getResponse().getRedirectedUrl()).endsWith("/login?revoked");

        MockHttpSession last = TestUsers.signIn(mvc, user);
        assertThat(mvc.perform(get("/center").session(last)).andReturn().getResponse().getStatus()).isEqualTo(200);
        mvc.perform(post("/admin/users/" + user + "/enabled").session(admin).with(csrf()).param("enabled", "false"));
        assertThat(mvc.perform(get("/center").session(last)).andReturn().getResponse().getRedirectedUrl()).endsWith("/login?revoked");
        mvc.perform(post("/admin/users/" + user + "/enabled").session(admin).with(csrf()).param("enabled", "true"));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'SESSIONS_REVOKED' and target = :t").param("t", "user:" + user)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void weakPasswordsAreRefusedAndAChangeEndsTheOtherSessions() throws Exception {
        assertThat(PasswordPolicy.check("password", "tanaka", "short")).isNotEmpty();
        assertThat(PasswordPolicy.check("password", "tanaka", "tanaka-Password-1")).extracting(e -> e.messageEn()).contains("the password must not contain the user id");
        assertThat(PasswordPolicy.check("password", "tanaka", "password1234")).extracting(e -> e.messageEn()).anyMatch(m -> m.startsWith("this password is too common"));
        assertThat(PasswordPolicy.check("password", "tanaka", "aaaaaaaaaaaaab")).isNotEmpty();
        assertThat(PasswordPolicy.check("password", "tanaka", "alllowercase")).isNotEmpty();
        assertThat(PasswordPolicy.check("password", "tanaka", "Mimamori-2026x")).isEmpty();
        assertThat(PasswordPolicy.check("password", "tanaka", "こどもを見守る春の朝のしずけさと光")).as("a Japanese passphrase").isEmpty();

        String user = users.ensure("t-password-changer", Role.ANALYST, null);
        MockHttpSession other = TestUsers.signIn(mvc, user);
        MockHttpSession me = TestUsers.signIn(mvc, user);
        String refused = mvc.perform(post("/me/password").session(me).with(csrf()).param("current", TestUsers.PASSWORD).param("password", "password1234"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("too common");
        String wrong = mvc.perform(post("/me/password").session(me).with(csrf()).param("current", "not-my-password").param("password", "New-Passw0rd-2026"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(wrong).contains("the current password is wrong");
        assertThat(mvc.perform(post("/me/password").session(me).with(csrf()).param("current", TestUsers.PASSWORD).param("password", "New-Passw0rd-2026"))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(mvc.perform(get("/").session(me)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/").session(other)).andReturn().getResponse().getRedirectedUrl()).endsWith("/login?revoked");
        // Put it back for the other tests that sign in as this user.
        mvc.perform(post("/me/password").session(me).with(csrf()).param("current", "New-Passw0rd-2026").param("password", TestUsers.PASSWORD));
        TestUsers.signIn(mvc, user);
    }

    @Test
    void aNamedChildOpensOnlyForAPurposeAndBreakGlassIsTheSupervisorsWithAReason() throws Exception {
        MockHttpSession caseworker = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
        MockHttpSession supervisor = TestUsers.signIn(mvc, users.ensure(Role.CENTER_SUPERVISOR));
        String ref = mvc.perform(post("/center/children").session(caseworker).with(csrf()).param("name", "目的 確認").param("kana", "もくてき かくにん"))
                .andReturn().getResponse().getRedirectedUrl().replaceFirst(".*child=", "");
        String other = mvc.perform(post("/center/children").session(caseworker).with(csrf()).param("name", "別人 太郎"))
                .andReturn().getResponse().getRedirectedUrl().replaceFirst(".*child=", "");
        String otherCase = mvc.perform(post("/center/cases").session(caseworker).with(csrf()).param("child", other))
                .andReturn().getResponse().getRedirectedUrl().replaceFirst("^/center/cases/", "");
        long refusals = jdbc.sql("select count(*) from audit_event where action = 'PURPOSE_REFUSED' and target = :t").param("t", ref).query(Long.class).single();
        for (String purpose : List.of("", "?purpose=case:" + otherCase, "?purpose=consultation:S2026-999999", "?purpose=break-glass&reason=緊急のため確認が必要です")) {
            MvcResult r = mvc.perform(get("/center/children/" + ref + purpose).session(caseworker)).andReturn();
            assertThat(r.getResponse().getStatus()).as(purpose).isEqualTo(403);
            assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).as(purpose).contains("閲覧には目的が必要です").doesNotContain("id=\"timeline\"");
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'PURPOSE_REFUSED' and target = :t").param("t", ref).query(Long.class).single())
                .isEqualTo(refusals + 4);
        assertThat(mvc.perform(get("/center/children/" + ref + "?purpose=break-glass&reason=short").session(supervisor)).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        MvcResult glass = mvc.perform(get("/center/children/" + ref).param("purpose", "break-glass").param("reason", "夜間に警察から照会、担当不在のため確認")
                .session(supervisor)).andReturn();
        assertThat(glass.getResponse().getStatus()).isEqualTo(200);
        assertThat(glass.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("id=\"timeline\"", "break-glass: 夜間に警察から照会");
        assertThat(jdbc.sql("select purpose from audit_event where action = 'BREAK_GLASS' and target = :t").param("t", ref).query(String.class).single())
                .isEqualTo("break-glass: 夜間に警察から照会、担当不在のため確認");
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        assertThat(mvc.perform(get("/admin/audit?action=BREAK_GLASS").session(admin)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains(ref, "夜間に警察から照会");
    }
}
