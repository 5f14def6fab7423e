package jp.mimamori.server.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.TimeZone;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 16: the city's dates and times with the JVM and the database session both in UTC (surefire
 * runs with -Duser.timezone=UTC; the driver sets the session's zone from it). The application's clock
 * is fixed at chosen instants; every page must show Tokyo's wall clock and date, with 和暦 beside it.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-time", "mimamori.db.embedded.clean=true", "mimamori.retention.enabled=false"})
@AutoConfigureMockMvc
class CityTimeTest {

    /** 2026-03-31T20:14:09Z is 2026-04-01 05:14:09 in Tokyo: the day differs between the zones. */
    static final Instant EVENING_UTC = Instant.parse("2026-03-31T20:14:09Z");

    @TestConfiguration
    static class Fixed {
        @Bean
        @Primary
        SettableClock fixedClock() {
            return new SettableClock(EVENING_UTC, ZoneId.of("Asia/Tokyo"));
        }
    }

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired SettableClock clock;
    @Autowired Clock injected;

    @AfterEach
    void backToTheEvening() {
        clock.set(EVENING_UTC);
    }

    String page(MockHttpSession s, String path) throws Exception {
        var r = mvc.perform(get(path).session(s)).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theJvmAndTheDatabaseSessionAreInUtcAndTheApplicationUsesOneClock() {
        assertThat(TimeZone.getDefault().toZoneId().normalized()).isEqualTo(ZoneId.of("UTC").normalized());
        assertThat(jdbc.sql("select current_setting('TimeZone')").query(String.class).single()).isIn("UTC", "Etc/UTC");
        assertThat(injected).isSameAs(clock);
        assertThat(injected.getZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void aConsultationTakenAt0514InTokyoShowsAt0514OnItsOwnDay() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
        var child = mvc.perform(post("/center/children").session(s).with(csrf()).param("name", "時刻 あさひ").param("kana", "じこく あさひ")
                .param("birth", "令和7年1月15日").param("sex", "F")).andReturn().getResponse();
        String ref = child.getRedirectedUrl().replaceFirst(".*child=", "");
        var r = mvc.perform(post("/center/consultations").session(s).with(csrf()).param("child", ref).param("receivedAt", "2026-04-01T05:14")
                .param("channel", "phone").param("contact", "mother").param("urgency", "HIGH").param("content", "早朝の電話相談")
                .param("staff", "相談員A").param("consent", "ORAL").param("type", "other")).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(302);
        String no = r.getRedirectedUrl().replaceFirst("^/center/consultations/", "").replaceFirst("\\?saved$", "");
        assertThat(jdbc.sql("select received_at from consultation where consultation_no = :n").param("n", no).query(OffsetDateTime.class).single()
                .toInstant()).as("stored as the instant it was: 20:14 UTC the evening before").isEqualTo(Instant.parse("2026-03-31T20:14:00Z"));
        assertThat(page(s, "/center/consultations/" + no)).contains("2026-04-01 05:14（令和8年4月1日）").doesNotContain("2026-03-31 20:14");
        assertThat(page(s, "/center/children/" + ref + "?purpose=consultation:" + no)).as("the timeline puts it on Tokyo's day")
                .contains("2026-04-01（令和8年4月1日）").doesNotContain("2026-03-31");
    }

    @Test
    void aLoadAndItsAuditRowAt2014UtcShowAt0514TheNextDayAndTheDefaultMonthIsTokyos() throws Exception {
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        // 05:14 on 1 April in Tokyo: "last month" is March (the server's UTC clock, still on 31 March, would say February).
        assertThat(page(admin, "/dept")).contains("value=\"2026-03\"");
        byte[] file = Files.readAllBytes(Path.of(getClass().getResource("/juki-good.csv").toURI()));
        var r = mvc.perform(multipart("/dept/upload").file(new MockMultipartFile("file", "juki.csv", "text/csv", file)).param("source", "juki")
                .param("month", "2026-03").session(admin).with(csrf())).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        String report = page(admin, r.getRedirectedUrl());
        assertThat(report).contains("2026-04-01 05:14:09（令和8年4月1日）").doesNotContain("2026-03-31 20:14");
        assertThat(page(admin, "/dept")).contains("2026-04-01 05:14（令和8年4月1日）");
        assertThat(page(admin, "/admin/audit?action=LOAD_ACCEPTED")).contains("2026-04-01 05:14:09（令和8年4月1日）").doesNotContain("2026-03-31 20:14");
        // The administrator's "from 1 April" means Tokyo's 1 April, which began at 15:00 UTC on 31 March.
        assertThat(page(admin, "/admin/audit?action=LOAD_ACCEPTED&from=2026-04-01&to=2026-04-01")).contains("2026-04-01 05:14:09");
        assertThat(page(admin, "/admin/audit?action=LOAD_ACCEPTED&from=2026-03-31&to=2026-03-31")).doesNotContain("2026-04-01 05:14:09");
    }

    @Test
    void lettersAreDatedWithTokyosDayOnBothSidesOfMidnight() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure(Role.CENTER_SUPERVISOR));
        // Tokyo's midnight is 15:00 UTC; UTC's midnight is 09:00 in Tokyo, the same day there.
        Object[][] cases = {
            {"2026-03-31T14:59:00Z", "令和8年3月31日"},
            {"2026-03-31T15:00:00Z", "令和8年4月1日"},
            {"2026-03-31T23:59:59Z", "令和8年4月1日"},
            {"2026-04-01T00:00:00Z", "令和8年4月1日"},
            {"2019-04-30T15:00:00Z", "令和元年5月1日"},
        };
        for (Object[] c : cases) {
            clock.set(Instant.parse((String) c[0]));
            var pdf = mvc.perform(get("/center/outreach/letter/sample.pdf").session(s)).andReturn().getResponse();
            assertThat(pdf.getStatus()).isEqualTo(200);
            try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.getContentAsByteArray())) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("[\\s\u3000]", "");
                assertThat(text).as("letter printed at %s", c[0]).contains((String) c[1]);
            }
        }
    }

    @Test
    void aFollowUpDueOn31MarchIsOverdueFromTokyosMidnightNotUtcs() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
        var child = mvc.perform(post("/center/children").session(s).with(csrf()).param("name", "期限 みなと").param("birth", "令和6年6月1日")
                .param("sex", "M")).andReturn().getResponse();
        String ref = child.getRedirectedUrl().replaceFirst(".*child=", "");
        var opened = mvc.perform(post("/center/cases").session(s).with(csrf()).param("child", ref).param("action", "家庭訪問")
                .param("due", "2026-03-31")).andReturn().getResponse();
        assertThat(opened.getStatus()).as(opened.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(302);
        String caseNo = opened.getRedirectedUrl().replaceFirst("^/center/cases/", "").replaceFirst("\\?.*$", "");
        clock.set(Instant.parse("2026-03-31T14:30:00Z")); // 23:30 on 31 March in Tokyo: due today, not overdue
        assertThat(overdue(page(s, "/center"), caseNo)).isFalse();
        clock.set(Instant.parse("2026-03-31T15:30:00Z")); // 00:30 on 1 April in Tokyo; still 31 March in UTC
        assertThat(overdue(page(s, "/center"), caseNo)).isTrue();
        assertThat(page(s, "/center")).contains("期限 / due 2026-03-31（令和8年3月31日）");
    }

    /** Whether the centre's home page lists the case under 期限超過 (overdue). */
    static boolean overdue(String html, String caseNo) {
        for (int i = html.indexOf("<li class=\"OVERDUE\">"); i >= 0; i = html.indexOf("<li class=\"OVERDUE\">", i + 1)) {
            if (html.substring(i, html.indexOf("</li>", i)).contains(">" + caseNo + "<")) {
                return true;
            }
        }
        return false;
    }
}
