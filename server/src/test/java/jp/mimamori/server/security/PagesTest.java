package jp.mimamori.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SecurityConfig;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** What every page view fetches and sends: the icon without audit noise, htmx within the CSP, redirects that arrive. */
@MimamoriTest
class PagesTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired AuditLog audit;

    @Test
    void theFaviconIsServedToEveryoneAndWritesNoAuditRow() throws Exception {
        String cw = users.ensure(Role.CENTER_CASEWORKER);
        MockHttpSession s = TestUsers.signIn(mvc, cw);
        long denied = audit.count(AuditAction.ACCESS_DENIED, cw);
        for (MockHttpSession who : new MockHttpSession[] {s, null}) {
            var req = get("/favicon.ico");
            MockHttpServletResponse r = mvc.perform(who == null ? req : req.session(who)).andReturn().getResponse();
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getContentType()).contains("icon");
            assertThat(r.getContentAsByteArray()).startsWith(0, 0, 1, 0);
        }
        assertThat(audit.count(AuditAction.ACCESS_DENIED, cw)).isEqualTo(denied);
        assertThat(mvc.perform(get("/").session(s)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("rel=\"icon\" href=\"/favicon.ico\"");
    }

    @Test
    void htmxIsToldNotToInjectItsStyleAndTheStylesheetCarriesItUnderAnUnchangedCsp() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
        MockHttpServletResponse page = mvc.perform(get("/center").session(s)).andReturn().getResponse();
        String html = page.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("name=\"htmx-config\"").contains("content='{\"includeIndicatorStyles\":false}'");
        assertThat(html.indexOf("htmx-config")).as("configured before htmx loads").isLessThan(html.indexOf("htmx.min.js"));
        assertThat(page.getHeader("Content-Security-Policy")).isEqualTo(SecurityConfig.CSP).contains("style-src 'self';").doesNotContain("unsafe-inline");
        String css = mvc.perform(get("/css/mimamori.css")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(css).contains(".htmx-indicator { opacity: 0; }", ".htmx-request .htmx-indicator", ".htmx-request.htmx-indicator");
    }

    @Test
    void aRedirectCarryingANonAsciiChildReferenceIsEncodedAndArrives() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
        // A bad date sends the form back to the child's page, whose reference came from the URL.
        MockHttpServletResponse r = mvc.perform(post("/center/children/{ref}/referrals", "山田{x}太郎").session(s).with(csrf())
                .param("onDate", "not-a-date").param("purpose", "case:C-1 & more").param("reason", "夜間+緊急")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        assertThat(r.getHeader("Location")).isEqualTo("/center/children/%E5%B1%B1%E7%94%B0%7Bx%7D%E5%A4%AA%E9%83%8E?purpose=case%3AC-1+%26+more"
                + "&reason=%E5%A4%9C%E9%96%93%2B%E7%B7%8A%E6%80%A5");
        assertThat(r.getHeader("Location")).matches("\\p{ASCII}+");
        // The same for a case number typed into a case URL.
        MockHttpServletResponse c = mvc.perform(post("/center/cases/{no}/contact", "ケース１").session(s).with(csrf()).param("note", ""))
                .andReturn().getResponse();
        if (c.getStatus() == 302) {
            assertThat(c.getHeader("Location")).matches("\\p{ASCII}+").startsWith("/center/cases/%E3%82%B1");
        } else {
            assertThat(c.getStatus()).isIn(400, 404);
        }
    }
}
