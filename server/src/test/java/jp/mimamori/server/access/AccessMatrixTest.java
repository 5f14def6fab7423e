package jp.mimamori.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * Walks every endpoint the application exposes (discovered from the handler mappings, not a
 * hand-kept list) with every role and compares the answer with {@link AccessMatrix}.
 */
@MimamoriTest
class AccessMatrixTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired AuditLog audit;
    @Autowired RequestMappingHandlerMapping mappings;

    record Endpoint(HttpMethod method, String pattern, String path) {
    }

    final Map<Role, MockHttpSession> sessions = new EnumMap<>(Role.class);

    @BeforeEach
    void signInEveryRole() throws Exception {
        for (Role r : Role.values()) {
            sessions.put(r, TestUsers.signIn(mvc, users.ensure(r)));
        }
    }

    List<Endpoint> endpoints() {
        List<Endpoint> list = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                var methods = info.getMethodsCondition().getMethods();
                for (RequestMethod m : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                    String path = pattern.replace("{id}", "999999999").replace("{source}", "juki").replaceAll("\\{[^}]+}", "t-nobody");
                    list.add(new Endpoint(HttpMethod.valueOf(m.name()), pattern, path));
                }
            }
        }
        return list;
    }

    static AccessMatrix.Rule ruleFor(String path) {
        return AccessMatrix.ruleFor(path);
    }

    @Test
    void everyExposedEndpointIsInTheMatrix() {
        List<Endpoint> all = endpoints();
        assertThat(all).extracting(Endpoint::pattern).contains("/", "/admin/users", "/center", "/dept", "/stats", "/admin/audit",
                "/dept/upload", "/dept/loads/{id}", "/dept/loads/{id}/problems.csv", "/api/ingest/{source}");
        for (Endpoint e : all) {
            assertThat(ruleFor(e.path())).as("endpoint %s %s must be listed in AccessMatrix", e.method(), e.pattern()).isNotNull();
        }
    }

    @Test
    void everyRoleReachesItsOwnPagesAndIsRefusedElsewhere() throws Exception {
        int checked = 0;
        for (Endpoint e : endpoints()) {
            AccessMatrix.Rule rule = ruleFor(e.path());
            if (e.pattern().equals("/error")) {
                continue; // the error dispatch target answers with the status of an error that did not happen here
            }
            for (Role role : Role.values()) {
                boolean allowed = rule.allows(role);
                if (e.method() != HttpMethod.GET && allowed) {
                    continue; // state-changing requests by permitted roles are exercised by their own tests
                }
                var req = request(e.method(), e.path());
                // Machine endpoints authenticate with HTTP Basic on every request; pages with the signed-in session.
                req = e.path().startsWith("/api/") ? req.with(httpBasic(users.ensure(role), TestUsers.PASSWORD)).contentType("text/csv").content("x")
                        : req.session(sessions.get(role)).with(csrf());
                int status = mvc.perform(req).andReturn().getResponse().getStatus();
                if (allowed) {
                    // Past the access rules; a page about a load that does not exist answers 404, never 401/403 or 5xx.
                    assertThat(status).as("%s %s as %s", e.method(), e.path(), role).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(status).as("%s %s as %s", e.method(), e.path(), role).isEqualTo(403);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(Role.values().length * 6);
    }

    @Test
    void anonymousVisitorsAreSentToSignIn() throws Exception {
        for (Endpoint e : endpoints()) {
            if (ruleFor(e.path()).audience() == AccessMatrix.Audience.ANONYMOUS || e.method() != HttpMethod.GET) {
                continue;
            }
            var r = mvc.perform(get(e.path())).andReturn().getResponse();
            if (e.path().startsWith("/api/")) {
                assertThat(r.getStatus()).as(e.path()).isEqualTo(401);
                continue;
            }
            assertThat(r.getStatus()).as(e.path()).isEqualTo(302);
            assertThat(r.getRedirectedUrl()).endsWith("/login");
        }
    }

    @Test
    void aPathNobodyListedIsRefusedEvenToTheAdministrator() throws Exception {
        assertThat(mvc.perform(get("/internal/anything").session(sessions.get(Role.ADMIN))).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void everyRefusalIsAudited() throws Exception {
        String analyst = users.ensure(Role.ANALYST);
        long before = audit.count(AuditAction.ACCESS_DENIED, analyst);
        mvc.perform(get("/center").session(sessions.get(Role.ANALYST)));
        mvc.perform(get("/admin/users").session(sessions.get(Role.ANALYST)));
        assertThat(audit.count(AuditAction.ACCESS_DENIED, analyst)).isEqualTo(before + 2);
        assertThat(audit.recent(5)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo(analyst);
            assertThat(e.target()).isEqualTo("GET /admin/users");
        });
    }

    @Test
    void theHomePageSaysWhoYouAreAndWhatYourRoleMayDo() throws Exception {
        for (Role role : Role.values()) {
            String html = mvc.perform(get("/").session(sessions.get(role))).andReturn().getResponse().getContentAsString();
            assertThat(html).contains(users.ensure(role), role.labelJa(), role.labelEn(), HtmlUtils.htmlEscape(role.may().get(0)));
        }
        String uploader = mvc.perform(get("/").session(sessions.get(Role.DEPT_UPLOADER))).andReturn().getResponse().getContentAsString();
        assertThat(uploader).contains("住民記録", "市民課");
    }

    @Test
    void theMenuOffersOnlyWhatTheRoleMayOpen() throws Exception {
        String analyst = mvc.perform(get("/").session(sessions.get(Role.ANALYST))).andReturn().getResponse().getContentAsString();
        assertThat(analyst).contains("href=\"/stats\"").doesNotContain("href=\"/center\"", "href=\"/admin/users\"", "href=\"/dept\"");
        String admin = mvc.perform(get("/").session(sessions.get(Role.ADMIN))).andReturn().getResponse().getContentAsString();
        assertThat(admin).contains("href=\"/center\"", "href=\"/admin/users\"", "href=\"/dept\"", "href=\"/stats\"", "href=\"/admin/audit\"");
    }
}
