package jp.mimamori.server.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.ingest.FolderIngest;
import jp.mimamori.server.time.Times;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

/**
 * Case work as a caseworker and a supervisor do it, through the pages, on a linked synthetic city in a
 * real PostgreSQL: typed, dated contacts (接触記録) with corrections kept as history, restricted cases
 * (制限ケース) refused to everyone but their caseworker and the supervisors, and the printed case summary.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-cases", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseWorkTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;
    @Autowired AuditLog audit;
    @Autowired Times times;

    @TempDir static Path city;

    MockHttpSession caseworker;
    MockHttpSession otherCaseworker;
    MockHttpSession supervisor;
    String other;

    @BeforeAll
    void cityAndStaff() throws Exception {
        CasesFixture.cityLinked(ingest, identity, city, 2_000, 17);
        // Staff of their own, so that the alerts their cases raise are on no other test's home page.
        caseworker = TestUsers.signIn(mvc, users.ensure("t-work-caseworker", Role.CENTER_CASEWORKER, null));
        other = users.ensure("t-work-caseworker-2", Role.CENTER_CASEWORKER, null);
        otherCaseworker = TestUsers.signIn(mvc, other);
        supervisor = TestUsers.signIn(mvc, users.ensure(Role.CENTER_SUPERVISOR));
    }

    /** The city's wall-clock time now, to the minute, as the form's datetime-local field carries it. */
    LocalDateTime now() {
        return times.now().atZoneSameInstant(times.zone()).toLocalDateTime().withSecond(0).withNano(0);
    }

    MvcResult post(MockHttpSession s, String url, String... params) throws Exception {
        var req = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(url).session(s).with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            req = req.param(params[i], params[i + 1]);
        }
        return mvc.perform(req).andReturn();
    }

    void postOk(MockHttpSession s, String url, String... params) throws Exception {
        MvcResult r = post(s, url, params);
        assertThat(r.getResponse().getStatus()).as(url + ": " + r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(302);
        assertThat(r.getFlashMap().get("errors")).as(url + " refused: " + r.getFlashMap().get("errors")).isNull();
    }

    String page(MockHttpSession s, String url) throws Exception {
        MvcResult r = mvc.perform(get(url).session(s)).andReturn();
        assertThat(r.getResponse().getStatus()).as(url).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    int status(MockHttpSession s, String url) throws Exception {
        return mvc.perform(get(url).session(s)).andReturn().getResponse().getStatus();
    }

    long count(String sql) {
        return jdbc.sql("select count(*) from " + sql).query(Long.class).single();
    }

    /** A consultation about a child and a case opened on it by {@code s}; returns {consultation no, case no}. */
    String[] consultationAndCase(MockHttpSession s, String childRef) throws Exception {
        MvcResult r = post(s, "/center/consultations", "child", childRef, "receivedAt", "2026-11-02T10:15", "channel", "phone", "contact", "school",
                "urgency", "HIGH", "content", "学校より：欠席が続く", "staff", "相談員A", "consent", "ORAL", "type", "parenting_difficulty");
        String consultation = r.getResponse().getRedirectedUrl().replaceFirst("^/center/consultations/", "").replaceFirst("\\?saved$", "");
        r = post(s, "/center/cases", "child", childRef, "action", "家庭訪問", "due", "2026-12-31");
        assertThat(r.getResponse().getRedirectedUrl()).startsWith("/center/cases/C");
        return new String[] {consultation, r.getResponse().getRedirectedUrl().substring("/center/cases/".length())};
    }

    @Test
    void contactsAreTypedDatedMayBeBackDatedAndACorrectionKeepsTheEarlierText() throws Exception {
        CasesFixture.Child child = CasesFixture.childWithVariant(jdbc, 10);
        String no = consultationAndCase(caseworker, child.personId())[1];
        String url = "/center/cases/" + no;
        jdbc.sql("update case_file set last_contact_at = now() - interval '45 days' where case_no = :n").param("n", no).update();

        // Written down today, it happened three days ago: the "no contact" clock moves to then, not to now.
        LocalDateTime visit = now().minusDays(3);
        postOk(caseworker, url + "/contact", "kind", "HOME_VISIT", "at", visit.toString(), "met", "母・本人", "note", "玄関先で母と面談。<b>本人元気</b>");
        OffsetDateTime last = jdbc.sql("select last_contact_at from case_file where case_no = :n").param("n", no).query(OffsetDateTime.class).single();
        assertThat(last.toInstant()).isEqualTo(visit.atZone(times.zone()).toInstant());
        // An older contact written later never moves the clock back.
        postOk(caseworker, url + "/contact", "kind", "PHONE", "at", now().minusDays(20).toString(), "met", "父", "note", "父と電話");
        assertThat(jdbc.sql("select last_contact_at from case_file where case_no = :n").param("n", no).query(OffsetDateTime.class).single().toInstant())
                .isEqualTo(last.toInstant());

        // Who was met and what was said are stored encrypted.
        long contactId = jdbc.sql("select k.id from case_contact k join case_file c on c.id = k.case_id where c.case_no = :n order by k.id limit 1")
                .param("n", no).query(Long.class).single();
        byte[] note = jdbc.sql("select note_enc from case_contact_version where contact_id = :id").param("id", contactId).query(byte[].class).single();
        byte[] met = jdbc.sql("select met_enc from case_contact_version where contact_id = :id").param("id", contactId).query(byte[].class).single();
        assertThat(new String(note, StandardCharsets.UTF_8)).doesNotContain("玄関先");
        assertThat(new String(met, StandardCharsets.UTF_8)).doesNotContain("母・本人");

        String html = page(caseworker, url);
        assertThat(html).contains("訪問 / home visit", "電話 / phone call", "母・本人", HtmlUtils.htmlEscape("玄関先で母と面談。<b>本人元気</b>"),
                times.dateTime(visit.atZone(times.zone()).toOffsetDateTime())).doesNotContain("<b>本人元気</b>", ">HOME_VISIT<");

        // Refused contacts: 400, every bad field named in both languages, what was typed kept, nothing stored.
        long contacts = count("case_contact_version");
        MvcResult future = post(caseworker, url + "/contact", "kind", "HOME_VISIT", "at", now().plusDays(2).toString(), "met", "母", "note", "未来の訪問メモ");
        assertThat(future.getResponse().getStatus()).isEqualTo(400);
        assertThat(future.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("未来", "in the future", "未来の訪問メモ");
        MvcResult bad = post(caseworker, url + "/contact", "kind", "UNRECORDED", "at", "令和8年2月30日", "met", "", "note", "");
        String badHtml = bad.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(badHtml).contains("接触の種別を選んでください", "日付として読めません", "会った・話した相手", "接触の内容を");
        assertThat(post(caseworker, url + "/contact", "kind", "VISIT", "at", visit.toString(), "met", "母", "note", "x").getResponse().getStatus())
                .isEqualTo(400);
        assertThat(count("case_contact_version")).isEqualTo(contacts);

        // A correction needs a reason, and is a new version: the first text stays, with who wrote it and when.
        MvcResult noReason = post(caseworker, url + "/contacts/" + contactId + "/correct", "kind", "HOME_VISIT", "at", visit.toString(), "met", "母",
                "note", "訂正後の内容");
        assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
        assertThat(noReason.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("訂正の理由", "訂正後の内容");
        assertThat(count("case_contact_version")).isEqualTo(contacts);
        postOk(caseworker, url + "/contacts/" + contactId + "/correct", "kind", "HOME_VISIT", "at", visit.minusHours(1).toString(), "met", "母",
                "note", "玄関先で母と面談。本人は不在", "reason", "本人に会えたと誤って記録したため");
        assertThat(count("case_contact_version where contact_id = " + contactId)).isEqualTo(2);
        html = page(caseworker, url);
        assertThat(html).contains("玄関先で母と面談。本人は不在", "訂正あり（第2版）").doesNotContain("本人元気");
        String history = page(caseworker, url + "/contacts/" + contactId);
        assertThat(history).contains("第1版", "第2版", HtmlUtils.htmlEscape("玄関先で母と面談。<b>本人元気</b>"), "玄関先で母と面談。本人は不在",
                "本人に会えたと誤って記録したため", "テスト " + Role.CENTER_CASEWORKER.labelJa());
        assertThat(count("audit_event where action = 'CASE_VIEWED' and target = 'case:" + no + "' and detail like 'contact " + contactId + " history%'"))
                .isEqualTo(1);
        assertThat(count("audit_event where action = 'CASE_UPDATED' and target = 'case:" + no + "' and detail like 'contact " + contactId + " corrected%'"))
                .isEqualTo(1);

        // Another caseworker may read the (unrestricted) case but not rewrite a colleague's contact: 403, audited with the reason.
        long denied = audit.count(AuditAction.ACCESS_DENIED, other);
        MvcResult foreign = post(otherCaseworker, url + "/contacts/" + contactId + "/correct", "kind", "PHONE", "at", visit.toString(), "met", "母",
                "note", "書き換え", "reason", "試しに");
        assertThat(foreign.getResponse().getStatus()).isEqualTo(403);
        assertThat(audit.count(AuditAction.ACCESS_DENIED, other)).isEqualTo(denied + 1);
        assertThat(count("case_contact_version where contact_id = " + contactId)).isEqualTo(2);
        // A supervisor may.
        postOk(supervisor, url + "/contacts/" + contactId + "/correct", "kind", "HOME_VISIT", "at", visit.minusHours(1).toString(), "met", "母",
                "note", "玄関先で母と面談。本人は不在（祖母宅）", "reason", "統括者確認により補足");

        // The child's timeline shows the contacts (latest version) with the case.
        String consultation = jdbc.sql("select k.consultation_no from consultation k join case_file c on c.id = k.case_id where c.case_no = :n limit 1")
                .param("n", no).query(String.class).single();
        String timeline = page(caseworker, "/center/children/" + child.personId() + "?purpose=case:" + no);
        assertThat(timeline).contains("接触 / contact：訪問 / home visit（母）【訂正あり / corrected】", "本人は不在（祖母宅）", "父と電話");
        assertThat(consultation).startsWith("S");
    }

    @Test
    void aRestrictedCaseIsOpenedOnlyByItsCaseworkerAndTheSupervisorsAndEveryRefusalIsAudited() throws Exception {
        CasesFixture.Child child = CasesFixture.childWithVariant(jdbc, 11);
        String[] made = consultationAndCase(caseworker, child.personId());
        String consultation = made[0];
        String no = made[1];
        String url = "/center/cases/" + no;
        postOk(caseworker, url + "/contact", "kind", "CENTRE_VISIT", "at", now().minusHours(2).toString(), "met", "母", "note", "母が来所、DV避難中の相談");

        // Only a supervisor restricts, and says why.
        assertThat(post(caseworker, url + "/restriction", "restricted", "true", "reason", "DV避難中").getResponse().getStatus()).isEqualTo(403);
        MvcResult noReason = post(supervisor, url + "/restriction", "restricted", "true");
        assertThat(noReason.getFlashMap().get("errors").toString()).contains("reason");
        assertThat(jdbc.sql("select restricted from case_file where case_no = :n").param("n", no).query(Boolean.class).single()).isFalse();
        postOk(supervisor, url + "/restriction", "restricted", "true", "reason", "DV避難中（加害者が市内在住）");
        byte[] reason = jdbc.sql("select restricted_reason_enc from case_file where case_no = :n").param("n", no).query(byte[].class).single();
        assertThat(new String(reason, StandardCharsets.UTF_8)).doesNotContain("DV避難中");

        // Its caseworker and the supervisor still open it.
        assertThat(page(caseworker, url)).contains("制限ケース / restricted", "DV避難中（加害者が市内在住）", "母が来所、DV避難中の相談");
        assertThat(page(supervisor, url)).contains("母が来所、DV避難中の相談");

        // Anyone else: every page and action of the case, its consultation, its summary, and the case as a purpose are refused, each audited.
        long denied = audit.count(AuditAction.ACCESS_DENIED, other);
        assertThat(status(otherCaseworker, url)).isEqualTo(403);
        assertThat(status(otherCaseworker, url + "/summary.pdf")).isEqualTo(403);
        assertThat(status(otherCaseworker, "/center/consultations/" + consultation)).isEqualTo(403);
        assertThat(post(otherCaseworker, url + "/follow-up", "action", "x", "due", "2027-01-01").getResponse().getStatus()).isEqualTo(403);
        assertThat(post(otherCaseworker, url + "/contact", "kind", "PHONE", "at", now().toString(), "met", "母", "note", "x").getResponse().getStatus())
                .isEqualTo(403);
        assertThat(audit.count(AuditAction.ACCESS_DENIED, other)).isEqualTo(denied + 5);
        assertThat(jdbc.sql("select detail from audit_event where action = 'ACCESS_DENIED' and actor = :a order by id desc limit 1").param("a", other)
                .query(String.class).single()).contains("restricted case");
        MvcResult purpose = mvc.perform(get("/center/children/" + child.personId()).param("purpose", "case:" + no).session(otherCaseworker)).andReturn();
        assertThat(purpose.getResponse().getStatus()).isEqualTo(403);
        // The refusal page offers the child's open cases as purposes: not this one.
        assertThat(purpose.getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain("ケース " + no + " の対応として");
        assertThat(count("audit_event where action = 'PURPOSE_REFUSED' and actor = '" + other + "' and purpose = 'case:" + no + "'")).isEqualTo(1);

        // A new consultation another caseworker takes about the child is theirs to read, and opens the timeline for it,
        // but the timeline shows nothing of the restricted case: no case number, contact, consultation or event.
        MvcResult r = post(otherCaseworker, "/center/consultations", "child", child.personId(), "receivedAt", "2026-11-20T09:00", "channel", "phone",
                "contact", "neighbour", "urgency", "MEDIUM", "content", "近隣から：夜に大声", "staff", "相談員B", "consent", "UNKNOWN", "type", "other");
        String mine = r.getResponse().getRedirectedUrl().replaceFirst("^/center/consultations/", "").replaceFirst("\\?saved$", "");
        assertThat(page(otherCaseworker, "/center/consultations/" + mine)).contains("近隣から：夜に大声");
        String timeline = page(otherCaseworker, "/center/children/" + child.personId() + "?purpose=consultation:" + mine);
        assertThat(timeline).contains("近隣から：夜に大声").doesNotContain(no, "母が来所、DV避難中の相談", "学校より：欠席が続く");
        // The caseworker's own timeline has everything.
        assertThat(page(caseworker, "/center/children/" + child.personId() + "?purpose=case:" + no)).contains(no, "母が来所、DV避難中の相談", "近隣から：夜に大声");
        // Opening a second case does not give the restricted case's number away.
        MvcResult second = post(otherCaseworker, "/center/cases", "child", child.personId());
        assertThat(second.getFlashMap().get("errors").toString()).contains("制限ケース").doesNotContain(no);

        // Lifted (with a reason), the case is the centre's again.
        postOk(supervisor, url + "/restriction", "restricted", "false", "reason", "避難先が確定し危険が解消");
        assertThat(page(otherCaseworker, url)).contains("母が来所、DV避難中の相談").doesNotContain("DV避難中（加害者が市内在住）");
    }

    @Test
    void theCaseSummaryPrintsAsAPdfInTheLettersFontWithWarekiAndIsAudited() throws Exception {
        CasesFixture.Child child = CasesFixture.childWithVariant(jdbc, 12);
        String no = consultationAndCase(caseworker, child.personId())[1];
        String url = "/center/cases/" + no;
        postOk(caseworker, url + "/contact", "kind", "AGENCY", "at", "2026-11-25T14:30", "met", "保育所の担任", "note", "保育所より登園状況の報告");
        postOk(caseworker, url + "/assessment", "item", "absence", "level", "HIGH", "note", "欠席が長い");
        MvcResult r = mvc.perform(get(url + "/summary.pdf").session(caseworker)).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentType()).isEqualTo("application/pdf");
        assertThat(r.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(r.getResponse().getContentAsByteArray())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("[\\s\u3000]", "");
            assertThat(text).contains(no, child.name().replaceAll("[\\s\u3000]", ""), "ケース概要", "2026-11-25", "令和8年11月25日", "保育所より登園状況の報告",
                    "関係機関", "保育所の担任", "学校より：欠席が続く", "高/high", "取扱注意", "テスト" + Role.CENTER_CASEWORKER.labelJa())
                    .as("staff by display name, never the user id").doesNotContain("AGENCY", "HIGH", "t-work-caseworker");
            var resources = pdf.getPage(0).getResources();
            var font = resources.getFont(resources.getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).contains("BIZUDGothic");
        }
        assertThat(count("audit_event where action = 'CASE_VIEWED' and target = 'case:" + no + "' and detail like 'summary printed%'")).isEqualTo(1);
        // On screen the case page links the summary; printed from the browser it leaves navigation and forms off.
        assertThat(page(caseworker, url)).contains("summary.pdf", "リスクアセスメント / risk assessment: 高 / high（1項目）").doesNotContain(">HIGH<", ": HIGH");
        String css = mvc.perform(get("/css/mimamori.css")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(css).containsPattern("@media print \\{[^}]*header\\.top, nav, form, button");
    }

    @Test
    void theProgressRegisterListsEveryRegisteredChildAsPdfAndExcelForSupervisorsOnly() throws Exception {
        CasesFixture.Child first = CasesFixture.childWithVariant(jdbc, 13);
        CasesFixture.Child second = CasesFixture.childWithVariant(jdbc, 14);
        CasesFixture.Child unregistered = CasesFixture.childWithVariant(jdbc, 15);
        String a = consultationAndCase(caseworker, first.personId())[1];
        String b = consultationAndCase(caseworker, second.personId())[1];
        String c = consultationAndCase(caseworker, unregistered.personId())[1];
        postOk(caseworker, "/center/cases/" + a + "/yotaikyo", "registration", "YOHOGO", "since", "2026-10-01", "review", "2027-01-15");
        postOk(caseworker, "/center/cases/" + b + "/yotaikyo", "registration", "YOSHIEN", "since", "令和8年9月1日");
        MvcResult early = post(caseworker, "/center/cases/" + b + "/yotaikyo", "registration", "YOSHIEN", "since", "2026-09-01", "review", "2026-08-01");
        assertThat(early.getFlashMap().get("errors").toString()).contains("review");
        jdbc.sql("update case_file set last_contact_at = now() - interval '60 days' where case_no = :n").param("n", a).update();
        postOk(caseworker, "/center/cases/" + a + "/contact", "kind", "HOME_VISIT", "at", "2026-11-28T16:00", "met", "母", "note", "訪問");

        MvcResult r = mvc.perform(get("/center/registers/yotaikyo.pdf").session(supervisor)).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentType()).isEqualTo("application/pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(r.getResponse().getContentAsByteArray())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("[\\s\u3000]", "");
            assertThat(text).contains("進行管理台帳", a, b, first.name().replaceAll("[\\s\u3000]", ""), second.name().replaceAll("[\\s\u3000]", ""),
                    "要保護児童", "要支援児童", "2027-01-15（令和9年1月15日）", "2026-11-28（令和8年11月28日）", "未設定", "テスト" + Role.CENTER_CASEWORKER.labelJa())
                    .doesNotContain(c, "YOHOGO", "t-work-caseworker");
        }
        r = mvc.perform(get("/center/registers/yotaikyo.xlsx").session(supervisor)).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
            var sheet = book.getSheetAt(0);
            java.util.List<String> caseNos = new java.util.ArrayList<>();
            for (int i = 2; i <= sheet.getLastRowNum(); i++) {
                caseNos.add(sheet.getRow(i).getCell(1).getStringCellValue());
            }
            assertThat(caseNos).contains(a, b).doesNotContain(c);
            assertThat(sheet.getRow(1).getCell(10).getStringCellValue()).contains("次回見直し");
        }
        assertThat(count("audit_event where action = 'CASE_LISTED' and target = 'yotaikyo-register' and detail like '%" + a + "%'")).isEqualTo(2);

        // A caseworker is refused both, audited.
        String me = "t-work-caseworker";
        long denied = audit.count(AuditAction.ACCESS_DENIED, me);
        assertThat(status(caseworker, "/center/registers/yotaikyo.pdf")).isEqualTo(403);
        assertThat(status(caseworker, "/center/registers/yotaikyo.xlsx")).isEqualTo(403);
        assertThat(audit.count(AuditAction.ACCESS_DENIED, me)).isEqualTo(denied + 2);
        assertThat(page(supervisor, "/center/cases")).contains("/center/registers/yotaikyo.pdf");
        assertThat(page(caseworker, "/center/cases")).doesNotContain("/center/registers/yotaikyo.pdf");
    }

    @Test
    void aFamilyMovingOutIsHandedOverWithATransferSummaryRecordedAsAReferralAndTheCaseClosed() throws Exception {
        CasesFixture.Child child = CasesFixture.childWithVariant(jdbc, 16);
        String no = consultationAndCase(caseworker, child.personId())[1];
        String url = "/center/cases/" + no;
        postOk(caseworker, url + "/contact", "kind", "HOME_VISIT", "at", "2026-11-27T10:00", "met", "母", "note", "転居予定を確認");
        postOk(caseworker, url + "/yotaikyo", "registration", "YOSHIEN", "since", "2026-10-01");
        // Before the transfer there is nothing to print.
        assertThat(status(caseworker, url + "/transfer.pdf")).isEqualTo(404);

        long referrals = count("referral");
        MvcResult refused = post(caseworker, url + "/transfer", "municipality", "", "movedOn", "令和8年13月1日", "basis", "RECEIVED", "handover", "");
        assertThat(refused.getFlashMap().get("errors").toString()).contains("municipality", "movedOn", "basis", "handover");
        assertThat(count("referral")).isEqualTo(referrals);
        assertThat(jdbc.sql("select status from case_file where case_no = :n").param("n", no).query(String.class).single()).isEqualTo("RECEIVED");

        postOk(caseworker, url + "/transfer", "municipality", "横浜市青葉区 こども家庭支援課", "movedOn", "2026-11-30", "basis", "STATUTORY_YOTAIKYO",
                "handover", "母は就労開始予定。保育所入所の調整を依頼したい。");
        assertThat(jdbc.sql("select status || '|' || closing_reason from case_file where case_no = :n").param("n", no).query(String.class).single())
                .startsWith("CLOSED|転出").contains("横浜市青葉区");
        assertThat(count("referral r join case_file c on c.id = r.case_id where c.case_no = '" + no + "' and r.agency = 'transfer_municipality'"
                + " and r.basis = 'STATUTORY_YOTAIKYO'")).isEqualTo(1);
        String html = page(caseworker, url);
        assertThat(html).contains("転出先の市区町村", "transfer.pdf", "転出 / moved out");

        MvcResult r = mvc.perform(get(url + "/transfer.pdf").session(caseworker)).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(r.getResponse().getContentAsByteArray())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("[\\s\u3000]", "");
            assertThat(text).contains("横浜市青葉区こども家庭支援課御中", "2026-11-30（令和8年11月30日）", child.name().replaceAll("[\\s\u3000]", ""),
                    "母は就労開始予定", "法令（要対協・児童福祉法25条の3）", "転居予定を確認", "要支援児童");
        }
        assertThat(count("audit_event where action = 'CASE_VIEWED' and target = 'case:" + no + "' and detail like 'transfer summary printed%'")).isEqualTo(1);
        assertThat(count("audit_event where action = 'CASE_CLOSED' and target = 'case:" + no + "'")).isEqualTo(1);
        // A closed case is transferred once.
        assertThat(post(caseworker, url + "/transfer", "municipality", "別の市", "movedOn", "2026-11-30", "basis", "CONSENT_ORAL", "handover", "x")
                .getFlashMap().get("errors").toString()).contains("closed case");
    }

    MvcResult upload(MockHttpSession s, String url, String name, byte[] bytes, String declaredType) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(url)
                .file(new org.springframework.mock.web.MockMultipartFile("file", name, declaredType, bytes)).param("description", "学校からの報告書")
                .session(s).with(csrf())).andReturn();
    }

    @Test
    void aSupervisorChoosesTheCaseworkerByNameFromTheCentresStaffAndAnyoneElseIsRefused() throws Exception {
        CasesFixture.Child child = CasesFixture.childWithVariant(jdbc, 18);
        String no = consultationAndCase(caseworker, child.personId())[1];
        String url = "/center/cases/" + no;
        String analyst = users.ensure(Role.ANALYST);
        String disabled = users.ensure("t-work-caseworker-gone", Role.CENTER_CASEWORKER, null);
        jdbc.sql("update app_user set enabled = false where username = :u").param("u", disabled).update();

        // The picker: the centre's caseworkers and supervisors by display name, the current one chosen; no one else, no box to type an id in.
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(page(supervisor, url));
        var picker = page.select("form[action$=/assign] select[name=caseworker]");
        assertThat(picker).hasSize(1);
        assertThat(page.select("form[action$=/assign] input[name=caseworker]")).isEmpty();
        var options = picker.select("option");
        assertThat(options.eachAttr("value")).contains("t-work-caseworker", other, users.ensure(Role.CENTER_SUPERVISOR))
                .doesNotContain(analyst, disabled, users.ensure(Role.ADMIN));
        assertThat(picker.select("option[value=" + other + "]").text()).isEqualTo("テスト " + Role.CENTER_CASEWORKER.labelJa());
        assertThat(picker.select("option[selected]").attr("value")).isEqualTo("t-work-caseworker");
        assertThat(page.getElementById("caseworker").text()).isEqualTo("テスト " + Role.CENTER_CASEWORKER.labelJa());
        // A caseworker is shown no picker at all.
        assertThat(org.jsoup.Jsoup.parse(page(caseworker, url)).select("form[action$=/assign]")).isEmpty();

        // An unknown id, an analyst, a disabled account, nothing: the field named in both languages, the caseworker unchanged.
        long updates = count("audit_event where action = 'CASE_UPDATED' and target = 'case:" + no + "'");
        for (String wrong : new String[] {"no-such-user", analyst, disabled, ""}) {
            MvcResult r = post(supervisor, url + "/assign", "caseworker", wrong);
            assertThat(r.getResponse().getRedirectedUrl()).as(wrong).isEqualTo(url);
            assertThat(r.getFlashMap().get("errors")).as(wrong).asString().contains("担当者", "Caseworker", "担当は変更していません");
            assertThat(jdbc.sql("select caseworker from case_file where case_no = :n").param("n", no).query(String.class).single()).isEqualTo("t-work-caseworker");
        }
        assertThat(count("audit_event where action = 'CASE_UPDATED' and target = 'case:" + no + "'")).as("nothing recorded").isEqualTo(updates);

        // A caseworker may not assign: 403, audited.
        long denied = audit.count(AuditAction.ACCESS_DENIED, "t-work-caseworker");
        assertThat(post(caseworker, url + "/assign", "caseworker", other).getResponse().getStatus()).isEqualTo(403);
        assertThat(audit.count(AuditAction.ACCESS_DENIED, "t-work-caseworker")).isEqualTo(denied + 1);

        // Chosen from the list: stored by id, shown by name, the history says who handed over to whom by name.
        postOk(supervisor, url + "/assign", "caseworker", other);
        assertThat(jdbc.sql("select caseworker from case_file where case_no = :n").param("n", no).query(String.class).single()).isEqualTo(other);
        org.jsoup.nodes.Document after = org.jsoup.Jsoup.parse(page(supervisor, url));
        assertThat(after.select("form[action$=/assign] option[selected]").attr("value")).isEqualTo(other);
        String history = after.select("ul.timeline").text();
        assertThat(history).contains("担当の変更 / caseworker: テスト " + Role.CENTER_CASEWORKER.labelJa() + " → テスト " + Role.CENTER_CASEWORKER.labelJa())
                .doesNotContain("t-work-caseworker", other);
    }

    @Test
    void attachmentsAreCheckedStoredEncryptedAuditedAndShownOnTheTimeline() throws Exception {
        CasesFixture.Child child = CasesFixture.childWithVariant(jdbc, 17);
        String no = consultationAndCase(caseworker, child.personId())[1];
        String url = "/center/cases/" + no;
        byte[] pdf = ("%PDF-1.4\n% 学校からの報告: 山田さん宅の欠席状況\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
        MvcResult ok = upload(caseworker, url + "/attachments", "報告書_山田.pdf", pdf, "application/pdf");
        assertThat(ok.getResponse().getStatus()).isEqualTo(302);
        long id = jdbc.sql("select a.id from case_attachment a join case_file c on c.id = a.case_id where c.case_no = :n").param("n", no)
                .query(Long.class).single();
        byte[] stored = jdbc.sql("select content_enc from case_attachment where id = :id").param("id", id).query(byte[].class).single();
        byte[] name = jdbc.sql("select file_name_enc from case_attachment where id = :id").param("id", id).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("%PDF", "欠席");
        assertThat(new String(name, StandardCharsets.UTF_8)).doesNotContain("山田");
        assertThat(page(caseworker, url)).contains("報告書_山田.pdf", "学校からの報告書");

        MvcResult down = mvc.perform(get(url + "/attachments/" + id).session(caseworker)).andReturn();
        assertThat(down.getResponse().getStatus()).isEqualTo(200);
        assertThat(down.getResponse().getContentAsByteArray()).isEqualTo(pdf);
        assertThat(down.getResponse().getContentType()).isEqualTo("application/pdf");
        assertThat(down.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(count("audit_event where action = 'CASE_UPDATED' and target = 'case:" + no + "' and detail like 'attachment " + id + " uploaded%'")).isEqualTo(1);
        assertThat(count("audit_event where action = 'CASE_VIEWED' and target = 'case:" + no + "' and detail = 'attachment " + id + " downloaded'")).isEqualTo(1);

        // A file that says it is a PDF but is not, an empty one and one over the limit: 400, why in both languages, nothing stored.
        long before = count("case_attachment");
        MvcResult fake = upload(caseworker, url + "/attachments", "virus.pdf", "MZ\u0090 not a pdf".getBytes(StandardCharsets.UTF_8), "application/pdf");
        assertThat(fake.getResponse().getStatus()).isEqualTo(400);
        assertThat(fake.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("PDF・JPEG・PNG", "only PDF, JPEG and PNG");
        MvcResult empty = upload(caseworker, url + "/attachments", "empty.png", new byte[0], "image/png");
        assertThat(empty.getResponse().getStatus()).isEqualTo(400);
        assertThat(empty.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("空のファイル");
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        MvcResult large = upload(caseworker, url + "/attachments", "photo.jpg", big, "image/jpeg");
        assertThat(large.getResponse().getStatus()).isEqualTo(400);
        assertThat(large.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("大きすぎます", "too large");
        assertThat(count("case_attachment")).isEqualTo(before);

        // On the child's timeline; and a restricted case's attachments are its caseworker's and the supervisors' only.
        assertThat(page(caseworker, "/center/children/" + child.personId() + "?purpose=case:" + no)).contains("添付 / attachment：報告書_山田.pdf");
        postOk(supervisor, url + "/restriction", "restricted", "true", "reason", "職員の親族");
        assertThat(status(otherCaseworker, url + "/attachments/" + id)).isEqualTo(403);
        assertThat(upload(otherCaseworker, url + "/attachments", "x.pdf", pdf, "application/pdf").getResponse().getStatus()).isEqualTo(403);
        assertThat(count("case_attachment")).isEqualTo(before);
    }
}
