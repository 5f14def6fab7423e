package jp.mimamori.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.mimamori.core.link.Field;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.core.link.Model;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.ingest.FolderIngest;
import jp.mimamori.server.time.Times;
import jp.mimamori.synth.SyntheticCity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The 名寄せ model page on a real run: a small synthetic city ingested and linked twice, after enough
 * runs from before models were stored that the run list needs a second page. What the page shows is
 * checked against the model and blocking counts the run stored, read independently of the page.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-linkage", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkageModelPageTest {

    /** Runs from before the model and blocking counts were stored, one a month from January 2020. */
    static final int EARLIER = LinkageReport.PAGE + 12;

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;
    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;
    @Autowired AuditLog audit;
    @Autowired Times times;
    @Autowired LinkageReport report;

    @TempDir static Path city;

    long first;
    long latest;
    MockHttpSession supervisor;
    MockHttpSession admin;

    @BeforeAll
    void oldRunsThenACityLinkedTwice() throws Exception {
        for (int i = 0; i < EARLIER; i++) {
            // 15:30 UTC is 00:30 the next day in Japan.
            jdbc.sql("""
                    insert into link_run (started_at, finished_at, run_by, records, persons, matched_pairs, review_pairs)
                    values (timestamptz '2020-01-04 15:20:00+00' + make_interval(months => :i), timestamptz '2020-01-04 15:30:00+00' + make_interval(months => :i),
                            'cli:admin', 1000 + :i, 900, 80, 3)""").param("i", i).update();
        }
        SyntheticCity.generate(new SyntheticCity.Options(2_000, 17, YearMonth.of(2026, 4), city), m -> { });
        UserAccount loader = new UserAccount(0, "t-linkage-admin", "test", Role.ADMIN, Optional.empty(), true, OffsetDateTime.now());
        for (FolderIngest.Entry e : FolderIngest.manifest(city)) {
            ingest.load(loader, e, null);
        }
        first = identity.link(Actor.job("t-linkage-admin", Role.ADMIN)).runId();
        // The next run scores with the first one's model, as a monthly run does (train once, score monthly).
        latest = identity.link(Actor.job("t-linkage-admin", Role.ADMIN), identity.storedModel(first).orElseThrow()).runId();
        supervisor = TestUsers.signIn(mvc, users.ensure(Role.CENTER_SUPERVISOR));
        admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
    }

    String page(MockHttpSession s, String url) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(url).session(s)).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    /** From the element with this id to the end of its table. */
    static String table(String html, String id) {
        int a = html.indexOf("id=\"" + id + "\"");
        assertThat(a).as(id).isNotNegative();
        return html.substring(a, html.indexOf("</table>", a));
    }

    /** A table's body rows (the chunk before the first row and the head row left out). */
    static List<String> bodyRows(String table) {
        return Arrays.stream(table.split("<tr")).skip(2).toList();
    }

    /** As the page's #numbers.formatDecimal prints (DecimalFormat, half-even). */
    static String decimal(double x, String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(x);
    }

    long audits(AuditAction action, String actor, String target) {
        return jdbc.sql("select count(*) from audit_event where action = :a and actor = :u and target = :t")
                .param("a", action.name()).param("u", actor).param("t", target).query(Long.class).single();
    }

    @Test
    void theSupervisorSeesEveryFieldsLevelsWithMUAndWeightAndTheModelsParameters() throws Exception {
        long viewed = audits(AuditAction.LINK_MODEL_VIEWED, users.ensure(Role.CENTER_SUPERVISOR), "link_run:" + latest);
        String html = page(supervisor, "/center/linkage");
        Model model = identity.storedModel(latest).orElseThrow();

        assertThat(html).contains("実行 " + latest, "最新 / latest run");
        for (Field f : Field.values()) {
            String t = table(html, "field-" + f.ordinal());
            assertThat(t).contains(">" + f.labelJa() + "<");
            List<String> rows = bodyRows(t);
            assertThat(rows).as(f.labelJa()).hasSize(f.levels());
            for (int l = 0; l < f.levels(); l++) {
                String row = rows.get(l);
                assertThat(row).as("%s %s", f.labelJa(), f.levelJa(l)).contains(">" + f.levelJa(l) + "<",
                        ">" + LinkageReport.probability(model.m(f, l)) + "<", ">" + LinkageReport.probability(model.u(f, l)) + "<");
                if (f.isMissing(l)) {
                    assertThat(row).contains("欠損は重みなし").doesNotContain("<svg");
                } else {
                    assertThat(row).contains(">" + decimal(model.weight(f, l), "0.0") + "<", "<svg class=\"bits\"",
                            "class=\"" + (model.weight(f, l) < 0 ? "neg" : "pos") + "\"");
                }
            }
        }
        // English beside the Japanese, as the other pages give it.
        assertThat(html).contains(">姓<", ">surname<", ">生年月日<", ">birth date<", ">読み一致<", ">same reading<", ">日月入替<",
                ">day and month swapped<", ">部屋まで一致<", ">same dwelling and room<");
        assertThat(model.m(Field.BIRTH, 0)).as("a learned model: same birth date is common among matches").isGreaterThan(0.5);

        assertThat(html).contains(LinkageReport.probability(model.lambda()), decimal(model.priorWeight(), "0.0") + " ビット",
                "≥ " + model.matchThreshold() + "（重み / weight ≥ " + decimal(LinkageReport.logOdds(model.matchThreshold()), "0.0"),
                "≥ " + model.reviewThreshold() + "（", "−" + decimal(LinkageEngine.TWIN_BITS, "0.0") + " ビット / bits（", "双子の可能性");
        assertThat(model.sessions()).isNotEmpty();
        for (String s : model.sessions()) {
            assertThat(html).contains(">" + s + "<");
        }
        for (String n : model.notes()) {
            assertThat(html).contains(">" + LinkLabels.words(n) + "<");
        }

        // Name frequencies are counted from residents' names: their sizes, never a name.
        long surnames = jdbc.sql("select count(*) from link_run, jsonb_object_keys(model->'surname_tf') where id = :r").param("r", latest).query(Long.class).single();
        long givens = jdbc.sql("select count(*) from link_run, jsonb_object_keys(model->'given_tf') where id = :r").param("r", latest).query(Long.class).single();
        assertThat(surnames).isGreaterThan(50);
        assertThat(html).contains("姓 / surnames " + String.format("%,d", surnames) + " 種類、名 / given names " + String.format("%,d", givens) + " 種類");
        List<String> commonNames = jdbc.sql("""
                (select key from link_run, jsonb_each(model->'surname_tf') where id = :r order by value::float8 desc, key limit 10)
                union all (select key from link_run, jsonb_each(model->'given_tf') where id = :r order by value::float8 desc, key limit 10)""")
                .param("r", latest).query(String.class).list();
        assertThat(commonNames).hasSize(20);
        for (String name : commonNames) {
            assertThat(html).as("a name from the frequency tables").doesNotContain(name);
        }

        // Never an enum name, a JSON key or an inline style (the CSP forbids them; the bars are SVG geometry).
        for (Field f : Field.values()) {
            assertThat(html).doesNotContain(f.name());
        }
        assertThat(html).doesNotContain("surname_tf", "twin_bits", "skipped_blocks", "style=");
        assertThat(audits(AuditAction.LINK_MODEL_VIEWED, users.ensure(Role.CENTER_SUPERVISOR), "link_run:" + latest)).isEqualTo(viewed + 1);
    }

    @Test
    void everyBlockingPassIsARowWithItsCountsAndComparisonsPerRecord() throws Exception {
        String html = page(admin, "/center/linkage");
        long records = jdbc.sql("select records from link_run where id = :r").param("r", latest).query(Long.class).single();
        List<Object[]> stored = jdbc.sql("""
                select e->>'pass', (e->>'comparisons')::bigint, (e->>'skipped_blocks')::bigint, (e->>'skipped_records')::bigint
                from link_run, jsonb_array_elements(blocking) with ordinality b(e, n) where id = :r order by n""").param("r", latest)
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).list();
        assertThat(stored).extracting(p -> (String) p[0]).isEqualTo(LinkageEngine.passNames());
        List<String> rows = bodyRows(table(html, "passes"));
        assertThat(rows).hasSize(stored.size());
        long compared = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] name = ((String) stored.get(i)[0]).split("\\s*/ ", 2);
            long comparisons = (Long) stored.get(i)[1];
            compared += comparisons;
            assertThat(rows.get(i)).contains(">" + (i + 1) + "<", ">" + name[0] + "<", ">" + name[1] + "<", ">" + String.format("%,d", comparisons) + "<",
                    ">" + String.format("%,d", (Long) stored.get(i)[2]) + "<", ">" + String.format("%,d", (Long) stored.get(i)[3]) + "<",
                    ">" + decimal(comparisons / (double) records, "#,##0.00") + "<");
        }
        assertThat(compared).as("a real run compares pairs").isPositive();
        assertThat(html).contains(">宛名番号<", ">shared identifier<", ">生年月日・性別<", ">birth date and sex<");
    }

    @Test
    void theRunListShowsJapanTimeWithWarekiAndPagesBackThroughEveryRun() throws Exception {
        String html = page(supervisor, "/center/linkage");
        String list = table(html, "run-list");
        List<String> rows = bodyRows(list);
        assertThat(rows).hasSize(LinkageReport.PAGE);
        OffsetDateTime finished = jdbc.sql("select finished_at from link_run where id = :r").param("r", latest).query(OffsetDateTime.class).single();
        long records = jdbc.sql("select records from link_run where id = :r").param("r", latest).query(Long.class).single();
        long persons = jdbc.sql("select persons from link_run where id = :r").param("r", latest).query(Long.class).single();
        assertThat(rows.get(0)).startsWith(" class=\"current\"").contains("href=\"/center/linkage/" + latest + "\"", times.dateTime(finished),
                ">" + String.format("%,d", records) + "<", ">" + String.format("%,d", persons) + "<");
        assertThat(times.dateTime(finished)).contains("（令和");
        assertThat(html).contains("全 " + (EARLIER + 2) + " 件");
        long older = latest - LinkageReport.PAGE + 1;
        assertThat(html).contains("href=\"/center/linkage?before=" + older + "\"").doesNotContain("id=\"newest\"");

        String second = page(supervisor, "/center/linkage?before=" + older);
        List<String> rest = bodyRows(table(second, "run-list"));
        assertThat(rest).hasSize(EARLIER + 2 - LinkageReport.PAGE);
        // The oldest run finished at 15:30 UTC on 4 January 2020: 00:30 on the 5th in Japan.
        assertThat(rest.get(rest.size() - 1)).contains("2020-01-05 00:30（令和2年1月5日）", ">1,000<", ">900<", ">80<", ">3<");
        assertThat(second).contains("id=\"newest\"").doesNotContain("id=\"older\"");
        // The page still shows the latest run's model while listing older runs.
        assertThat(second).contains("実行 " + latest, "id=\"field-0\"");
    }

    @Test
    void anEarlierRunIsChosenFromTheListAndARunWithoutAStoredModelSaysSo() throws Exception {
        String html = page(admin, "/center/linkage/" + first);
        assertThat(html).contains("実行 " + first, "以前の実行 / an earlier run", "href=\"/center/linkage\"", "id=\"field-0\"", "id=\"passes\"");
        assertThat(bodyRows(table(html, "run-list"))).anySatisfy(r -> assertThat(r).startsWith(" class=\"current\"").contains(">" + first + "<"));
        Model model = identity.storedModel(first).orElseThrow();
        assertThat(html).contains(">" + LinkageReport.probability(model.m(Field.SURNAME, 0)) + "<");

        long oldest = jdbc.sql("select min(id) from link_run").query(Long.class).single();
        String old = page(admin, "/center/linkage/" + oldest);
        assertThat(old).contains("実行 " + oldest, "id=\"no-model\"", "id=\"no-blocking\"").doesNotContain("id=\"field-0\"");

        assertThat(mvc.perform(get("/center/linkage/999999").session(admin)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/center/linkage?before=abc").session(admin)).andReturn().getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void theReviewQueuesEvidenceBarsAreTheSameSvgBarsWithoutAStyleAttribute() throws Exception {
        assertThat(jdbc.sql("select count(*) from link_review where run_id = :r").param("r", latest).query(Long.class).single())
                .as("a 2,000-resident city leaves pairs to a person").isPositive();
        String html = page(supervisor, "/center/review");
        assertThat(html).contains("class=\"waterfall\"", "<svg class=\"bits\"", "viewBox=\"-25.000 0 50.000 10\"").doesNotContain("style=");
    }

    @Test
    void everyOtherRoleIsRefusedAndAuditedAndOnlyTheAllowedRolesSeeItInTheMenu() throws Exception {
        for (Role role : List.of(Role.CENTER_CASEWORKER, Role.ANALYST, Role.DEPT_UPLOADER)) {
            String who = users.ensure(role);
            MockHttpSession s = TestUsers.signIn(mvc, who);
            long denied = audit.count(AuditAction.ACCESS_DENIED, who);
            for (String url : List.of("/center/linkage", "/center/linkage/" + latest)) {
                assertThat(mvc.perform(get(url).session(s)).andReturn().getResponse().getStatus()).as("%s %s", role, url).isEqualTo(403);
                assertThat(audits(AuditAction.ACCESS_DENIED, who, "GET " + url)).as("%s %s", role, url).isPositive();
            }
            assertThat(audit.count(AuditAction.ACCESS_DENIED, who)).isEqualTo(denied + 2);
            assertThat(page(s, "/")).doesNotContain("href=\"/center/linkage\"");
        }
        assertThat(page(supervisor, "/")).contains("href=\"/center/linkage\"");
        assertThat(page(admin, "/")).contains("href=\"/center/linkage\"");

        // The service checks again: a caseworker reaching it past the URL rule is refused there too.
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("t-center-caseworker", "n/a",
                AuthorityUtils.createAuthorityList(Role.CENTER_CASEWORKER.authority())));
        try {
            assertThatThrownBy(() -> report.report(Actor.current(), null)).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> report.runs(null)).isInstanceOf(AuthorizationDeniedException.class);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
