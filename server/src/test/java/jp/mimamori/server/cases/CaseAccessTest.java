package jp.mimamori.server.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Department uploaders and analysts never see a consultation: every centre URL the application exposes
 * (discovered, not listed) refuses them with 403 and an audit row, and the services refuse them too,
 * whatever page might call them.
 */
@MimamoriTest
class CaseAccessTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired AuditLog audit;
    @Autowired RequestMappingHandlerMapping mappings;
    @Autowired ConsultationService consultations;
    @Autowired CaseFiles cases;
    @Autowired CaseContacts contacts;
    @Autowired CaseGoals goals;
    @Autowired RiskAssessments assessments;
    @Autowired Referrals referrals;
    @Autowired FollowUps followUps;
    @Autowired ChildDirectory directory;
    @Autowired ChildTimeline timeline;
    @Autowired LedgerImport ledger;
    @Autowired CodeTable codes;
    @Autowired YotaikyoRegister register;

    record Endpoint(HttpMethod method, String path) {
    }

    List<Endpoint> centreEndpoints() {
        List<Endpoint> list = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/center")) {
                    continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                for (RequestMethod m : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                    list.add(new Endpoint(HttpMethod.valueOf(m.name()), pattern.replaceAll("\\{[^}]+}", "C2026-00001")));
                }
            }
        }
        return list;
    }

    @Test
    void uploadersAndAnalystsAreRefusedEveryCentreUrlAndEachRefusalIsAudited() throws Exception {
        List<Endpoint> endpoints = centreEndpoints();
        assertThat(endpoints).extracting(Endpoint::path).contains("/center/consultations/new", "/center/consultations", "/center/cases",
                "/center/search", "/center/children/C2026-00001", "/center/import", "/center/cases/C2026-00001/referrals");
        for (Role role : List.of(Role.DEPT_UPLOADER, Role.ANALYST)) {
            String user = users.ensure(role);
            MockHttpSession session = TestUsers.signIn(mvc, user);
            for (Endpoint e : endpoints) {
                long before = audit.count(AuditAction.ACCESS_DENIED, user);
                int status = mvc.perform(request(e.method(), e.path()).session(session).with(csrf()).param("q", "佐藤")).andReturn().getResponse().getStatus();
                assertThat(status).as("%s %s as %s", e.method(), e.path(), role).isEqualTo(403);
                assertThat(audit.count(AuditAction.ACCESS_DENIED, user)).as("audit of %s %s as %s", e.method(), e.path(), role).isEqualTo(before + 1);
            }
        }
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static void as(Role role) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("t-" + role, "n/a",
                AuthorityUtils.createAuthorityList(role.authority())));
    }

    @Test
    void theServicesThemselvesRefuseEveryoneOutsideTheCentre() {
        for (Role role : List.of(Role.DEPT_UPLOADER, Role.ANALYST)) {
            as(role);
            Actor actor = Actor.current();
            assertThatThrownBy(() -> consultations.get(actor, "S2026-000001")).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> consultations.record(actor, new ConsultationService.NewConsultation(LocalDateTime.now(), "phone", "mother",
                    List.of("other"), Urgency.LOW, "x", "x", Consent.UNKNOWN, List.of("L1")))).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> cases.openCases(actor, true)).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> cases.printSummary(actor, "C2026-00001")).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> contacts.contactHistory(actor, "C2026-00001", 1)).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> followUps.alertsFor(actor, true)).isInstanceOf(AuthorizationDeniedException.class);
            // Each concern of a case refuses on its own, whichever page or command calls it.
            assertThatThrownBy(() -> goals.addGoal(actor, "C2026-00001", "x", null)).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> assessments.assess(actor, "C2026-00001", List.of(), "LOW", null)).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> referrals.replyToReferral(actor, "C2026-00001", 1, "x", null)).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> followUps.acknowledge(actor, "C2026-00001", 1)).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> directory.search(actor, "佐藤")).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> timeline.page(actor, "L1", null)).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> ledger.preview("00000000-0000-0000-0000-000000000000", null)).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> codes.all(CodeKind.CHANNEL)).isInstanceOf(AuthorizationDeniedException.class);
        }
        as(Role.CENTER_CASEWORKER);
        Actor caseworker = Actor.current();
        assertThatThrownBy(() -> cases.assign(caseworker, "C2026-00001", "someone")).isInstanceOf(AuthorizationDeniedException.class);
        // 制限ケース and the 進行管理台帳 are the supervisor's, whatever page asks.
        assertThatThrownBy(() -> cases.setRestricted(caseworker, "C2026-00001", true, "DV")).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> register.pdf(caseworker)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> register.xlsx(caseworker)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> codes.save(caseworker, CodeKind.CHANNEL, "fax", "FAX", "fax", null, true)).isInstanceOf(AuthorizationDeniedException.class);
    }
}
