package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import jp.mimamori.core.extract.BadRowPolicy;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.access.UserRepository;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A city's own definition (mimamori.sources.dir) replaces the shipped one; here juki is reject-file. The pages
 * and the command line say the policy (方針) in words and name the uploader by display name, never the key
 * ({@code reject-file}) or the user id.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-reject", "mimamori.db.embedded.clean=true",
    "mimamori.sources.dir=src/test/resources/sources-reject"})
@AutoConfigureMockMvc
class RejectFilePolicyTest {

    @Autowired IngestService ingest;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired UserRepository accounts;

    @Test
    void oneBadRowRejectsTheWholeFileAndAGoodFileLoads() throws Exception {
        UserAccount admin = accounts.find(users.ensure(Role.ADMIN)).orElseThrow();
        IngestTestSupport.Snapshot before = IngestTestSupport.Snapshot.of(jdbc);
        LoadReport bad = ingest.load(admin, SourceSystem.JUKI, YearMonth.of(2026, 4), "one-bad.csv",
                BrokenFilesTest.fixture("juki-one-bad-code.csv"), null);
        assertThat(bad.status()).isEqualTo("REJECTED");
        assertThat(bad.policy()).as("the key is what the load keeps").isEqualTo("reject-file");
        assertThat(bad.summaryEn()).contains("1 bad rows", BadRowPolicy.REJECT_FILE.labelEn()).doesNotContain("reject-file");
        assertThat(bad.summaryJa()).contains(BadRowPolicy.REJECT_FILE.labelJa()).doesNotContain("reject-file");
        assertThat(bad.policyLabel()).isEqualTo("不正な行があればファイル全体を却下 / any bad row rejects the whole file");
        assertThat(IngestTestSupport.Snapshot.of(jdbc)).isEqualTo(before);

        LoadReport good = ingest.load(admin, SourceSystem.JUKI, YearMonth.of(2026, 4), "good.csv",
                java.nio.file.Path.of(getClass().getResource("/juki-good.csv").toURI()), null);
        assertThat(good.status()).isEqualTo("LOADED");
        assertThat(good.rowsLoaded()).isEqualTo(20);
        assertThat(good.current()).isTrue();
        assertThat(ingest.policies(java.util.List.of(SourceSystem.JUKI))).singleElement()
                .satisfies(p -> assertThat(p.ja()).as("the upload page's words follow the definition in force").contains("1行でもあれば"));

        // A summary stored before summaries said the policy in words still reads in words.
        jdbc.sql("update extract_load set summary_ja = '不正な行が 1 行あるため、ファイル全体を取り込みませんでした（方針: reject-file）',"
                + " summary_en = '1 bad rows; the whole file was rejected (policy reject-file)' where id = :id").param("id", bad.id()).update();

        MockHttpSession session = TestUsers.signIn(mvc, admin.username());
        Document report = page(session, "/dept/loads/" + bad.id());
        assertThat(report.getElementById("policy").text()).isEqualTo(BadRowPolicy.REJECT_FILE.label());
        assertThat(report.getElementById("summary").text()).contains("（方針: " + BadRowPolicy.REJECT_FILE.labelJa() + "）");
        Document history = page(session, "/dept");
        assertThat(history.select("#loads tbody tr")).hasSize(2)
                .allSatisfy(tr -> assertThat(tr.child(9).text()).isEqualTo(admin.displayName()));
        Document loads = page(session, "/admin/loads");
        assertThat(loads.select("#source-juki .current-load .policy").text()).isEqualTo(BadRowPolicy.REJECT_FILE.label());
        assertThat(loads.select("#source-juki .current-load").text()).contains(admin.displayName());
        for (Document d : java.util.List.of(report, history, loads)) {
            String text = d.body().text();
            assertThat(text).as(d.title()).doesNotContain("reject-file", "quarantine-rows", admin.username());
        }
    }

    Document page(MockHttpSession session, String url) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(url).session(session)).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return Jsoup.parse(r.getContentAsString(StandardCharsets.UTF_8));
    }
}
