package jp.mimamori.server.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.ingest.FolderIngest;
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
 * こども総合相談 through its pages, as a caseworker and a supervisor would use them, on a linked
 * synthetic city in a real PostgreSQL: search in any spelling, consultations (encrypted at rest), cases
 * with follow-ups, alerts, referrals and closing, and the child's timeline with every source.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-cases", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasesTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;
    @Autowired jp.mimamori.server.time.Times times;

    @TempDir static Path city;

    MockHttpSession caseworker;
    MockHttpSession otherCaseworker;
    MockHttpSession supervisor;

    @BeforeAll
    void cityAndStaff() throws Exception {
        CasesFixture.cityLinked(ingest, identity, city, 2_000, 17);
        caseworker = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
        otherCaseworker = TestUsers.signIn(mvc, users.ensure("t-caseworker-2", Role.CENTER_CASEWORKER, null));
        supervisor = TestUsers.signIn(mvc, users.ensure(Role.CENTER_SUPERVISOR));
    }

    String page(MockHttpSession s, String url) throws Exception {
        MvcResult r = mvc.perform(get(url).session(s)).andReturn();
        assertThat(r.getResponse().getStatus()).as(url).isEqualTo(200);
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    long audits(String action, String target) {
        return jdbc.sql("select count(*) from audit_event where action = :a and target = :t").param("a", action).param("t", target).query(Long.class).single();
    }

    @Test
    void aChildIsFoundByAnyFormOfTheirNameAndByBirthDateAddressAndId() throws Exception {
        CasesFixture.Child child = CasesFixture.childWithVariant(jdbc, 0);
        assertThat(child.variantSpelling()).isNotEqualTo(child.name());
        String link = "/center/children/" + child.personId();
        assertThat(page(caseworker, "/center/search?q=" + child.variantSpelling())).as("old kanji form").contains(link);
        String kana = jdbc.sql("select kana from person_profile where person_id = :p").param("p", child.personId()).query(String.class).single();
        String hiragana = kana.chars().mapToObj(c -> String.valueOf((char) (c >= 'ァ' && c <= 'ヶ' ? c - 0x60 : c))).reduce("", String::concat);
        assertThat(page(caseworker, "/center/search?q=" + hiragana)).as("reading in hiragana").contains(link);
        String compact = child.name().replace(" ", "").replace("　", "");
        assertThat(page(caseworker, "/center/search?q=" + compact.substring(0, compact.length() - 1))).as("partial").contains(link);
        jp.mimamori.core.text.PersonName split = jp.mimamori.core.text.PersonName.parse(child.name());
        assertThat(page(caseworker, "/center/search?q=" + split.given())).as("given name alone").contains(link);
        LocalDate birth = jdbc.sql("select birth_date from person_profile where person_id = :p").param("p", child.personId()).query(LocalDate.class).single();
        assertThat(page(caseworker, "/center/search?q=" + JapaneseDates.format(birth, DateNotation.WAREKI_KANJI))).as("和暦 birth date").contains(link);
        String address = jdbc.sql("select address from person_profile where person_id = :p").param("p", child.personId()).query(String.class).single();
        assertThat(page(caseworker, "/center/search?q=" + address)).as("address").contains(link);
        assertThat(page(caseworker, "/center/search?q=" + child.personId().toLowerCase())).as("こどもID").contains(link);
        assertThat(audits("CHILD_SEARCHED", "search")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void searchInputIsDataNeverSqlOrMarkup() throws Exception {
        long before = count("consultation");
        for (String q : List.of("'; drop table consultation; --", "%", "_", "\\", "<script>alert(1)</script>", "' or '1'='1")) {
            MvcResult r = mvc.perform(get("/center/search").param("q", q).session(caseworker)).andReturn();
            assertThat(r.getResponse().getStatus()).as(q).isEqualTo(200);
            String html = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).doesNotContain("<script>alert(1)</script>").doesNotContain("/center/children/P");
        }
        assertThat(count("consultation")).isEqualTo(before);
        MvcResult tooLong = mvc.perform(get("/center/search").param("q", "x".repeat(101)).session(caseworker)).andReturn();
        // Bad input is a 400 with the reason on the page.
        assertThat(tooLong.getResponse().getStatus()).isEqualTo(400);
        assertThat(tooLong.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("1〜100文字");
    }

    String recordConsultation(MockHttpSession s, String childRef, String content, String... types) throws Exception {
        var req = post("/center/consultations").session(s).with(csrf()).param("child", childRef).param("receivedAt", "2026-11-02T10:15")
                .param("channel", "phone").param("contact", "school").param("urgency", "HIGH").param("content", content)
                .param("staff", "相談員A").param("consent", "ORAL");
        for (String t : types) {
            req = req.param("type", t);
        }
        MvcResult r = mvc.perform(req).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(302);
        return r.getResponse().getRedirectedUrl().replaceFirst("^/center/consultations/", "").replaceFirst("\\?saved$", "");
    }

    @Test
    void aConsultationIsStoredEncryptedShownToTheCentreAndAudited() throws Exception {
        CasesFixture.Child child = CasesFixture.childWithVariant(jdbc, 1);
        String secret = "学校より：朝食を食べずに登校。<b>要確認</b> 母と連絡つかず";
        String no = recordConsultation(caseworker, child.personId(), secret, "abuse_neglect", "school_refusal");
        byte[] stored = jdbc.sql("select content_enc from consultation where consultation_no = :n").param("n", no).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("朝食");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("<b>");
        String html = page(caseworker, "/center/consultations/" + no);
        assertThat(html).contains(HtmlUtils.htmlEscape(secret)).doesNotContain("<b>要確認</b>").contains("虐待（ネグレクト）", "不登校", "電話", "学校");
        assertThat(audits("CONSULTATION_RECORDED", "consultation:" + no)).isEqualTo(1);
        assertThat(audits("CONSULTATION_VIEWED", "consultation:" + no)).isEqualTo(1);
        // The child now has the centre's own row, tied to its こどもID.
        assertThat(jdbc.sql("select count(*) from child_subject where person_id = :p").param("p", child.personId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRefusedConsultationNamesEveryBadFieldKeepsWhatWasTypedAndStoresNothing() throws Exception {
        CasesFixture.Child child = CasesFixture.childWithVariant(jdbc, 2);
        long before = count("consultation");
        long audit = count("audit_event where action = 'CONSULTATION_RECORDED'");
        MvcResult r = mvc.perform(post("/center/consultations").session(caseworker).with(csrf()).param("child", child.personId())
                .param("receivedAt", "令和5年2月30日").param("channel", "fax").param("contact", "mother").param("urgency", "SOON")
                .param("content", "長い相談内容をここに残す").param("staff", "相談員A")).andReturn();
        String html = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(html).contains("receivedAt", "urgency", "長い相談内容をここに残す");
        assertThat(count("consultation")).isEqualTo(before);
        assertThat(count("audit_event where action = 'CONSULTATION_RECORDED'")).isEqualTo(audit);
        // With the date fixed, the service names the channel and the missing type.
        html = mvc.perform(post("/center/consultations").session(caseworker).with(csrf()).param("child", child.personId())
                .param("receivedAt", "2026-11-01T09:00").param("channel", "fax").param("contact", "mother").param("urgency", "LOW")
                .param("content", "x").param("staff", "相談員A")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("channel", "types", "相談種別を1つ以上選んでください");
        assertThat(count("consultation")).isEqualTo(before);
        // An unknown child is refused, not created.
        html = mvc.perform(post("/center/consultations").session(caseworker).with(csrf()).param("child", "PZZZZZZZZZZZZ")
                .param("receivedAt", "2026-11-01T09:00").param("channel", "phone").param("contact", "mother").param("urgency", "LOW")
                .param("type", "other").param("content", "x").param("staff", "相談員A")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("no such child");
        assertThat(count("consultation")).isEqualTo(before);
    }

    String openCase(MockHttpSession s, String childRef, String action, String due) throws Exception {
        MvcResult r = mvc.perform(post("/center/cases").session(s).with(csrf()).param("child", childRef).param("action", action).param("due", due)).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).startsWith("/center/cases/C");
        return r.getResponse().getRedirectedUrl().substring("/center/cases/".length());
    }

    void postOk(MockHttpSession s, String url, String... params) throws Exception {
        var req = post(url).session(s).with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            req = req.param(params[i], params[i + 1]);
        }
        MvcResult r = mvc.perform(req).andReturn();
        assertThat(r.getResponse().getStatus()).as(url).isEqualTo(302);
        assertThat(r.getFlashMap().get("errors")).as(url + " refused: " + r.getFlashMap().get("errors")).isNull();
    }

    @Test
    void aCaseRunsFromOpeningThroughFollowUpsAlertsAndReferralsToClosing() throws Exception {
        CasesFixture.Child child = CasesFixture.childWithVariant(jdbc, 3);
        String first = recordConsultation(caseworker, child.personId(), "保育所から：欠席が続いている", "parenting_difficulty");
        String no = openCase(caseworker, child.personId(), "家庭訪問", "2026-12-31");
        assertThat(jdbc.sql("select c.case_no from consultation k join case_file c on c.id = k.case_id where k.consultation_no = :n")
                .param("n", first).query(String.class).single()).as("the earlier consultation joins the case").isEqualTo(no);
        // One open case per child.
        MvcResult again = mvc.perform(post("/center/cases").session(caseworker).with(csrf()).param("child", child.personId())).andReturn();
        assertThat(again.getFlashMap().get("errors").toString()).contains(no);

        // A follow-up in the past is overdue: on the caseworker's and the supervisor's home page, not on another caseworker's.
        postOk(caseworker, "/center/cases/" + no + "/follow-up", "action", "電話で状況確認", "due", "2026-11-01");
        assertThat(page(caseworker, "/")).contains("期限超過", no, "電話で状況確認");
        assertThat(page(supervisor, "/")).contains("期限超過", no);
        assertThat(page(otherCaseworker, "/")).doesNotContain(no);
        assertThat(count("audit_event where action = 'ALERTS_VIEWED' and detail like '%" + no + "%'")).isGreaterThanOrEqualTo(2);

        // A new consultation about the child joins the case and raises an alert until acknowledged.
        recordConsultation(otherCaseworker, child.personId(), "近隣から：夜間に泣き声", "other");
        String home = page(caseworker, "/");
        assertThat(home).contains("class=\"NEW_CONSULTATION\"");
        long alertId = jdbc.sql("select a.id from case_alert a join case_file c on c.id = a.case_id where c.case_no = :n and a.acknowledged_at is null")
                .param("n", no).query(Long.class).single();
        postOk(caseworker, "/center/cases/" + no + "/alerts/" + alertId + "/ack");
        assertThat(page(caseworker, "/")).doesNotContain("class=\"NEW_CONSULTATION\"");

        // Without contact for longer than the configured days, the case is flagged.
        jdbc.sql("update case_file set last_contact_at = now() - interval '45 days' where case_no = :n").param("n", no).update();
        assertThat(page(caseworker, "/center")).contains("class=\"NO_CONTACT\"");
        postOk(caseworker, "/center/cases/" + no + "/contact", "kind", "HOME_VISIT", "met", "母", "note", "家庭訪問、母と面談",
                "at", times.now().atZoneSameInstant(times.zone()).toLocalDateTime().minusMinutes(5).withSecond(0).withNano(0).toString());
        assertThat(page(caseworker, "/center")).doesNotContain("class=\"NO_CONTACT\"");

        // Assessment, plan, council registration, referral with its basis and the reply.
        postOk(caseworker, "/center/cases/" + no + "/assessment", "item", "absence", "item", "carer_isolated", "level", "MEDIUM", "note", "母が孤立");
        postOk(caseworker, "/center/cases/" + no + "/goals", "goal", "保育所への毎日の登園", "due", "2027-01-31");
        postOk(caseworker, "/center/cases/" + no + "/yotaikyo", "registration", "YOSHIEN", "since", "令和8年11月10日");
        MvcResult refused = mvc.perform(post("/center/cases/" + no + "/referrals").session(caseworker).with(csrf()).param("direction", "TO")
                .param("agency", "school").param("onDate", "2026-11-10").param("basis", "RECEIVED").param("content", "x")).andReturn();
        assertThat(refused.getFlashMap().get("errors").toString()).contains("basis");
        postOk(caseworker, "/center/cases/" + no + "/referrals", "direction", "TO", "agency", "school", "onDate", "2026-11-10",
                "basis", "STATUTORY_YOTAIKYO", "content", "要対協として学校に見守りを依頼");
        long referral = jdbc.sql("select max(id) from referral").query(Long.class).single();
        postOk(caseworker, "/center/cases/" + no + "/referrals/" + referral + "/reply", "reply", "担任が毎朝声かけ");
        String casePage = page(caseworker, "/center/cases/" + no);
        assertThat(casePage).contains("要支援児童", "要対協として学校に見守りを依頼", "担任が毎朝声かけ", "保育所への毎日の登園",
                "長期欠席・不登校", "母が孤立", "家庭訪問、母と面談");

        // Only a supervisor assigns.
        assertThat(mvc.perform(post("/center/cases/" + no + "/assign").session(caseworker).with(csrf()).param("caseworker", "t-caseworker-2"))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        postOk(supervisor, "/center/cases/" + no + "/assign", "caseworker", "t-caseworker-2");
        assertThat(page(otherCaseworker, "/")).contains(no);

        // Closing needs a reason; a closed case takes no more changes and raises no alert.
        MvcResult noReason = mvc.perform(post("/center/cases/" + no + "/status").session(otherCaseworker).with(csrf()).param("status", "CLOSED")).andReturn();
        assertThat(noReason.getFlashMap().get("errors").toString()).contains("note");
        postOk(otherCaseworker, "/center/cases/" + no + "/status", "status", "CLOSED", "note", "支援により状況改善");
        assertThat(page(otherCaseworker, "/center/cases/" + no)).contains("終結", "支援により状況改善");
        MvcResult late = mvc.perform(post("/center/cases/" + no + "/follow-up").session(otherCaseworker).with(csrf())
                .param("action", "x").param("due", "2026-01-01")).andReturn();
        assertThat(late.getFlashMap().get("errors").toString()).contains("closed case");
        assertThat(page(supervisor, "/")).doesNotContain(no);
        assertThat(audits("CASE_CLOSED", "case:" + no)).isEqualTo(1);
        assertThat(count("audit_event where action = 'CASE_UPDATED' and target = 'case:" + no + "'")).as("follow-up, acknowledgement, contact, assessment, goal, council, assignment").isEqualTo(7);
    }

    @Test
    void theTimelineJoinsTheCentresRecordsWithEverySourceAndEveryOpenIsAudited() throws Exception {
        // A child with records in several departments' extracts.
        String person = jdbc.sql("""
                select p.person_id from person_profile p where p.is_child and p.sources like '%juki%' and p.sources like '%kenko%'
                order by p.person_id limit 1""").query(String.class).single();
        String no = recordConsultation(caseworker, person, "保健所から：健診未受診が続く", "parenting_anxiety");
        postOk(caseworker, "/center/children/" + person + "/referrals", "direction", "FROM", "agency", "hokenjo", "onDate", "2026-11-05",
                "basis", "RECEIVED", "content", "3歳児健診の未受診について情報提供", "purpose", "consultation:" + no);
        long before = audits("CHILD_TIMELINE_VIEWED", person);
        String html = page(caseworker, "/center/children/" + person + "?purpose=consultation:" + no);
        assertThat(html).contains("こども総合相談", "保健所から：健診未受診が続く", "3歳児健診の未受診について情報提供", "住民記録", "健康管理");
        assertThat(audits("CHILD_TIMELINE_VIEWED", person)).isEqualTo(before + 1);
        assertThat(jdbc.sql("select purpose from audit_event where action = 'CHILD_TIMELINE_VIEWED' and target = :p order by id desc limit 1")
                .param("p", person).query(String.class).single()).isEqualTo("consultation:" + no);
        assertThat(mvc.perform(get("/center/children/PNOSUCHPERSON1").session(caseworker)).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aChildKnownOnlyToTheCentreIsRecordedFoundAndConsulted() throws Exception {
        MvcResult r = mvc.perform(post("/center/children").session(caseworker).with(csrf()).param("name", "見守 はるか").param("kana", "みまもり はるか")
                .param("birth", "令和7年1月15日").param("sex", "F").param("address", "本町1丁目2番3号")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).as("straight on to the consultation").startsWith("/center/consultations/new?child=L");
        String ref = r.getResponse().getRedirectedUrl().replaceFirst(".*child=", "");
        assertThat(page(caseworker, "/center/search?q=ミマモリ")).contains("/center/children/" + ref);
        String no = recordConsultation(caseworker, ref, "転入前の自治体から連絡", "other");
        assertThat(page(caseworker, "/center/children/" + ref + "?purpose=consultation:" + no)).contains("転入前の自治体から連絡", "センター登録のみ");
        String bad = mvc.perform(post("/center/children").session(caseworker).with(csrf()).param("name", "").param("birth", "令和99年")).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(bad).contains("name", "birth");
    }

    @Test
    void codeTablesAreReadByTheCentreAndEditedOnlyByTheSupervisor() throws Exception {
        assertThat(page(caseworker, "/center/codes")).contains("虐待（身体的）", "ヤングケアラー");
        assertThat(mvc.perform(post("/center/codes").session(caseworker).with(csrf()).param("kind", "CONSULTATION_TYPE").param("code", "game")
                .param("labelJa", "ゲーム依存").param("labelEn", "gaming")).andReturn().getResponse().getStatus()).isEqualTo(403);
        postOk(supervisor, "/center/codes", "kind", "CONSULTATION_TYPE", "code", "game", "labelJa", "ゲーム依存", "labelEn", "gaming", "active", "on");
        assertThat(page(caseworker, "/center/consultations/new")).contains("ゲーム依存");
        postOk(supervisor, "/center/codes", "kind", "CONSULTATION_TYPE", "code", "game", "labelJa", "ゲーム依存", "labelEn", "gaming");
        assertThat(page(caseworker, "/center/consultations/new")).doesNotContain("ゲーム依存");
        assertThat(audits("CODE_CHANGED", "code_entry:consultation_type:game")).isEqualTo(2);
    }
}
