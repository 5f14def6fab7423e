package jp.mimamori.server.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.time.Times;
import org.junit.jupiter.api.BeforeAll;
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
 * Search as a caseworker uses it at a city's scale: 130 residents named 髙橋 of every age in two towns,
 * written straight into the search index (what a linkage run writes), so that every expected total,
 * page and order is computed here from the same list, independently of the page.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-search", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPagesTest {

    record Person(String id, String name, LocalDate birth, String town, String sources) {
        boolean child(LocalDate today) {
            return Period.between(birth, today).getYears() < 18;
        }
    }

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;
    @Autowired Times times;

    final List<Person> takahashi = new ArrayList<>();
    LocalDate today;
    MockHttpSession caseworker;
    String caseNo = "C2026-000777";

    @BeforeAll
    void aCityIndex() throws Exception {
        today = times.today();
        long run = jdbc.sql("insert into link_run (finished_at, run_by) values (now(), 't') returning id").query(Long.class).single();
        for (int i = 0; i < 130; i++) {
            int age = i % 45;
            takahashi.add(new Person("PT%011d".formatted(i), "髙橋 太郎" + i, today.minusYears(age).minusDays(i % 300 + 1),
                    i % 2 == 0 ? "川端町" : "見守町", "juki kenko"));
        }
        takahashi.add(new Person("PS00000000001", "髙橋 さくら", today.minusYears(40).minusDays(3), "見守町", "juki"));
        takahashi.add(new Person("PS00000000002", "髙橋 さくらこ", today.minusYears(5).minusDays(3), "見守町", "juki teate"));
        takahashi.add(new Person("PS00000000003", "髙橋 ふたば", LocalDate.of(2020, 4, 1), "川端町", "juki"));
        List<Person> all = new ArrayList<>(takahashi);
        all.add(new Person("PS00000000004", "佐藤 一郎", LocalDate.of(2020, 4, 1), "川端町", "juki"));
        all.add(new Person("PS00000000005", "佐藤 次郎", today.minusYears(30), "見守町", "juki"));
        for (Person p : all) {
            jdbc.sql("insert into person (person_id, first_run) values (:p, :r)").param("p", p.id()).param("r", run).update();
            jdbc.sql("""
                    insert into person_profile (person_id, run_id, household_id, is_child, name, kana, birth_date, sex, address, address_key, sources)
                    values (:p, :r, null, :c, :n, null, :b, 'F', :a, :k, :s)""")
                    .param("p", p.id()).param("r", run).param("c", p.child(today)).param("n", p.name()).param("b", p.birth())
                    .param("a", p.town() + "1丁目2番3号").param("k", JapaneseText.nameKey(p.town()) + "|1|2|3").param("s", p.sources()).update();
            for (String key : new LinkedHashSet<>(List.of(JapaneseText.nameKey(p.name()), JapaneseText.nameKey(p.name().substring(p.name().indexOf(' ') + 1))))) {
                jdbc.sql("insert into person_key (key, person_id) values (:k, :p)").param("k", key).param("p", p.id()).update();
            }
        }
        // 佐藤 次郎's registry record carries the postcode.
        long load = jdbc.sql("""
                insert into extract_load (source_code, month, file_name, sha256, size_bytes, encoding, policy, status, rows_total, rows_loaded,
                                          rows_rejected, problems_total, current, uploaded_by)
                values ('juki', date '2026-04-01', 'juki.csv', repeat('a', 64), 1, 'UTF-8', 'reject-file', 'LOADED', 1, 1, 0, 0, true, 't') returning id""")
                .query(Long.class).single();
        jdbc.sql("insert into extract_row (load_id, line_no, record_id, fields) values (:l, 2, 'J5', '{\"postcode\": \"123-4567\"}'::jsonb)").param("l", load).update();
        jdbc.sql("insert into record_link (run_id, source_code, record_id, person_id, is_child, match_probability) values (:r, 'juki', 'J5', 'PS00000000005', false, 1)")
                .param("r", run).update();
        // 髙橋 さくらこ has an open case and a consultation.
        long subject = jdbc.sql("""
                insert into child_subject (person_id, name, birth_date, sex, name_key, created_by) values ('PS00000000002', '髙橋 さくらこ', :b, 'F', :k, 't') returning id""")
                .param("b", takahashi.get(131).birth()).param("k", JapaneseText.nameKey("髙橋 さくらこ")).query(Long.class).single();
        long caseId = jdbc.sql("insert into case_file (case_no, child_id, status, caseworker) values (:c, :s, 'SUPPORT', 't') returning id")
                .param("c", caseNo).param("s", subject).query(Long.class).single();
        long consultation = jdbc.sql("""
                insert into consultation (consultation_no, received_at, channel, contact, urgency, staff, content_enc, case_id, origin, created_by)
                values ('S2026-000001', now(), 'PHONE', '母', 'LOW', 't', '\\x00'::bytea, :c, 'ENTERED', 't') returning id""")
                .param("c", caseId).query(Long.class).single();
        jdbc.sql("insert into consultation_child (consultation_id, child_id) values (:k, :s)").param("k", consultation).param("s", subject).update();
        caseworker = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
    }

    String page(String url) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(url).session(caseworker)).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    String search(String q, String... more) throws Exception {
        var req = get("/center/search").param("q", q).session(caseworker);
        for (int i = 0; i < more.length; i += 2) {
            req = req.param(more[i], more[i + 1]);
        }
        MockHttpServletResponse r = mvc.perform(req).andReturn().getResponse();
        assertThat(r.getStatus()).as(q).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    static List<String> refs(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("href=\"/center/children/(P[0-9A-Z]{12})\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void aCommonSurnameIsPagedWithItsTotalExactNameFirstThenChildrenThenYoungest() throws Exception {
        String first = search("髙橋");
        assertThat(first).contains("氏名で検索：133件", "1–50 件目（1 / 3 ページ）", "rel=\"next\"").doesNotContain("rel=\"prev\"", "style=");
        List<String> seen = new ArrayList<>(refs(first));
        seen.addAll(refs(search("髙橋", "page", "2")));
        String last = search("髙橋", "page", "3");
        assertThat(last).contains("101–133 件目（3 / 3 ページ）").doesNotContain("rel=\"next\"");
        seen.addAll(refs(last));
        // Every resident once, children (youngest first) before adults (youngest first).
        List<String> expected = takahashi.stream()
                .sorted(java.util.Comparator.comparing((Person p) -> !p.child(today)).thenComparing(Person::birth, java.util.Comparator.reverseOrder()).thenComparing(Person::id))
                .map(Person::id).toList();
        assertThat(seen).isEqualTo(expected);

        // The exact full name comes before every prefix match, adult or not.
        List<String> sakura = refs(search("髙橋 さくら"));
        assertThat(sakura).containsExactly("PS00000000001", "PS00000000002");
        // Sources by their names, sex in words, ages.
        assertThat(first).contains("住民記録、健康管理", "<td>女</td>").doesNotContain(">juki", "juki kenko");
        assertThat(first).contains(">" + Period.between(takahashi.get(1).birth(), today).getYears() + "歳<");
    }

    @Test
    void filtersByAgeBandTownAndOpenCaseKeepTheirTotals() throws Exception {
        long juniors = takahashi.stream().filter(p -> {
            int age = Period.between(p.birth(), today).getYears();
            return age >= 12 && age <= 14;
        }).count();
        assertThat(search("髙橋", "age", "junior")).contains("氏名で検索：" + juniors + "件");
        long kawabata = takahashi.stream().filter(p -> p.town().equals("川端町")).count();
        String town = search("髙橋", "town", "川端町");
        assertThat(town).contains("氏名で検索：" + kawabata + "件");
        assertThat(refs(town)).allMatch(r -> takahashi.stream().filter(p -> p.id().equals(r)).findFirst().orElseThrow().town().equals("川端町"));
        String open = search("髙橋", "open", "1");
        assertThat(refs(open)).containsExactly("PS00000000002");
        assertThat(open).contains(caseNo);
        // The pager keeps the filters.
        assertThat(search("髙橋", "town", "川端町")).contains("town=%E5%B7%9D%E7%AB%AF%E7%94%BA");
    }

    @Test
    void everyDateNotationANameWithABirthYearNumbersAndPostcodes() throws Exception {
        for (String q : List.of("2020年4月1日", "２０２０年４月１日", "令和2年4月1日", "R2.4.1", "2020-04-01", "2020/4/1")) {
            assertThat(refs(search(q))).as(q).containsExactlyInAnyOrder("PS00000000003", "PS00000000004");
        }
        long born2020 = takahashi.stream().filter(p -> p.birth().getYear() == 2020).count();
        assertThat(born2020).isGreaterThan(1);
        for (String q : List.of("髙橋 令和2年", "高橋 2020年", "髙橋 R2", "令和2年 髙橋")) {
            String html = search(q);
            assertThat(html).as(q).contains("で検索：" + born2020 + "件");
            assertThat(refs(html)).as(q).contains("PS00000000003").doesNotContain("PS00000000004");
        }
        assertThat(refs(search("髙橋 2020年4月1日"))).containsExactly("PS00000000003");
        for (String q : List.of("〒123-4567", "1234567", "１２３－４５６７")) {
            assertThat(refs(search(q))).as(q).containsExactly("PS00000000005");
        }
        String consultation = search("s2026-000001");
        assertThat(consultation).contains("相談番号で検索：1件");
        assertThat(refs(consultation)).containsExactly("PS00000000002");
        // A case number opens the case.
        MockHttpServletResponse c = mvc.perform(get("/center/search").param("q", caseNo).session(caseworker)).andReturn().getResponse();
        assertThat(c.getStatus()).isEqualTo(302);
        assertThat(c.getRedirectedUrl()).isEqualTo("/center/cases/" + caseNo);
    }

    @Test
    void searchesAreAuditedWithTheirTotalsAndBadInputIs400() throws Exception {
        String who = users.ensure(Role.CENTER_CASEWORKER);
        long before = audit.count(AuditAction.CHILD_SEARCHED, who);
        search("髙橋", "age", "infant", "page", "2");
        assertThat(audit.count(AuditAction.CHILD_SEARCHED, who)).isEqualTo(before + 1);
        assertThat(jdbc.sql("select detail from audit_event where action = 'CHILD_SEARCHED' and actor = :u order by id desc limit 1").param("u", who)
                .query(String.class).single()).contains("髙橋", "0〜5歳", "hits", "page 2");
        for (String[] bad : List.of(new String[] {"page", "0"}, new String[] {"page", "x"}, new String[] {"age", "teen"}, new String[] {"open", "yes"})) {
            MockHttpServletResponse r = mvc.perform(get("/center/search").param("q", "髙橋").param(bad[0], bad[1]).session(caseworker)).andReturn().getResponse();
            assertThat(r.getStatus()).as(bad[0] + "=" + bad[1]).isEqualTo(400);
            assertThat(r.getContentAsString(StandardCharsets.UTF_8)).as(bad[0]).containsAnyOf("ページ番号", "年齢の区分", "ケースの条件");
        }
        for (Role role : List.of(Role.ANALYST, Role.DEPT_UPLOADER)) {
            String other = users.ensure(role);
            MockHttpSession s = TestUsers.signIn(mvc, other);
            long denied = audit.count(AuditAction.ACCESS_DENIED, other);
            assertThat(mvc.perform(get("/center/search").param("q", "髙橋").param("page", "2").session(s)).andReturn().getResponse().getStatus()).isEqualTo(403);
            assertThat(audit.count(AuditAction.ACCESS_DENIED, other)).isEqualTo(denied + 1);
        }
    }
}
